package io.mproc.journal;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * The claim table of one consumer group: file {@code groups/<name>.group} in the journal directory, mapped by
 * every member. Little-endian; created whole in a temporary file and published by an atomic link, so a member
 * never maps a half-built table. Its version is the journal's ({@link JournalDescriptor#LAYOUT_VERSION}).
 * <pre>
 *  0   +---------------------------------------------------------------+
 *      |                        Magic "MPJGRP01"                       |
 *  8   +---------------------------------------------------------------+
 *      |                     Layout Version (int)                      |
 *  12  +---------------------------------------------------------------+
 *      |                      Slot Count (int)                         |
 *  128 +---------------------------------------------------------------+
 *      |  Cursor: journal index of the last message claimed, or        |
 *      |  START (-1, none yet), or LOCKED(slot) while a claim is being |
 *      |  recorded                         (alone on 2 cache lines)    |
 *  256 +---------------------------------------------------------------+
 *      |  Slot 0 .. Slot Count - 1, 64 bytes each:                     |
 *      |    +0  owner word (pid + start time, 0 = free)                |
 *      |    +8  claimed index (NONE = -1: nothing claimed)             |
 *      |    +16 deliveries of that claim (1 = first delivery)          |
 *      |    +24 claim time (epoch ms)                                  |
 *      |    +32 prepared previous cursor   \ written before the claim's |
 *      |    +40 prepared next cursor       / CAS, read by crash repair  |
 *      +---------------------------------------------------------------+
 * </pre>
 * A member claims the message after the cursor in three steps: it writes the cursor it saw and the index it wants
 * in its slot (prepared previous / next); it CASes the cursor from the value seen to {@code LOCKED(slot)}; it
 * records the claim in its slot and releases the cursor as the claimed index. A member that finds the cursor
 * locked by a dead process repairs it from that process's slot: claim recorded, the cursor moves on (and the claim
 * is redelivered); not recorded, the cursor goes back. Acknowledging sets the claimed index back to NONE. A live
 * member takes over (CASes the owner word of) the slot of a dead one and delivers its claim again.
 */
public final class GroupDescriptor
{
    /** "MPJGRP01" as little-endian ASCII. */
    public static final long MAGIC = 0x3130_5052_474A_504DL;
    /** Most member slots a group may have (the cursor's lock encodes a slot below it). */
    public static final int MAX_SLOTS = 1 << 16;

    /** Cursor before the first claim. */
    public static final long START = -1;
    /** Claimed index of a slot holding no claim. */
    public static final long NONE = -1;
    /** Cursor values at or below this are LOCKED(slot) = LOCK_BASE - slot. */
    public static final long LOCK_BASE = -2;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_COUNT_OFFSET = VERSION_OFFSET + SIZE_OF_INT;
    public static final int CURSOR_OFFSET = CACHE_LINE_LENGTH * 2;
    public static final int SLOTS_OFFSET = CURSOR_OFFSET + CACHE_LINE_LENGTH * 2;

    public static final int OWNER_OFFSET = 0;
    public static final int CLAIMED_INDEX_OFFSET = OWNER_OFFSET + SIZE_OF_LONG;
    public static final int DELIVERIES_OFFSET = CLAIMED_INDEX_OFFSET + SIZE_OF_LONG;
    public static final int CLAIM_TIME_OFFSET = DELIVERIES_OFFSET + SIZE_OF_LONG;
    public static final int PREPARED_PREVIOUS_OFFSET = CLAIM_TIME_OFFSET + SIZE_OF_LONG;
    public static final int PREPARED_NEXT_OFFSET = PREPARED_PREVIOUS_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_LENGTH = CACHE_LINE_LENGTH;

    private GroupDescriptor()
    {
    }

    /**
     * @param slotCount member slots.
     * @return the length of a table file with that many slots.
     */
    public static int fileLength(final int slotCount)
    {
        return SLOTS_OFFSET + slotCount * SLOT_LENGTH;
    }

    /**
     * @param slot a slot number.
     * @return the offset of that slot.
     */
    public static int slotOffset(final int slot)
    {
        return SLOTS_OFFSET + slot * SLOT_LENGTH;
    }

    /**
     * @param cursor a cursor value.
     * @return whether it is {@code LOCKED(slot)}.
     */
    public static boolean isLocked(final long cursor)
    {
        return cursor <= LOCK_BASE;
    }

    /**
     * @param slot that holds the lock.
     * @return the cursor value {@code LOCKED(slot)}.
     */
    public static long locked(final int slot)
    {
        return LOCK_BASE - slot;
    }

    /**
     * @param lockedCursor a {@code LOCKED(slot)} value.
     * @return the slot.
     */
    public static int lockHolder(final long lockedCursor)
    {
        return (int)(LOCK_BASE - lockedCursor);
    }
}
