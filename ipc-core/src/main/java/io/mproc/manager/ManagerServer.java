package io.mproc.manager;

import io.mproc.internal.ProcessIdentity;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionNotFoundException;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageRing;
import io.mproc.queue.MessageTooLargeException;
import io.mproc.queue.ObjectCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.mproc.manager.ManagerProtocol.*;

/**
 * The manager's server: one thread that reads requests from the request ring, runs them on the objects it holds
 * ({@link ServerObjects}) and writes each reply to the reply ring of the caller's slot. One thread, because every
 * operation is a few hundred nanoseconds of work on a hash map or a list against a cross-process round trip of
 * about a microsecond: a second thread would need a lock around the objects and takes a core from the clients on a
 * small machine. Started by {@link Manager#start} as a daemon child process ({@link #main}), it runs until a
 * shutdown request, or until its parent ends.
 */
public final class ManagerServer implements MessageHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(ManagerServer.class);
    private static final int BATCH = 64;
    private static final long FULL_REPLY_RING_GIVE_UP_NS = TimeUnit.SECONDS.toNanos(5);

    private final Namespace namespace;
    private final String name;
    private final MappedRegion control;
    private final UnsafeBuffer controlBuffer;
    private final int body;
    private final MessageRing requests;
    private final MessageRing[] replies;
    private final ObjectCodec codec;
    private final ServerObjects objects;
    private final LocalInvoker localInvoker;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private boolean running = true;
    private boolean draining;

    private ManagerServer(final Namespace namespace, final String name, final AllowList allowList)
    {
        this.namespace = namespace;
        this.name = name;
        this.control = namespace.open(name, ManagerDescriptor.anySlots());
        this.controlBuffer = control.buffer();
        this.body = control.bodyOffset();
        this.requests = MessageRing.open(namespace, ManagerDescriptor.requestsName(name));
        this.replies = new MessageRing[controlBuffer.getInt(body + ManagerDescriptor.SLOT_COUNT_OFFSET)];
        this.codec = new ObjectCodec(allowList).at("manager '" + name + "'", Manager.ALLOW_CALL_TEMPLATE);
        this.objects = new ServerObjects(name);
        this.localInvoker = new LocalInvoker(objects, control);
    }

    /**
     * Entry point of the server process.
     *
     * @param args the namespace folder, the manager's name, then any class names to allow.
     */
    public static void main(final String[] args)
    {
        final Namespace namespace = Namespace.open(Paths.get(args[0]));
        final String name = ManagerDescriptor.validateName(args[1]);
        AllowList allowList = AllowList.NONE;
        for (int i = 2; i < args.length; i++)
        {
            allowList = args[i].endsWith(".*") ? allowList.allowPackage(args[i].substring(0, args[i].length() - 2)) :
                allowList.allowClassNames(args[i]);
        }
        new ManagerServer(namespace, name, allowList).run();
    }

    private void run()
    {
        Invokers.register(namespace.directory(), name, localInvoker);
        controlBuffer.putLongVolatile(body + ManagerDescriptor.SERVER_OFFSET, ProcessIdentity.currentOwnerWord());
        controlBuffer.putIntVolatile(body + ManagerDescriptor.STATE_OFFSET, ManagerDescriptor.RUNNING);
        LOG.debug("manager '{}' serving in {}", name, namespace.directory());
        try
        {
            while (running)
            {
                if (0 == requests.read(this, BATCH))
                {
                    requests.awaitReadable(1, TimeUnit.SECONDS);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            stop();
        }
    }

    /**
     * Marks the manager shut down, refuses new requests, answers those already queued with "not running", and wakes
     * every client waiting for a reply.
     */
    private void stop()
    {
        controlBuffer.putIntVolatile(body + ManagerDescriptor.STATE_OFFSET, ManagerDescriptor.SHUT_DOWN);
        requests.shutdown();
        draining = true;
        while (requests.read(this, BATCH) > 0)
        {
            // answered by onMessage
        }
        for (final MessageRing ring : replies)
        {
            if (null != ring)
            {
                ring.shutdown();
                ring.close();
            }
        }
        Invokers.unregister(namespace.directory(), name, localInvoker);
        requests.close();
        control.close();
        LOG.debug("manager '{}' shut down", name);
    }

    public void onMessage(final int op, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long callId = buffer.getLong(index + CALL_ID_OFFSET);
        final int slot = buffer.getInt(index + SLOT_OFFSET);
        if (slot < 0 || slot >= replies.length)
        {
            LOG.warn("manager '{}' dropped a request naming no slot: slot={}, slots={}", name, slot, replies.length);
            return;
        }
        int replyLength;
        int replyType = REPLY_VALUE;
        try
        {
            if (draining)
            {
                throw new ManagerNotRunningException("manager '" + name + "' was shut down");
            }
            final Object result = execute(op, buffer, index);
            replyLength = writeValueReply(codec, scratch, callId, result);
        }
        catch (final Throwable ex)
        {
            replyType = REPLY_ERROR;
            replyLength = writeErrorReply(codec, scratch, callId, ex.getClass().getName(), ex.getMessage());
        }
        if (Ops.SHUTDOWN == op)
        {
            running = false;
        }
        reply(slot, replyType, replyLength, callId);
    }

    private Object execute(final int op, final DirectBuffer buffer, final int index) throws Exception
    {
        final int argCount = buffer.getInt(index + ARG_COUNT_OFFSET);
        final long objectId = buffer.getLong(index + OBJECT_ID_OFFSET);
        int position = index + REQUEST_ARGS_OFFSET;
        Object a = null;
        Object b = null;
        Object c = null;
        if (argCount > 0)
        {
            a = readArg(codec, buffer, position);
            position = skipArg(buffer, position);
        }
        if (argCount > 1)
        {
            b = readArg(codec, buffer, position);
            position = skipArg(buffer, position);
        }
        if (argCount > 2)
        {
            c = readArg(codec, buffer, position);
        }
        return objects.execute(op, objectId, a, b, c);
    }

    private void reply(final int slot, final int replyType, final int length, final long callId)
    {
        final MessageRing ring = replyRing(slot);
        if (null == ring)
        {
            return;
        }
        try
        {
            if (!ring.write(replyType, scratch, 0, length))
            {
                replyToFullRing(slot, ring, replyType, length);
            }
        }
        catch (final MessageTooLargeException ex)
        {
            final int errorLength = writeErrorReply(codec, scratch, callId, ex.getClass().getName(),
                "reply too large for the reply ring of manager '" + name + "': " + ex.getMessage() +
                "; read it in parts (e.g. apply a function that returns a part)");
            ring.write(REPLY_ERROR, scratch, 0, errorLength);
        }
    }

    /**
     * Cold path: a reply ring full means its client stopped reading (it died, or a thread left mid-call). Wait while
     * its process lives, up to a bound, then drop the reply: one client must not stop the server.
     */
    private void replyToFullRing(final int slot, final MessageRing ring, final int replyType, final int length)
    {
        final long deadline = System.nanoTime() + FULL_REPLY_RING_GIVE_UP_NS;
        final int slotIndex = ManagerDescriptor.slotIndex(body, slot);
        while (!ring.write(replyType, scratch, 0, length))
        {
            if (System.nanoTime() > deadline || !ProcessIdentity.isOwnerAlive(controlBuffer.getLongVolatile(slotIndex)))
            {
                LOG.warn("manager '{}' dropped a reply to slot {}: its reply ring is full and its client is gone " +
                    "or not reading", name, slot);
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private MessageRing replyRing(final int slot)
    {
        MessageRing ring = replies[slot];
        if (null == ring)
        {
            try
            {
                ring = MessageRing.open(namespace, ManagerDescriptor.replyName(name, slot));
                replies[slot] = ring;
            }
            catch (final RegionNotFoundException ex)
            {
                LOG.warn("manager '{}' dropped a reply to slot {}: it has no reply ring", name, slot);
            }
        }
        return ring;
    }
}
