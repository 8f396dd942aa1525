package io.mproc.manager;

import io.mproc.internal.ProcessIdentity;
import io.mproc.queue.MessageRing;
import io.mproc.queue.MessageTooLargeException;
import io.mproc.queue.ObjectCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.mproc.manager.ManagerProtocol.*;

/**
 * One thread of a manager's server: reads the requests of its share of the client slots from its request ring,
 * runs them on the server's objects ({@link ServerObjects}, under {@link ObjectLocks} when the server has several
 * threads) and writes each reply to the reply ring of the caller's slot, which no other thread writes. An idle thread
 * waits on its ring with the namespace's wait strategy: it spins briefly, then sleeps in the kernel, so idle threads
 * cost no core.
 */
final class ServerThread implements MessageHandler, Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(ServerThread.class);
    private static final int BATCH = 64;
    private static final long FULL_REPLY_RING_GIVE_UP_NS = TimeUnit.SECONDS.toNanos(5);

    private final ManagerServer server;
    private final int index;
    private final MessageRing requests;
    private final ObjectCodec codec;
    /** Null with one server thread: it runs every operation alone. */
    private final ObjectLocks locks;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private boolean draining;

    ServerThread(final ManagerServer server, final int index, final MessageRing requests, final ObjectCodec codec,
        final ObjectLocks locks)
    {
        this.server = server;
        this.index = index;
        this.requests = requests;
        this.codec = codec;
        this.locks = locks;
    }

    /**
     * Serves until the server stops, then answers what is left on its ring with "not running".
     */
    public void run()
    {
        try
        {
            while (server.isRunning())
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
            server.stop();
            draining = true;
            while (requests.read(this, BATCH) > 0)
            {
                // answered by onMessage
            }
        }
    }

    public void onMessage(final int op, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long callId = buffer.getLong(index + CALL_ID_OFFSET);
        final int slot = buffer.getInt(index + SLOT_OFFSET);
        if (!server.isSlotOf(slot, this.index))
        {
            LOG.warn("manager '{}' dropped a request naming a slot that server thread {} does not serve: slot={}",
                server.name, this.index, slot);
            return;
        }
        int replyLength;
        int replyType = REPLY_VALUE;
        try
        {
            if (draining)
            {
                throw new ManagerNotRunningException("manager '" + server.name + "' was shut down");
            }
            replyLength = execute(op, callId, buffer, index);
        }
        catch (final Throwable ex)
        {
            replyType = REPLY_ERROR;
            replyLength = writeErrorReply(codec, scratch, callId, ex.getClass().getName(), ex.getMessage());
        }
        if (Ops.SHUTDOWN == op)
        {
            server.stop();
        }
        reply(slot, replyType, replyLength, callId);
    }

    /**
     * Decodes the arguments, then runs the operation and encodes its result into the scratch, holding the locks the
     * operation needs when there are several server threads.
     *
     * @return the length of the reply in the scratch.
     */
    private int execute(final int op, final long callId, final DirectBuffer buffer, final int index) throws Exception
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
        if (null == locks)
        {
            return writeValueReply(codec, scratch, callId, server.objects.execute(op, objectId, a, b, c));
        }
        final long stamp = locks.lock(op, objectId);
        try
        {
            return writeValueReply(codec, scratch, callId, server.objects.execute(op, objectId, a, b, c));
        }
        finally
        {
            locks.unlock(op, objectId, stamp);
        }
    }

    private void reply(final int slot, final int replyType, final int length, final long callId)
    {
        final MessageRing ring = server.replyRing(slot);
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
                "reply too large for the reply ring of manager '" + server.name + "': " + ex.getMessage() +
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
        while (!ring.write(replyType, scratch, 0, length))
        {
            if (System.nanoTime() > deadline || !ProcessIdentity.isOwnerAlive(server.slotOwner(slot)))
            {
                LOG.warn("manager '{}' dropped a reply to slot {}: its reply ring is full and its client is gone " +
                    "or not reading", server.name, slot);
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
