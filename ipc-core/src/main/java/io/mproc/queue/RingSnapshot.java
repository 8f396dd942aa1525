package io.mproc.queue;

import org.agrona.BitUtil;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.lengthOffset;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.typeOffset;

/**
 * Looks at a {@link RingCore}'s committed messages without consuming them (peek, count), under its consumer lock.
 * Cold: diagnostics and the rarely used parts of the queue API.
 */
final class RingSnapshot
{
    private RingSnapshot()
    {
    }

    /**
     * Looks at the first committed message without consuming it.
     *
     * @return true when there was one.
     */
    static boolean peek(final RingCore core, final MessageHandler handler)
    {
        if (!core.lockConsumerBriefly())
        {
            return false;
        }
        try
        {
            final int mask = core.capacity - 1;
            final long tail = core.ring.producerPosition();
            long position = core.buffer.getLong(core.consumedPositionIndex);
            while (position < tail)
            {
                final int recordIndex = (int)position & mask;
                final int length = core.records.getIntVolatile(lengthOffset(recordIndex));
                if (length <= 0)
                {
                    return false;
                }
                final int msgTypeId = core.records.getInt(typeOffset(recordIndex));
                if (RingBuffer.PADDING_MSG_TYPE_ID != msgTypeId)
                {
                    handler.onMessage(msgTypeId, core.records, recordIndex + HEADER_LENGTH, length - HEADER_LENGTH);
                    return true;
                }
                position += BitUtil.align(length, ALIGNMENT);
            }
            return false;
        }
        finally
        {
            core.unlockConsumer(false);
        }
    }

    /**
     * Counts committed messages from the consumed position, under the consumer lock: exact when nothing moves, a
     * snapshot otherwise.
     */
    static int countMessages(final RingCore core)
    {
        if (!core.lockConsumerBriefly())
        {
            return 0;
        }
        try
        {
            int count = 0;
            long position = core.buffer.getLong(core.consumedPositionIndex);
            final long tail = core.ring.producerPosition();
            final int mask = core.capacity - 1;
            while (position < tail)
            {
                final int recordIndex = (int)position & mask;
                final int length = core.records.getIntVolatile(recordIndex);
                if (length <= 0)
                {
                    break;
                }
                if (RingBuffer.PADDING_MSG_TYPE_ID != core.records.getInt(recordIndex + HEADER_LENGTH / 2))
                {
                    count++;
                }
                position += BitUtil.align(length, ALIGNMENT);
            }
            return count;
        }
        finally
        {
            core.unlockConsumer(false);
        }
    }
}
