package io.mproc.queue;

import io.mproc.sync.WaitCondition;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * A consumer thread's taker: the wait condition of a blocking take, which reads one message when it can. Also met
 * when the queue is shut down and empty, so that waiters wake for the "closed" signal.
 */
final class QueueTaker<E> implements WaitCondition, MessageHandler
{
    final Thread thread = Thread.currentThread();
    private final RingCore core;
    private final Codec<E> codec;
    private E value;
    private RuntimeException failure;
    boolean taken;

    QueueTaker(final RingCore core, final Codec<E> codec)
    {
        this.core = core;
        this.codec = codec;
    }

    public boolean isMet()
    {
        taken = false;
        if (1 == core.read(this, 1))
        {
            taken = true;
            return true;
        }
        return core.isShutdown() && core.isEmpty();
    }

    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index,
        final int length)
    {
        try
        {
            value = codec.decode(msgTypeId, buffer, index, length);
        }
        catch (final RuntimeException ex)
        {
            failure = ex; // rethrown to the caller; the message is consumed
        }
    }

    E take()
    {
        final RuntimeException failure = this.failure;
        final E value = this.value;
        this.failure = null;
        this.value = null;
        taken = false;
        if (null != failure)
        {
            throw failure;
        }
        return value;
    }
}
