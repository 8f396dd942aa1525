package io.mproc.manager;

import io.mproc.internal.ProcessIdentity;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionNotFoundException;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageRing;
import io.mproc.queue.ObjectCodec;
import io.mproc.queue.QueueClosedException;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A process's connection to a manager's server: the request ring, and one reply slot per thread that calls
 * ({@link ReplyChannel}). A call writes its request, then waits on its reply ring with the namespace's wait strategy
 * (spin, then sleep); every {@link Manager#LIVENESS_CHECK_INTERVAL_MS} ms without a reply it checks, on that cold
 * path only, that the server still runs, so a call to a dead manager fails within that bound.
 */
final class ManagerClient implements Invoker
{
    /** What a call given up on returns ({@link #invokeWithin}). */
    private static final Object NO_REPLY = new Object();

    private static final Logger LOG = LoggerFactory.getLogger(ManagerClient.class);
    /** Capacity of each reply ring: replies of up to 128 KiB. */
    static final int REPLY_CAPACITY = 1024 * 1024;

    final Namespace namespace;
    final String name;
    private final MappedRegion control;
    private final UnsafeBuffer controlBuffer;
    private final int body;
    private final int slotCount;
    /** One per server thread: a slot's requests go to that of the server thread serving the slot. */
    private final MessageRing[] requests;
    private final ObjectCodec codec;
    private final ConcurrentHashMap<Long, ManagedProxy> proxies = new ConcurrentHashMap<>();
    private final ThreadLocal<ReplyChannel> channels = new ThreadLocal<>();
    private final List<ReplyChannel> allChannels = new ArrayList<>();
    private volatile boolean closed;

    ManagerClient(final Namespace namespace, final String name, final MappedRegion control, final AllowList allowList)
    {
        this.namespace = namespace;
        this.name = name;
        this.control = control;
        this.controlBuffer = control.buffer();
        this.body = control.bodyOffset();
        this.slotCount = controlBuffer.getInt(body + ManagerDescriptor.SLOT_COUNT_OFFSET);
        this.requests = openRequestRings(namespace, name,
            controlBuffer.getInt(body + ManagerDescriptor.SERVER_THREADS_OFFSET));
        this.codec = new ObjectCodec(allowList).at("manager '" + name + "'", Manager.ALLOW_CALL_TEMPLATE);
    }

    private static MessageRing[] openRequestRings(final Namespace namespace, final String name, final int threads)
    {
        final MessageRing[] rings = new MessageRing[ManagerDescriptor.checkServerThreads(threads)];
        try
        {
            for (int thread = 0; thread < threads; thread++)
            {
                rings[thread] = MessageRing.open(namespace, ManagerDescriptor.requestsName(name, thread));
            }
        }
        catch (final RuntimeException ex)
        {
            closeAll(rings);
            throw ex;
        }
        return rings;
    }

    private static void closeAll(final MessageRing[] rings)
    {
        for (final MessageRing ring : rings)
        {
            if (null != ring)
            {
                ring.close();
            }
        }
    }

    /**
     * Connects to a running manager.
     *
     * @throws ManagerNotRunningException when there is no such manager, or it does not run.
     */
    static ManagerClient connect(final Namespace namespace, final String name)
    {
        return connect(namespace, name, AllowList.NONE);
    }

    static ManagerClient connect(final Namespace namespace, final String name, final AllowList allowList)
    {
        ManagerDescriptor.validateName(name);
        final MappedRegion control;
        try
        {
            control = namespace.open(name, ManagerDescriptor.anySlots());
        }
        catch (final RegionNotFoundException ex)
        {
            throw new ManagerNotRunningException("no manager of that name in " + namespace.directory() +
                ": name=" + name + " (start it with Manager.start)", ex);
        }
        try
        {
            final ManagerClient client = new ManagerClient(namespace, name, control, allowList);
            client.checkRunning();
            return client;
        }
        catch (final RuntimeException ex)
        {
            control.close();
            throw ex;
        }
    }

    public Object invoke(final int op, final long objectId, final int argCount, final Object a, final Object b,
        final Object c)
    {
        if (closed)
        {
            throw new IllegalStateException("manager handle is closed: " + control.path());
        }
        final ReplyChannel channel = channel();
        final long callId = channel.startCall();
        final int length = ManagerProtocol.writeRequest(
            codec, channel.scratch, callId, channel.slot, objectId, argCount, a, b, c);
        send(op, channel, length);
        return awaitReply(channel, Long.MAX_VALUE);
    }

    /**
     * As {@link #invoke} without arguments, giving up after a timeout: for a shutdown, which must not wait for ever
     * behind a call that blocks the server. A reply that comes after is dropped (its call id is no longer awaited).
     *
     * @return false when no reply came within the timeout.
     */
    boolean invokeWithin(final int op, final Duration timeout)
    {
        if (closed)
        {
            throw new IllegalStateException("manager handle is closed: " + control.path());
        }
        final ReplyChannel channel = channel();
        final long callId = channel.startCall();
        final int length = ManagerProtocol.writeRequest(codec, channel.scratch, callId, channel.slot, 0, 0, null, null,
            null);
        send(op, channel, length);
        return NO_REPLY != awaitReply(channel, System.nanoTime() + timeout.toNanos());
    }

    public Object function(final Object function, final String what)
    {
        return Functions.serialize(function, what);
    }

    public MappedRegion region()
    {
        return control;
    }

    @SuppressWarnings("unchecked")
    public <P extends ManagedProxy> P proxy(final long id, final ProxyFactory<P> factory)
    {
        final ManagedProxy known = proxies.get(id);
        return null != known ? (P)known : (P)proxies.computeIfAbsent(id, (i) -> factory.make(this, i));
    }

    private void send(final int op, final ReplyChannel channel, final int length)
    {
        try
        {
            final MessageRing requests = channel.requests;
            if (requests.write(op, channel.scratch, 0, length))
            {
                return;
            }
            // cold path: the ring is full (a burst from many clients, or a server that stopped reading)
            long nextCheckNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Manager.LIVENESS_CHECK_INTERVAL_MS);
            while (!requests.write(op, channel.scratch, 0, length))
            {
                LockSupport.parkNanos(20_000);
                if (System.nanoTime() - nextCheckNs > 0)
                {
                    checkRunning();
                    nextCheckNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Manager.LIVENESS_CHECK_INTERVAL_MS);
                }
            }
        }
        catch (final QueueClosedException ex)
        {
            checkRunning();
            throw new ManagerNotRunningException("manager '" + name + "' was shut down: " + control.path(), ex);
        }
    }

    private Object awaitReply(final ReplyChannel channel, final long deadlineNs)
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                channel.replies.read(channel, 16);
                if (channel.isDone())
                {
                    return channel.result();
                }
                if (Long.MAX_VALUE != deadlineNs && System.nanoTime() - deadlineNs > 0)
                {
                    return NO_REPLY;
                }
                try
                {
                    if (!channel.replies.awaitReadable(Manager.LIVENESS_CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS))
                    {
                        checkRunning();
                    }
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true; // the call runs to its end: its request is already with the server
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Cold path: checks that the manager runs.
     *
     * @throws ManagerNotRunningException when it was shut down or its server process is gone.
     */
    void checkRunning()
    {
        final int state = controlBuffer.getIntVolatile(body + ManagerDescriptor.STATE_OFFSET);
        final long server = controlBuffer.getLongVolatile(body + ManagerDescriptor.SERVER_OFFSET);
        if (ManagerDescriptor.SHUT_DOWN == state)
        {
            throw new ManagerNotRunningException("manager '" + name + "' was shut down: " + control.path());
        }
        if (ManagerDescriptor.RUNNING != state)
        {
            throw new ManagerNotRunningException("manager '" + name + "' has not started serving: state=" + state +
                ", " + control.path());
        }
        if (!ProcessIdentity.isOwnerAlive(server))
        {
            throw new ManagerNotRunningException("manager '" + name + "' is not running: its server process (pid " +
                ProcessIdentity.pidOf(server) + ") is gone; " + control.path());
        }
    }

    private ReplyChannel channel()
    {
        final ReplyChannel channel = channels.get();
        return null != channel ? channel : newChannel();
    }

    /**
     * Cold path, once per thread: reuses the slot of an ended thread of this process, or claims a free one, or takes
     * over one whose process died.
     */
    private ReplyChannel newChannel()
    {
        final Thread thread = Thread.currentThread();
        synchronized (allChannels)
        {
            for (final ReplyChannel channel : allChannels)
            {
                if (!channel.thread.isAlive())
                {
                    channel.thread = thread;
                    channel.dropStaleReplies();
                    channels.set(channel);
                    return channel;
                }
            }
            final int slot = claimSlot();
            final MessageRing ring;
            try
            {
                checkRunning(); // never create a reply ring for a manager shut down: its files are deleted
                ring = MessageRing.createOrOpen(namespace, ManagerDescriptor.replyName(name, slot), REPLY_CAPACITY);
            }
            catch (final RuntimeException ex)
            {
                controlBuffer.putLongVolatile(ManagerDescriptor.slotIndex(body, slot), 0);
                throw ex;
            }
            final ReplyChannel channel = new ReplyChannel(slot, ring,
                requests[ManagerDescriptor.serverThreadOf(slot, requests.length)], codec, thread);
            channel.dropStaleReplies();
            allChannels.add(channel);
            channels.set(channel);
            return channel;
        }
    }

    private int claimSlot()
    {
        final long me = ProcessIdentity.currentOwnerWord();
        for (int slot = 0; slot < slotCount; slot++)
        {
            final int index = ManagerDescriptor.slotIndex(body, slot);
            if (0 == controlBuffer.getLongVolatile(index) && controlBuffer.compareAndSetLong(index, 0, me))
            {
                return slot;
            }
        }
        for (int slot = 0; slot < slotCount; slot++)
        {
            final int index = ManagerDescriptor.slotIndex(body, slot);
            final long owner = controlBuffer.getLongVolatile(index);
            if (owner != me && !ProcessIdentity.isOwnerAlive(owner) && controlBuffer.compareAndSetLong(index, owner, me))
            {
                LOG.debug("manager '{}': slot {} taken over from dead process {}", name, slot,
                    ProcessIdentity.pidOf(owner));
                return slot;
            }
        }
        checkRunning();
        throw new IllegalStateException("manager '" + name + "' has no free client slot: all " + slotCount +
            " are held by threads of live processes; start it with more (Manager.builder(...).clientSlots(n)): " +
            control.path());
    }

    /**
     * Gives back this process's slots and unmaps the manager's files; proxies of this handle become unusable.
     */
    void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        Invokers.unregister(namespace.directory(), name, this);
        final long me = ProcessIdentity.currentOwnerWord();
        synchronized (allChannels)
        {
            for (final ReplyChannel channel : allChannels)
            {
                channel.replies.close();
                controlBuffer.compareAndSetLong(ManagerDescriptor.slotIndex(body, channel.slot), me, 0);
            }
            allChannels.clear();
        }
        closeAll(requests);
        control.close();
    }

    /**
     * @return the pid of the server process, or 0 before it serves.
     */
    long serverPid()
    {
        return ProcessIdentity.pidOf(controlBuffer.getLongVolatile(body + ManagerDescriptor.SERVER_OFFSET));
    }
}
