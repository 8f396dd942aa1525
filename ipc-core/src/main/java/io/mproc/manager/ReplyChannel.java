package io.mproc.manager;

import io.mproc.queue.MessageRing;
import io.mproc.queue.ObjectCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

import java.lang.reflect.Constructor;

import static io.mproc.manager.ManagerProtocol.*;

/**
 * One client thread's side of a manager slot: the slot's reply ring, the request ring it sends to, a scratch buffer
 * for requests, and the reply being awaited. Used by one thread at a time; when that thread ends, another thread of the process takes it over.
 */
final class ReplyChannel implements MessageHandler
{
    final int slot;
    final MessageRing replies;
    /** The request ring of the server thread that serves this slot. */
    final MessageRing requests;
    final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
    private final ObjectCodec codec;
    Thread thread;
    private long nextCallId;

    private long awaitedCallId;
    private boolean done;
    private Object value;
    private RuntimeException error;

    ReplyChannel(final int slot, final MessageRing replies, final MessageRing requests, final ObjectCodec codec,
        final Thread thread)
    {
        this.slot = slot;
        this.replies = replies;
        this.requests = requests;
        this.codec = codec;
        this.thread = thread;
        // call ids start anywhere: a late reply meant for a previous holder of the slot never matches
        this.nextCallId = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    }

    /**
     * @return the id of a new call, now awaited.
     */
    long startCall()
    {
        done = false;
        value = null;
        error = null;
        awaitedCallId = ++nextCallId;
        return awaitedCallId;
    }

    /**
     * @return true once the awaited reply was read.
     */
    boolean isDone()
    {
        return done;
    }

    /**
     * @return the awaited reply's value.
     * @throws RuntimeException the reply's error.
     */
    Object result()
    {
        if (null != error)
        {
            throw error;
        }
        return value;
    }

    /**
     * Drops every reply in the ring: they were meant for a previous holder of the slot.
     */
    void dropStaleReplies()
    {
        awaitedCallId = 0;
        while (replies.read(this, 64) > 0)
        {
            // nothing awaited: each is dropped
        }
    }

    public void onMessage(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (buffer.getLong(index + CALL_ID_OFFSET) != awaitedCallId || done)
        {
            return; // stale: a reply to a call its caller gave up on, or to a previous holder of the slot
        }
        done = true;
        try
        {
            if (REPLY_VALUE == type)
            {
                value = readArg(codec, buffer, index + REPLY_VALUE_OFFSET);
            }
            else
            {
                final int messageIndex = skipArg(buffer, index + REPLY_VALUE_OFFSET);
                error = remoteException((String)readArg(codec, buffer, index + REPLY_VALUE_OFFSET),
                    (String)readArg(codec, buffer, messageIndex));
            }
        }
        catch (final RuntimeException ex)
        {
            error = ex; // a reply this process cannot decode (a class not on its allow-list...)
        }
    }

    /**
     * The exception a server-side one comes back as: itself for the JDK's unchecked exceptions of {@code java.lang}
     * and {@code java.util} (which operations throw by contract: index out of bounds, no such element...), else a
     * {@link RemoteManagerException} naming its class and message.
     */
    static RuntimeException remoteException(final String className, final String message)
    {
        if (ManagerNotRunningException.class.getName().equals(className))
        {
            return new ManagerNotRunningException(message);
        }
        if (className.startsWith("java.lang.") || className.startsWith("java.util."))
        {
            try
            {
                final Class<?> type = Class.forName(className, false, ReplyChannel.class.getClassLoader());
                if (RuntimeException.class.isAssignableFrom(type))
                {
                    final Constructor<?> constructor = type.getConstructor(String.class);
                    return (RuntimeException)constructor.newInstance(message);
                }
            }
            catch (final ReflectiveOperationException | LinkageError ignore)
            {
                // no such JDK exception with a message constructor: reported as a remote exception
            }
        }
        return new RemoteManagerException(className, message);
    }
}
