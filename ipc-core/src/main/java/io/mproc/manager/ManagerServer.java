package io.mproc.manager;

import io.mproc.internal.ProcessIdentity;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionNotFoundException;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageRing;
import io.mproc.queue.ObjectCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The manager's server process: the objects it holds ({@link ServerObjects}) and its threads
 * ({@link ServerThread}), one per request ring, each serving its share of the client slots; the process's main
 * thread is server thread 0. Started by {@link Manager#start} as a daemon child process ({@link #main}), it runs
 * until a shutdown request, or until its parent ends. How many threads, and why one is the default: see the package
 * documentation.
 */
public final class ManagerServer
{
    private static final Logger LOG = LoggerFactory.getLogger(ManagerServer.class);
    /** After a shutdown, how long the other server threads get to end (one may be stuck in a caller's function). */
    private static final long THREADS_END_GRACE_MS = 5_000;

    final String name;
    final ServerObjects objects;
    private final Namespace namespace;
    private final MappedRegion control;
    private final UnsafeBuffer controlBuffer;
    private final int body;
    private final MessageRing[] requests;
    private final MessageRing[] replies;
    private final ServerThread[] threads;
    private final LocalInvoker localInvoker;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean running = true;

    private ManagerServer(final Namespace namespace, final String name, final AllowList allowList)
    {
        this.namespace = namespace;
        this.name = name;
        this.control = namespace.open(name, ManagerDescriptor.anySlots());
        this.controlBuffer = control.buffer();
        this.body = control.bodyOffset();
        this.replies = new MessageRing[controlBuffer.getInt(body + ManagerDescriptor.SLOT_COUNT_OFFSET)];
        final int threadCount = ManagerDescriptor.checkServerThreads(
            controlBuffer.getInt(body + ManagerDescriptor.SERVER_THREADS_OFFSET));
        this.requests = new MessageRing[threadCount];
        this.threads = new ServerThread[threadCount];
        this.objects = new ServerObjects(name);
        this.localInvoker = new LocalInvoker(objects, control);
        final ObjectLocks locks = threadCount > 1 ? new ObjectLocks() : null;
        for (int i = 0; i < threadCount; i++)
        {
            requests[i] = MessageRing.open(namespace, ManagerDescriptor.requestsName(name, i));
            final ObjectCodec codec = new ObjectCodec(allowList).at("manager '" + name + "'",
                Manager.ALLOW_CALL_TEMPLATE);
            threads[i] = new ServerThread(this, i, requests[i], codec, locks);
        }
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
        LOG.debug("manager '{}' serving in {} with {} thread(s)", name, namespace.directory(), threads.length);
        final Thread[] others = new Thread[threads.length - 1];
        for (int i = 1; i < threads.length; i++)
        {
            others[i - 1] = new Thread(threads[i], "manager-" + name + "-" + i);
            others[i - 1].setDaemon(true); // one stuck in a caller's function must not keep the process alive
            others[i - 1].start();
        }
        threads[0].run();
        if (joinAll(others))
        {
            release();
        }
        else
        {
            LOG.warn("manager '{}': a server thread did not end within {} ms of the shutdown (a call blocks it); " +
                "the process ends without unmapping its files", name, THREADS_END_GRACE_MS);
        }
    }

    private boolean joinAll(final Thread[] others)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREADS_END_GRACE_MS);
        try
        {
            for (final Thread thread : others)
            {
                final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs > 0)
                {
                    thread.join(leftMs);
                }
                if (thread.isAlive())
                {
                    return false;
                }
            }
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @return true until the server stops.
     */
    boolean isRunning()
    {
        return running;
    }

    /**
     * Marks the manager shut down and refuses new requests on every ring, waking every server thread that waits;
     * each then answers what its ring still holds with "not running". Idempotent; from any server thread.
     */
    void stop()
    {
        if (!stopped.compareAndSet(false, true))
        {
            return;
        }
        running = false;
        controlBuffer.putIntVolatile(body + ManagerDescriptor.STATE_OFFSET, ManagerDescriptor.SHUT_DOWN);
        for (final MessageRing ring : requests)
        {
            ring.shutdown();
        }
    }

    /**
     * Once every server thread has ended: wakes every client waiting for a reply and unmaps the manager's files.
     */
    private void release()
    {
        for (final MessageRing ring : replies)
        {
            if (null != ring)
            {
                ring.shutdown();
                ring.close();
            }
        }
        Invokers.unregister(namespace.directory(), name, localInvoker);
        for (final MessageRing ring : requests)
        {
            ring.close();
        }
        control.close();
        LOG.debug("manager '{}' shut down", name);
    }

    /**
     * @return true when {@code slot} is a slot of this manager served by server thread {@code thread}.
     */
    boolean isSlotOf(final int slot, final int thread)
    {
        return slot >= 0 && slot < replies.length && ManagerDescriptor.serverThreadOf(slot, threads.length) == thread;
    }

    /**
     * @return the owner word of the client process holding {@code slot}.
     */
    long slotOwner(final int slot)
    {
        return controlBuffer.getLongVolatile(ManagerDescriptor.slotIndex(body, slot));
    }

    /**
     * @return the reply ring of {@code slot}, opened on its first use, or null when it has none. Called only by the
     * server thread that serves the slot.
     */
    MessageRing replyRing(final int slot)
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
