package io.mproc.queue;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import static io.mproc.queue.QueueDescriptor.ENTRY_CLAIM_POSITION_OFFSET;
import static io.mproc.queue.QueueDescriptor.ENTRY_OWNER_OFFSET;
import static io.mproc.queue.QueueDescriptor.IDLE;

/**
 * One producer thread's entry in a ring's producer table ({@link ProducerTable}): what it may have claimed, for
 * consumers deciding whether an uncommitted record's producer died. Used only by the thread that registered it.
 */
final class ProducerEntry
{
    final Thread thread = Thread.currentThread();
    final int ownerIndex;
    final int claimPositionIndex;
    int openClaims;
    long lastFreeAttemptNs = System.nanoTime() - RingCore.PRODUCER_FREE_INTERVAL_NS;
    private final UnsafeBuffer buffer;
    private final ManyToOneRingBuffer ring;

    /**
     * @param buffer     over the whole region.
     * @param ring       the ring whose tail bounds this thread's next claim.
     * @param entryIndex index of the entry in {@code buffer}.
     */
    ProducerEntry(final UnsafeBuffer buffer, final ManyToOneRingBuffer ring, final int entryIndex)
    {
        this.buffer = buffer;
        this.ring = ring;
        ownerIndex = entryIndex + ENTRY_OWNER_OFFSET;
        claimPositionIndex = entryIndex + ENTRY_CLAIM_POSITION_OFFSET;
    }

    void beginClaim()
    {
        if (0 == openClaims++)
        {
            // A lower bound of the position this thread is about to claim, published before the claim's CAS.
            buffer.putLongRelease(claimPositionIndex, ring.producerPosition());
        }
    }

    void endClaim()
    {
        if (0 == --openClaims)
        {
            buffer.putLongRelease(claimPositionIndex, IDLE);
        }
    }
}
