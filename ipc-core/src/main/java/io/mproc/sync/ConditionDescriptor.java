package io.mproc.sync;

import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import io.mproc.memory.TruncatedRegionException;
import org.agrona.BitUtil;
import org.agrona.SemanticVersion;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Body of a {@link Condition} ({@link RegionKind#CONDITION}): its own lock, the waiter bookkeeping, then one
 * cache line per waiter slot, so that each waiter spins and sleeps on a line (and futex word) of its own and a
 * signal wakes exactly the waiter it chose. The header's length field is the number of waiter slots.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |               Lock (64 bytes, LockDescriptor)                 |  0
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |        Next Ticket: arrival order of waiters (FIFO signals)   | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |               Waiting: slots in state WAITING                 | 72
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                      | 76
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                     Waiter Slot 0 (64 bytes)                  |128
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *
 *  Waiter slot:
 *  +---------------------------------------------------------------+
 *  |        State: 0 = free, 1 = waiting, 2 = signalled            |  0
 *  +---------------------------------------------------------------+
 *  |                          Reserved                             |  4
 *  +---------------------------------------------------------------+
 *  |                  Owner (OwnerToken of the waiter)             |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                            Ticket                             | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Wait Word (16 bytes, WaitWord)               | 24
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                     Padding to 64 bytes                       | 40
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Every field but a slot's state (read by its waiter without the lock) changes only under the condition's lock.
 */
public final class ConditionDescriptor
{
    /** Layout version of the body; 1.1: each wait word's sleepers field holds a repair epoch (WaitWord). */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(1, 1, 0);
    /** Default number of waiter slots: threads that can wait at once. */
    public static final int DEFAULT_MAX_WAITERS = 64;

    public static final int SLOT_FREE = 0;
    public static final int SLOT_WAITING = 1;
    public static final int SLOT_SIGNALLED = 2;

    public static final int LOCK_OFFSET = 0;
    public static final int NEXT_TICKET_OFFSET = LOCK_OFFSET + LockDescriptor.LENGTH;
    public static final int WAITING_OFFSET = NEXT_TICKET_OFFSET + SIZE_OF_LONG;
    public static final int SLOTS_OFFSET = BitUtil.align(WAITING_OFFSET + SIZE_OF_INT, CACHE_LINE_LENGTH);

    public static final int SLOT_STATE_OFFSET = 0;
    public static final int SLOT_OWNER_OFFSET = SLOT_STATE_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_TICKET_OFFSET = SLOT_OWNER_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_WAIT_WORD_OFFSET = SLOT_TICKET_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_LENGTH = BitUtil.align(SLOT_WAIT_WORD_OFFSET + WaitWord.LENGTH, CACHE_LINE_LENGTH);

    private ConditionDescriptor()
    {
    }

    /**
     * @param maxWaiters threads that can wait at once; 1 or more.
     * @return the spec of a condition with that many waiter slots.
     */
    public static RegionSpec spec(final int maxWaiters)
    {
        if (maxWaiters < 1 || maxWaiters > 1 << 16)
        {
            throw new IllegalArgumentException("maxWaiters must be 1 to 65536: maxWaiters=" + maxWaiters);
        }
        return new RegionSpec(RegionKind.CONDITION, LAYOUT_VERSION, ElementType.NONE, maxWaiters,
            SLOTS_OFFSET + (long)maxWaiters * SLOT_LENGTH);
    }

    /**
     * @return the spec to open a condition with any number of waiter slots (checked by {@link #slots}).
     */
    public static RegionSpec anySlots()
    {
        return new RegionSpec(RegionKind.CONDITION, LAYOUT_VERSION, ElementType.NONE, RegionSpec.ANY_LENGTH, 0);
    }

    /**
     * @param region of an opened condition.
     * @return its number of waiter slots, checked against its body length.
     * @throws TruncatedRegionException when the body is too short for them.
     */
    public static int slots(final MappedRegion region)
    {
        final long slots = region.length();
        if (slots < 1 || slots > 1 << 16 || region.bodyLength() < SLOTS_OFFSET + slots * SLOT_LENGTH)
        {
            throw new TruncatedRegionException(region.path(), "condition body too short for its waiter slots: slots=" +
                slots + ", bodyLength=" + region.bodyLength());
        }
        return (int)slots;
    }

    /**
     * @param slot index of a waiter slot.
     * @return its offset in the body.
     */
    public static int slotOffset(final int slot)
    {
        return SLOTS_OFFSET + slot * SLOT_LENGTH;
    }
}
