package io.mproc.queue;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;

/**
 * Cache-line padding before the consumer's fields (JCTools style: a class per layer keeps the JVM from reordering
 * the padding away from the fields).
 */
abstract class DeadProducerRecoveryPrePad
{
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
}

/**
 * What only the consumer-lock holder writes.
 */
abstract class DeadProducerRecoveryFields extends DeadProducerRecoveryPrePad
{
    long emptyReads;
    long lastTailCheckNs;
    long blockedHeadPosition = -1;
    long blockedSinceNs;
}

/**
 * A consumer's repair of a ring whose head record a dead producer claimed and will never commit (see
 * {@link QueueDescriptor}): after the head has been blocked for {@link #BLOCKED_CHECK_INTERVAL_NS}, and when no live
 * producer can own it, the record becomes padding so that consumers move on. Used only under the consumer lock; its
 * state is padded on both sides, away from what producers read on every message.
 */
final class DeadProducerRecovery extends DeadProducerRecoveryFields
{
    /** How long a consumer waits on an uncommitted head record before it checks whether its producer died. */
    static final long BLOCKED_CHECK_INTERVAL_NS = 1_000_000L;
    /** An empty read looks at the tail once in this many + 1 (a power of two minus one, as a mask). */
    private static final int EMPTY_READS_PER_TAIL_CHECK = 1023;

    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;

    private final UnsafeBuffer buffer;
    private final UnsafeBuffer records;
    private final ManyToOneRingBuffer ring;
    private final int capacity;
    private final int consumedPositionIndex;
    /** The producer table of a {@link Producers#MANY} ring; else null. */
    private final ProducerTable table;
    /** The lease of a {@link Producers#ONE} ring; else null. */
    private final ProducerLease lease;

    /**
     * @param buffer                over the whole region.
     * @param records               the ring's records.
     * @param ring                  over {@code records}.
     * @param consumedPositionIndex index in {@code buffer} of the consumed position.
     * @param table                 of a {@link Producers#MANY} ring, else null.
     * @param lease                 of a {@link Producers#ONE} ring, else null.
     */
    DeadProducerRecovery(
        final UnsafeBuffer buffer, final UnsafeBuffer records, final ManyToOneRingBuffer ring,
        final int consumedPositionIndex, final ProducerTable table, final ProducerLease lease)
    {
        this.buffer = buffer;
        this.records = records;
        this.ring = ring;
        this.capacity = ring.capacity();
        this.consumedPositionIndex = consumedPositionIndex;
        this.table = table;
        this.lease = lease;
    }

    /**
     * Under the consumer lock, with nothing readable: if the head record was claimed but not committed for a while,
     * and no live producer can own it, turn it into padding so consumers move on.
     */
    void skipRecordOfDeadProducer()
    {
        final long head = buffer.getLong(consumedPositionIndex); // == Agrona's head: a read that found nothing freed
        if (0 == records.getIntVolatile((int)head & (capacity - 1)))
        {
            // Most likely just empty. Reading the tail would pull the producers' hottest cache line over to this
            // core on every empty poll, so a header that was never written is only looked into now and then: every
            // so many empty reads, or when a while has passed (a consumer that sleeps between reads).
            final long nowNs = System.nanoTime();
            if (0 != (++emptyReads & EMPTY_READS_PER_TAIL_CHECK) &&
                nowNs - lastTailCheckNs < BLOCKED_CHECK_INTERVAL_NS)
            {
                return;
            }
            lastTailCheckNs = nowNs;
        }
        final long tail = ring.producerPosition(); // read before the table: any claim at head is then published
        if (head == tail)
        {
            blockedHeadPosition = -1;
            return;
        }
        if (!hasBeenBlockedLongEnough(head))
        {
            return;
        }
        if (null != table)
        {
            table.releaseEntriesOfEndedThreads(); // a thread of this process that ended holding a claim never commits
        }
        final long lowestLiveClaim = null != table ? table.lowestLiveClaimPosition() : lease.lowestLiveClaimPosition();
        if (lowestLiveClaim <= head)
        {
            return; // a live producer may still be writing it: wait
        }

        final int headIndex = (int)head & (capacity - 1);
        final int length = records.getIntVolatile(headIndex);
        if (length > 0)
        {
            return; // committed after all
        }
        if (length < 0)
        {
            pad(headIndex, -length); // claimed, header written, never committed
            return;
        }
        padDeadClaimsWithoutHeader(head, Math.min(tail, lowestLiveClaim));
    }

    /**
     * @return true when the head has stood at {@code head} for {@link #BLOCKED_CHECK_INTERVAL_NS} since it was first
     * seen there or last looked into; then restarts that interval.
     */
    private boolean hasBeenBlockedLongEnough(final long head)
    {
        final long nowNs = System.nanoTime();
        if (head != blockedHeadPosition)
        {
            blockedHeadPosition = head;
            blockedSinceNs = nowNs;
            return false;
        }
        if (nowNs - blockedSinceNs < BLOCKED_CHECK_INTERVAL_NS)
        {
            return false;
        }
        blockedSinceNs = nowNs;
        return true;
    }

    /**
     * The head was claimed but its header never written: skips the dead claims up to the next record whose header
     * was written, but never into the span of a live producer. Its claim position (a tail it read before its claim's
     * compare-and-set, so a record boundary) bounds where its record can start: a live producer that has moved the
     * tail but not yet written its header leaves zeroes there that look just like a dead claim's.
     *
     * @param head        position of the head record.
     * @param deadSpanEnd the tail, or the lowest live claim position if lower: no live producer owns a record before.
     */
    private void padDeadClaimsWithoutHeader(final long head, final long deadSpanEnd)
    {
        final int headIndex = (int)head & (capacity - 1);
        final int limit = headIndex + (int)Math.min(deadSpanEnd - head, capacity - headIndex);
        for (int i = headIndex + ALIGNMENT; i < limit; i += ALIGNMENT)
        {
            if (0 != records.getIntVolatile(i))
            {
                if (isZeroed(headIndex, i))
                {
                    pad(headIndex, i - headIndex);
                }
                return;
            }
        }
        pad(headIndex, limit - headIndex); // up to the tail, the end of the buffer, or a live producer's claim
    }

    private void pad(final int recordIndex, final int length)
    {
        records.putInt(recordIndex + HEADER_LENGTH / 2, RingBuffer.PADDING_MSG_TYPE_ID);
        records.putIntRelease(recordIndex, length);
        blockedHeadPosition = -1;
    }

    private boolean isZeroed(final int from, final int to)
    {
        for (int i = from; i < to; i += ALIGNMENT)
        {
            if (0 != records.getIntVolatile(i))
            {
                return false;
            }
        }
        return true;
    }
}
