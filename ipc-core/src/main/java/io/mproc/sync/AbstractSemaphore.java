package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.SharedObject;
import org.agrona.concurrent.AtomicBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.mproc.sync.SemaphoreDescriptor.FLAGS_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.FLAG_BOUNDED;
import static io.mproc.sync.SemaphoreDescriptor.FLAG_TRACKED;
import static io.mproc.sync.SemaphoreDescriptor.HOLDER_SLOTS;
import static io.mproc.sync.SemaphoreDescriptor.JOURNAL_SLOT_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.MAX_PERMITS_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.MUTEX_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.PERMITS_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.RECLAIMED_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.SLOT_COUNT_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.SLOT_OWNER_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.WAIT_WORD_OFFSET;

/**
 * The permit bookkeeping of a {@link Semaphore}, apart from its waits: the permit count and the holder slots of
 * its body ({@link SemaphoreDescriptor}), taken and returned under the body's robust mutex and journaled
 * ({@link SemaphoreJournal}), and the return of the permits of dead holders. Nothing here waits for permits: a take
 * that finds too few says so, and {@link Semaphore} waits with its strategy. A superclass rather than a field, so
 * that {@code acquire} and {@code release} reach the buffer with no extra load.
 */
abstract sealed class AbstractSemaphore extends SharedObject permits Semaphore
{
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = LoggerFactory.getLogger(Semaphore.class);

    final transient int permitsIndex;
    final transient int reclaimedIndex;
    final transient int maxPermits;
    final transient boolean bounded;
    final transient boolean tracked;
    private final transient int bodyIndex;
    private final transient int mutexIndex;
    private final transient long token = OwnerToken.CURRENT;
    private transient int slotHint;
    private transient boolean untrackedWarned;

    AbstractSemaphore(final MappedRegion region)
    {
        super(region);
        this.bodyIndex = region.bodyOffset();
        this.mutexIndex = bodyIndex + MUTEX_OFFSET;
        this.permitsIndex = bodyIndex + PERMITS_OFFSET;
        this.reclaimedIndex = bodyIndex + RECLAIMED_OFFSET;
        final int flags = buffer.getInt(bodyIndex + FLAGS_OFFSET);
        this.maxPermits = buffer.getInt(bodyIndex + MAX_PERMITS_OFFSET);
        this.bounded = 0 != (flags & FLAG_BOUNDED);
        this.tracked = 0 != (flags & FLAG_TRACKED);
    }

    /**
     * Writes a new semaphore body: the permits, their bound, the flags and the wait word.
     */
    static void initialise(
        final AtomicBuffer buffer,
        final int offset,
        final int permits,
        final boolean bounded,
        final PermitTracking tracking,
        final WaitStrategy strategy)
    {
        buffer.putInt(offset + JOURNAL_SLOT_OFFSET, -1);
        buffer.putInt(offset + PERMITS_OFFSET, permits);
        buffer.putInt(offset + MAX_PERMITS_OFFSET, bounded ? permits : Integer.MAX_VALUE);
        buffer.putInt(offset + FLAGS_OFFSET,
            (bounded ? FLAG_BOUNDED : 0) | (PermitTracking.PER_PROCESS == tracking ? FLAG_TRACKED : 0));
        WaitWord.initialise(buffer, offset + WAIT_WORD_OFFSET, strategy);
    }

    /**
     * Takes {@code permits} permits if that many are available now, counting them in this process's holder slot.
     *
     * @param permits to take; 1 or more.
     * @return true when taken.
     */
    final boolean tryAcquireNow(final int permits)
    {
        // Look before taking the mutex, so that waiters spinning on an empty semaphore only read.
        if (buffer.getIntVolatile(permitsIndex) < permits)
        {
            return false;
        }
        lockMutex();
        try
        {
            final int available = buffer.getInt(permitsIndex);
            if (available < permits)
            {
                return false;
            }
            int slot = -1;
            long owner = 0;
            int count = 0;
            if (tracked)
            {
                slot = findSlot(true);
                if (slot >= 0)
                {
                    owner = token;
                    count = buffer.getInt(slotIndex(slot) + SLOT_COUNT_OFFSET) + permits;
                }
                else if (!untrackedWarned)
                {
                    untrackedWarned = true;
                    LOGGER.warn("all {} holder slots in use: permits taken by pid {} are not tracked: {}",
                        HOLDER_SLOTS, OwnerToken.pid(token), path());
                }
            }
            commit(available - permits, slot, owner, count, buffer.getLong(reclaimedIndex));
            return true;
        }
        finally
        {
            unlockMutex();
        }
    }

    /**
     * Returns {@code permits} permits, taking them off this process's holder slot; wakes no one.
     *
     * @param permits to return; 1 or more.
     * @throws IllegalStateException for a bounded semaphore that would exceed its initial permits, or a count that
     *                               would overflow.
     */
    final void releaseNow(final int permits)
    {
        lockMutex();
        try
        {
            final int available = buffer.getInt(permitsIndex);
            final long updated = (long)available + permits;
            if (updated > maxPermits)
            {
                throw new IllegalStateException((bounded ? "semaphore released too many times" :
                    "semaphore permit count would overflow") + ": permits=" + available + ", released=" + permits +
                    ", maxPermits=" + maxPermits + ", semaphore=" + path());
            }
            int slot = -1;
            long owner = 0;
            int count = 0;
            if (tracked)
            {
                slot = findSlot(false);
                if (slot >= 0)
                {
                    count = Math.max(0, buffer.getInt(slotIndex(slot) + SLOT_COUNT_OFFSET) - permits);
                    owner = 0 == count ? 0 : token;
                }
            }
            commit((int)updated, slot, owner, count, buffer.getLong(reclaimedIndex));
        }
        finally
        {
            unlockMutex();
        }
    }

    /**
     * @return permits this process holds, as its holder slot counts them (0 when tracking is off).
     */
    final int heldNow()
    {
        if (!tracked)
        {
            return 0;
        }
        for (int slot = 0; slot < HOLDER_SLOTS; slot++)
        {
            final int index = slotIndex(slot);
            if (buffer.getLongVolatile(index + SLOT_OWNER_OFFSET) == token)
            {
                return buffer.getIntVolatile(index + SLOT_COUNT_OFFSET);
            }
        }
        return 0;
    }

    /**
     * Returns the permits of every holder slot whose owner is dead (at most up to the bound), counts them as
     * reclaimed and logs each; wakes no one.
     *
     * @return permits returned.
     */
    final int reclaimDeadNow()
    {
        if (!tracked)
        {
            return 0;
        }
        int reclaimed = 0;
        for (int slot = 0; slot < HOLDER_SLOTS; slot++)
        {
            final long owner = buffer.getLongVolatile(slotIndex(slot) + SLOT_OWNER_OFFSET);
            if (0 != owner && !OwnerToken.isAlive(owner))
            {
                reclaimed += reclaimSlot(slot, owner);
            }
        }
        return reclaimed;
    }

    /**
     * @return the permits of the dead {@code owner}'s slot returned, or 0 when another process was first.
     */
    private int reclaimSlot(final int slot, final long owner)
    {
        final int index = slotIndex(slot);
        lockMutex();
        try
        {
            if (buffer.getLong(index + SLOT_OWNER_OFFSET) != owner)
            {
                return 0;
            }
            final int count = buffer.getInt(index + SLOT_COUNT_OFFSET);
            final long updated = Math.min((long)buffer.getInt(permitsIndex) + count, maxPermits);
            commit((int)updated, slot, 0, 0, buffer.getLong(reclaimedIndex) + count);
            LOGGER.warn("returned {} permits of dead holder {}: {}", count, OwnerToken.describe(owner), path());
            return count;
        }
        finally
        {
            unlockMutex();
        }
    }

    /**
     * Under the mutex: the slot this process holds, else (when {@code claim}) a free one, else -1.
     */
    private int findSlot(final boolean claim)
    {
        final int hint = slotHint;
        if (buffer.getLong(slotIndex(hint) + SLOT_OWNER_OFFSET) == token)
        {
            return hint;
        }
        int free = -1;
        for (int slot = 0; slot < HOLDER_SLOTS; slot++)
        {
            final long owner = buffer.getLong(slotIndex(slot) + SLOT_OWNER_OFFSET);
            if (owner == token)
            {
                slotHint = slot;
                return slot;
            }
            if (0 == owner && free < 0)
            {
                free = slot;
            }
        }
        if (claim && free >= 0)
        {
            slotHint = free;
            return free;
        }
        return -1;
    }

    private int slotIndex(final int slot)
    {
        return bodyIndex + SemaphoreDescriptor.slotOffset(slot);
    }

    /**
     * Under the mutex: journals and applies an update ({@link SemaphoreJournal}).
     */
    private void commit(final int permits, final int slot, final long slotOwner, final int slotCount, final long reclaimed)
    {
        SemaphoreJournal.commit(buffer, bodyIndex, permits, slot, slotOwner, slotCount, reclaimed);
    }

    private void lockMutex()
    {
        if (!buffer.compareAndSetLong(mutexIndex, 0, token))
        {
            SemaphoreMutex.lockContended(buffer, bodyIndex, token, path()); // cold: also takes over from the dead
        }
    }

    private void unlockMutex()
    {
        buffer.putLongRelease(mutexIndex, 0);
    }
}
