package io.mproc.inspect;

import io.mproc.queue.PipeDescriptor;
import io.mproc.queue.Producers;
import io.mproc.queue.QueueDescriptor;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes queues and pipes ({@code io.mproc.queue}) from a read-only buffer over the file: the positions, the
 * committed messages waiting, the producers (live or not) and their open claims, the consumers.
 */
final class QueueStates
{
    private QueueStates()
    {
    }

    static Map<String, Object> pipe(final UnsafeBuffer buffer, final int body, final long capacity)
    {
        QueueDescriptor.checkCapacity(capacity);
        final Map<String, Object> state = new LinkedHashMap<>();
        final int direction = buffer.getInt(body + PipeDescriptor.END_A_OFFSET + PipeDescriptor.DIRECTION_OFFSET);
        state.put("duplex", PipeDescriptor.DUPLEX == direction);
        state.put("endA", end(buffer, body + PipeDescriptor.END_A_OFFSET));
        state.put("endB", end(buffer, body + PipeDescriptor.END_B_OFFSET));
        if (PipeDescriptor.DUPLEX == direction)
        {
            state.put("aToB", queue(buffer, body + PipeDescriptor.A_TO_B_OFFSET));
        }
        state.put("bToA", queue(buffer, body + PipeDescriptor.bToAOffset((int)capacity)));
        return state;
    }

    /**
     * One queue body ({@link QueueDescriptor}), whole body of a queue or one direction of a pipe.
     */
    static Map<String, Object> queue(final UnsafeBuffer buffer, final int queueIndex)
    {
        final int capacity = buffer.getInt(queueIndex + QueueDescriptor.CAPACITY_OFFSET);
        final int producerEntries = buffer.getInt(queueIndex + QueueDescriptor.PRODUCER_ENTRIES_OFFSET);
        final int producersCode = buffer.getInt(queueIndex + QueueDescriptor.PRODUCERS_OFFSET);
        checkShape(buffer, queueIndex, capacity, producerEntries, producersCode);
        final int ringIndex = queueIndex + QueueDescriptor.ringOffset(producerEntries);
        final long tail = buffer.getLongVolatile(ringIndex + capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET);
        final long head = buffer.getLongVolatile(ringIndex + capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET);
        final long consumed = buffer.getLongVolatile(queueIndex + QueueDescriptor.CONSUMED_POSITION_OFFSET);

        final Map<String, Object> state = new LinkedHashMap<>();
        state.put("capacity", capacity);
        state.put("maxMessageLength", buffer.getInt(queueIndex + QueueDescriptor.MAX_MESSAGE_LENGTH_OFFSET));
        state.put("closed", 0 != buffer.getIntVolatile(queueIndex + QueueDescriptor.CLOSED_OFFSET));
        state.put("producers", Producers.values()[producersCode].name());
        state.put("messages", committedMessages(buffer, ringIndex, capacity, consumed, tail));
        state.put("depthBytes", tail - consumed);
        state.put("producerPosition", tail);
        state.put("consumerPosition", consumed);
        state.put("freedPosition", head);
        state.put("messagesTaken", buffer.getLongVolatile(queueIndex + QueueDescriptor.MESSAGES_TAKEN_OFFSET));
        state.put("tasksDone", buffer.getLongVolatile(queueIndex + QueueDescriptor.TASKS_DONE_OFFSET));
        state.put("tasksLost", buffer.getLongVolatile(queueIndex + QueueDescriptor.TASKS_LOST_OFFSET));
        state.put("consumerLock",
            Owners.ownerOrNone(buffer.getLongVolatile(queueIndex + QueueDescriptor.CONSUMER_LOCK_OFFSET)));
        if (Producers.ONE.ordinal() == producersCode)
        {
            state.put("producerLease",
                Owners.ownerOrNone(buffer.getLongVolatile(queueIndex + QueueDescriptor.PRODUCER_LEASE_OWNER_OFFSET)));
        }
        final List<Map<String, Object>> producers = producerEntries(buffer, queueIndex, producerEntries);
        state.put("liveProducers", producers.stream().filter((entry) -> Boolean.TRUE.equals(entry.get("alive"))).count());
        state.put("openClaims", producers.stream().filter((entry) -> !"none".equals(entry.get("openClaimAt"))).count());
        state.put("producerEntries", producers);
        state.put("consumers", consumers(buffer, queueIndex));
        state.put("sleepingConsumers", Owners.sleepers(buffer, queueIndex + QueueDescriptor.NOT_EMPTY_WAIT_OFFSET));
        state.put("sleepingProducers", Owners.sleepers(buffer, queueIndex + QueueDescriptor.NOT_FULL_WAIT_OFFSET));
        return state;
    }

    private static void checkShape(final UnsafeBuffer buffer, final int queueIndex, final int capacity,
        final int producerEntries, final int producersCode)
    {
        if (capacity < QueueDescriptor.MIN_CAPACITY || capacity > QueueDescriptor.MAX_CAPACITY ||
            !BitUtil.isPowerOfTwo(capacity))
        {
            throw new CorruptBodyException("queue ring capacity is not a power of 2 in range: capacity=" + capacity);
        }
        if (producerEntries < 0 || producersCode < 0 || producersCode >= Producers.values().length)
        {
            throw new CorruptBodyException("queue producer table out of range: producerEntries=" + producerEntries +
                ", producers=" + producersCode);
        }
        final long end = (long)queueIndex + QueueDescriptor.bodyLength(producerEntries, capacity);
        if (end > buffer.capacity())
        {
            throw new CorruptBodyException("queue body runs past the end of the file: bodyEnd=" + end +
                ", fileLength=" + buffer.capacity());
        }
    }

    /**
     * Walks the records from the consumed position to the tail, as a consumer would, without taking anything.
     *
     * @return committed messages waiting; stops at the first claimed-but-uncommitted record.
     */
    private static long committedMessages(final UnsafeBuffer buffer, final int ringIndex, final int capacity,
        final long consumed, final long tail)
    {
        final int mask = capacity - 1;
        long messages = 0;
        long position = consumed;
        while (position < tail && position - consumed < capacity)
        {
            final int recordIndex = ringIndex + ((int)position & mask);
            final int length = buffer.getIntVolatile(recordIndex + RecordDescriptor.lengthOffset(0));
            if (length <= 0)
            {
                break; // claimed, not committed yet (or abandoned by a dead producer)
            }
            if (RingBuffer.PADDING_MSG_TYPE_ID != buffer.getInt(recordIndex + RecordDescriptor.typeOffset(0)))
            {
                messages++;
            }
            position += BitUtil.align(length, RecordDescriptor.ALIGNMENT);
        }
        return messages;
    }

    private static List<Map<String, Object>> producerEntries(final UnsafeBuffer buffer, final int queueIndex,
        final int entries)
    {
        final List<Map<String, Object>> producers = new ArrayList<>();
        for (int entry = 0; entry < entries; entry++)
        {
            final int entryIndex = queueIndex + QueueDescriptor.PRODUCER_TABLE_OFFSET + entry * QueueDescriptor.ENTRY_LENGTH;
            final long owner = buffer.getLongVolatile(entryIndex + QueueDescriptor.ENTRY_OWNER_OFFSET);
            if (0 != owner)
            {
                final Map<String, Object> producer = Owners.owner(owner);
                producer.put("thread", buffer.getLong(entryIndex + QueueDescriptor.ENTRY_THREAD_ID_OFFSET));
                final long claim = buffer.getLongVolatile(entryIndex + QueueDescriptor.ENTRY_CLAIM_POSITION_OFFSET);
                producer.put("openClaimAt", QueueDescriptor.IDLE == claim ? "none" : (Object)claim);
                producers.add(producer);
            }
        }
        return producers;
    }

    private static List<Map<String, Object>> consumers(final UnsafeBuffer buffer, final int queueIndex)
    {
        final List<Map<String, Object>> consumers = new ArrayList<>();
        for (int entry = 0; entry < QueueDescriptor.CONSUMER_LEDGER_ENTRIES; entry++)
        {
            final int entryIndex = queueIndex + QueueDescriptor.CONSUMER_LEDGER_OFFSET +
                entry * QueueDescriptor.LEDGER_ENTRY_LENGTH;
            final long owner = buffer.getLongVolatile(entryIndex + QueueDescriptor.LEDGER_OWNER_OFFSET);
            if (0 != owner)
            {
                final Map<String, Object> consumer = Owners.owner(owner);
                consumer.put("taken", buffer.getLongVolatile(entryIndex + QueueDescriptor.LEDGER_TAKEN_OFFSET));
                consumer.put("done", buffer.getLongVolatile(entryIndex + QueueDescriptor.LEDGER_DONE_OFFSET));
                consumers.add(consumer);
            }
        }
        return consumers;
    }

    private static Map<String, Object> end(final UnsafeBuffer buffer, final int endIndex)
    {
        final Map<String, Object> end = new LinkedHashMap<>();
        end.put("holder", Owners.ownerOrNone(buffer.getLongVolatile(endIndex + PipeDescriptor.END_OWNER_OFFSET)));
        end.put("closed", 0 != buffer.getIntVolatile(endIndex + PipeDescriptor.END_CLOSED_OFFSET));
        return end;
    }
}
