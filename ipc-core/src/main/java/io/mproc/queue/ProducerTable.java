package io.mproc.queue;

import io.mproc.internal.ProcessIdentity;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static io.mproc.queue.QueueDescriptor.ENTRY_CLAIM_POSITION_OFFSET;
import static io.mproc.queue.QueueDescriptor.ENTRY_LENGTH;
import static io.mproc.queue.QueueDescriptor.ENTRY_OWNER_OFFSET;
import static io.mproc.queue.QueueDescriptor.ENTRY_THREAD_ID_OFFSET;
import static io.mproc.queue.QueueDescriptor.IDLE;

/**
 * One handle's view of a {@link Producers#MANY} ring's producer table (layout in {@link QueueDescriptor}): takes an
 * entry for each producer thread, gives back those of ended threads and of a closed handle, and tells consumers the
 * lowest position a live producer may have claimed at. All cold: the claim path uses only its {@link ProducerEntry}.
 */
final class ProducerTable
{
    private final UnsafeBuffer buffer;
    private final ManyToOneRingBuffer ring;
    private final int tableIndex;
    private final int producerEntries;
    private final long ownerWord;
    private final Path path;
    private final List<ProducerEntry> registeredEntries = new ArrayList<>();

    /**
     * @param buffer          over the whole region.
     * @param ring            the ring the table guards.
     * @param tableIndex      index of the table's first entry in {@code buffer}.
     * @param producerEntries entries in the table.
     * @param ownerWord       this process's owner word.
     * @param path            of the region, for messages.
     */
    ProducerTable(
        final UnsafeBuffer buffer, final ManyToOneRingBuffer ring, final int tableIndex, final int producerEntries,
        final long ownerWord, final Path path)
    {
        this.buffer = buffer;
        this.ring = ring;
        this.tableIndex = tableIndex;
        this.producerEntries = producerEntries;
        this.ownerWord = ownerWord;
        this.path = path;
    }

    /**
     * Takes a free table entry for the calling thread. Cold: once per producer thread and handle. It first gives back
     * the entries of this handle's threads that have ended, so that a process holds entries only for its live
     * producer threads (plus those ended since its last new one), however many threads a pool recycles.
     */
    ProducerEntry register()
    {
        releaseEntriesOfEndedThreads();
        for (int i = 0; i < producerEntries; i++)
        {
            final int entryIndex = tableIndex + i * ENTRY_LENGTH;
            final long owner = buffer.getLongVolatile(entryIndex + ENTRY_OWNER_OFFSET);
            final boolean free = 0 == owner || (owner != ownerWord && !ProcessIdentity.isOwnerAlive(owner));
            if (free && buffer.compareAndSetLong(entryIndex + ENTRY_OWNER_OFFSET, owner, ownerWord))
            {
                buffer.putLong(entryIndex + ENTRY_THREAD_ID_OFFSET, Thread.currentThread().getId());
                buffer.putLongRelease(entryIndex + ENTRY_CLAIM_POSITION_OFFSET, IDLE);
                final ProducerEntry entry = new ProducerEntry(buffer, ring, entryIndex);
                synchronized (registeredEntries)
                {
                    registeredEntries.add(entry);
                }
                return entry;
            }
        }
        throw new IllegalStateException("too many producer threads on one queue: all " + producerEntries +
            " producer table entries are held by live threads of live processes; put from fewer threads at once," +
            " or close handles whose threads no longer put: path=" + path);
    }

    /**
     * Gives back the table entries of this handle's producer threads that have ended. A claim such a thread left open
     * (a zero-copy claim never committed) can never be committed: its record is then skipped like a dead process's.
     */
    void releaseEntriesOfEndedThreads()
    {
        synchronized (registeredEntries)
        {
            final Iterator<ProducerEntry> entries = registeredEntries.iterator();
            while (entries.hasNext())
            {
                final ProducerEntry entry = entries.next();
                if (!entry.thread.isAlive())
                {
                    release(entry);
                    entries.remove();
                }
            }
        }
    }

    /**
     * Gives back all of this handle's entries (on close of the handle).
     */
    void releaseAll()
    {
        synchronized (registeredEntries)
        {
            for (final ProducerEntry entry : registeredEntries)
            {
                release(entry);
            }
            registeredEntries.clear();
        }
    }

    private void release(final ProducerEntry entry)
    {
        buffer.putLongRelease(entry.claimPositionIndex, IDLE);
        buffer.compareAndSetLong(entry.ownerIndex, ownerWord, 0);
    }

    /**
     * @return the lowest position a live producer may have claimed at; {@link Long#MAX_VALUE} when no live
     * producer holds a claim.
     */
    long lowestLiveClaimPosition()
    {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < producerEntries; i++)
        {
            final int entryIndex = tableIndex + i * ENTRY_LENGTH;
            final long claimPosition = buffer.getLongVolatile(entryIndex + ENTRY_CLAIM_POSITION_OFFSET);
            if (IDLE != claimPosition && claimPosition < lowest &&
                ProcessIdentity.isOwnerAlive(buffer.getLongVolatile(entryIndex + ENTRY_OWNER_OFFSET)))
            {
                lowest = claimPosition;
            }
        }
        return lowest;
    }
}
