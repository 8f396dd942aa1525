package io.mproc.sync;

import org.agrona.concurrent.UnsafeBuffer;

import static io.mproc.sync.SemaphoreDescriptor.HOLDER_SLOTS;
import static io.mproc.sync.SemaphoreDescriptor.JOURNAL_PERMITS_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.JOURNAL_RECLAIMED_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.JOURNAL_SLOT_COUNT_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.JOURNAL_SLOT_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.JOURNAL_SLOT_OWNER_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.JOURNAL_VALID_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.PERMITS_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.RECLAIMED_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.SLOT_COUNT_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.SLOT_OWNER_OFFSET;

/**
 * The redo journal of a {@link Semaphore} body (layout in {@link SemaphoreDescriptor}): every update of the permit
 * count, a holder slot and the reclaimed count is written to the journal first, marked valid, applied, then cleared,
 * all under the semaphore's mutex. A process killed mid-update leaves either nothing or a valid journal, which the
 * next mutex holder replays ({@link SemaphoreMutex}), so the counts stay exact. Static: no state of its own.
 */
final class SemaphoreJournal
{
    private SemaphoreJournal()
    {
    }

    /**
     * Under the mutex: write the new values to the journal, mark it valid, apply it, clear it.
     *
     * @param buffer    over the region.
     * @param bodyIndex index of the semaphore body in {@code buffer}.
     * @param permits   the new permit count.
     * @param slot      the holder slot to update, or -1 for none.
     * @param slotOwner the slot's new owner token (0: free).
     * @param slotCount the slot's new count.
     * @param reclaimed the new count of permits reclaimed from dead holders.
     */
    static void commit(
        final UnsafeBuffer buffer, final int bodyIndex, final int permits, final int slot, final long slotOwner,
        final int slotCount, final long reclaimed)
    {
        buffer.putInt(bodyIndex + JOURNAL_PERMITS_OFFSET, permits);
        buffer.putInt(bodyIndex + JOURNAL_SLOT_OFFSET, slot);
        buffer.putLong(bodyIndex + JOURNAL_SLOT_OWNER_OFFSET, slotOwner);
        buffer.putInt(bodyIndex + JOURNAL_SLOT_COUNT_OFFSET, slotCount);
        buffer.putLong(bodyIndex + JOURNAL_RECLAIMED_OFFSET, reclaimed);
        buffer.putIntRelease(bodyIndex + JOURNAL_VALID_OFFSET, 1);
        apply(buffer, bodyIndex);
        buffer.putIntRelease(bodyIndex + JOURNAL_VALID_OFFSET, 0);
    }

    /**
     * Under the mutex just taken over from a dead holder: replays its journal if it died with one valid.
     */
    static void replayIfValid(final UnsafeBuffer buffer, final int bodyIndex)
    {
        if (0 != buffer.getIntAcquire(bodyIndex + JOURNAL_VALID_OFFSET))
        {
            apply(buffer, bodyIndex);
            buffer.putIntRelease(bodyIndex + JOURNAL_VALID_OFFSET, 0);
        }
    }

    private static void apply(final UnsafeBuffer buffer, final int bodyIndex)
    {
        final int slot = buffer.getInt(bodyIndex + JOURNAL_SLOT_OFFSET);
        if (slot >= 0 && slot < HOLDER_SLOTS)
        {
            final int index = bodyIndex + SemaphoreDescriptor.slotOffset(slot);
            buffer.putInt(index + SLOT_COUNT_OFFSET, buffer.getInt(bodyIndex + JOURNAL_SLOT_COUNT_OFFSET));
            buffer.putLongRelease(index + SLOT_OWNER_OFFSET, buffer.getLong(bodyIndex + JOURNAL_SLOT_OWNER_OFFSET));
        }
        buffer.putLongRelease(bodyIndex + RECLAIMED_OFFSET, buffer.getLong(bodyIndex + JOURNAL_RECLAIMED_OFFSET));
        // Volatile: waiters read permits without the mutex, and a releaser's wake check must follow this store.
        buffer.putIntVolatile(bodyIndex + PERMITS_OFFSET, buffer.getInt(bodyIndex + JOURNAL_PERMITS_OFFSET));
    }
}
