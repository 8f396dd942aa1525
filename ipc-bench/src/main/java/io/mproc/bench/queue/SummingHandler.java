package io.mproc.bench.queue;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * The queue benchmarks' consumer: touches every message (sums its first long) so that no read is optimised away.
 */
final class SummingHandler implements MessageHandler
{
    long sum;

    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        sum += buffer.getLong(index);
    }
}
