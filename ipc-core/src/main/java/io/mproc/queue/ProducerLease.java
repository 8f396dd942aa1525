package io.mproc.queue;

import io.mproc.internal.ProcessIdentity;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.nio.file.Path;

import static io.mproc.queue.QueueDescriptor.PRODUCER_LEASE_OWNER_OFFSET;
import static io.mproc.queue.QueueDescriptor.PRODUCER_LEASE_START_OFFSET;
import static io.mproc.queue.QueueDescriptor.PRODUCER_LEASE_THREAD_OFFSET;

/**
 * The single-producer lease of a {@link Producers#ONE} ring (layout in {@link QueueDescriptor}): who may claim, and
 * from which position on, so that consumers know which uncommitted records a dead or ended holder left. Cold: taken
 * once per producer thread, given back on close; the claim path only compares the holder {@link RingCore} keeps.
 */
final class ProducerLease
{
    /** Serialises this process's threads taking or giving back a lease, so they see each other's thread id. */
    static final Object MONITOR = new Object();

    private final UnsafeBuffer buffer;
    private final ManyToOneRingBuffer ring;
    private final int ownerIndex;
    private final int threadIndex;
    private final int startIndex;
    private final long ownerWord;
    private final Path path;

    /**
     * @param buffer    over the whole region.
     * @param ring      the ring the lease guards.
     * @param coreIndex index of the queue body in {@code buffer}.
     * @param ownerWord this process's owner word.
     * @param path      of the region, for messages.
     */
    ProducerLease(
        final UnsafeBuffer buffer, final ManyToOneRingBuffer ring, final int coreIndex, final long ownerWord,
        final Path path)
    {
        this.buffer = buffer;
        this.ring = ring;
        this.ownerWord = ownerWord;
        this.path = path;
        ownerIndex = coreIndex + PRODUCER_LEASE_OWNER_OFFSET;
        threadIndex = coreIndex + PRODUCER_LEASE_THREAD_OFFSET;
        startIndex = coreIndex + PRODUCER_LEASE_START_OFFSET;
    }

    /**
     * Takes the lease for the calling thread: free, or held by a dead process, or by a thread of this handle that
     * has ended. Under {@link #MONITOR}.
     *
     * @param previousHolder the thread that took it last through this handle, or null.
     * @throws IllegalStateException when another live thread or process holds it.
     */
    void take(final Thread previousHolder)
    {
        final long owner = buffer.getLongVolatile(ownerIndex);
        final long holderThreadId = buffer.getLongVolatile(threadIndex);
        final boolean free = 0 == owner ||
            (owner != ownerWord && !ProcessIdentity.isOwnerAlive(owner)) ||
            (owner == ownerWord && null != previousHolder && !previousHolder.isAlive() &&
            holderThreadId == previousHolder.getId());
        if (!free || !buffer.compareAndSetLong(ownerIndex, owner, ownerWord))
        {
            throw new IllegalStateException("single-producer ring already has a producer: pid=" +
                ProcessIdentity.pidOf(owner) + ", threadId=" + holderThreadId + (owner == ownerWord ?
                " (of this process: close the handle it produced through)" : "") + ", path=" + path);
        }
        buffer.putLongVolatile(threadIndex, Thread.currentThread().getId());
        // Any uncommitted record before here is a previous holder's: consumers may skip it (lowestLiveClaimPosition).
        buffer.putLongVolatile(startIndex, ring.producerPosition());
    }

    /**
     * Gives the lease back if {@code holder}, a thread of this handle, holds it (on close of the handle). Under
     * {@link #MONITOR}.
     *
     * @param holder the thread that took it through this handle, or null.
     */
    void release(final Thread holder)
    {
        if (null != holder && buffer.getLongVolatile(threadIndex) == holder.getId())
        {
            buffer.putLongVolatile(threadIndex, 0);
            buffer.compareAndSetLong(ownerIndex, ownerWord, 0);
        }
    }

    /**
     * @return the position from which a live holder may have claimed; {@link Long#MAX_VALUE} when no live process
     * holds the lease.
     */
    long lowestLiveClaimPosition()
    {
        final long owner = buffer.getLongVolatile(ownerIndex);
        return 0 != owner && ProcessIdentity.isOwnerAlive(owner) ? buffer.getLongVolatile(startIndex) : Long.MAX_VALUE;
    }
}
