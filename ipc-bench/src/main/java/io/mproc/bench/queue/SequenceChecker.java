package io.mproc.bench.queue;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * The throughput benchmark's consumer check for one transport: its single producer numbers the messages 0, 1, 2, ...
 * in their first long, so every message read must carry the next number. A lost, duplicated, reordered or torn
 * message fails the benchmark instead of counting as throughput. One compare per message, no allocation.
 */
final class SequenceChecker implements MessageHandler
{
    private final String transport;
    private long next;

    SequenceChecker(final String transport)
    {
        this.transport = transport;
    }

    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        check(buffer.getLong(index));
    }

    /**
     * @param sequence the number the message carries.
     * @throws IllegalStateException when it is not the next one: the transport lost or corrupted messages.
     */
    void check(final long sequence)
    {
        if (sequence != next)
        {
            throw new IllegalStateException("wrong answer from " + transport + ": read message " + sequence +
                " where message " + next + " was due (lost, duplicated or corrupted messages)");
        }
        next++;
    }

    /**
     * @return how many messages have been read and checked: their numbers sum to n(n-1)/2.
     */
    long checked()
    {
        return next;
    }
}
