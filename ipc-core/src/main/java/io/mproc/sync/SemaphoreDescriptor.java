package io.mproc.sync;

import io.mproc.memory.ElementType;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import org.agrona.BitUtil;
import org.agrona.SemanticVersion;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Body of a {@link Semaphore} ({@link RegionKind#SEMAPHORE}): a tiny robust mutex with a redo journal, the permit
 * count and its wait word, then a table of holders. The header's length field is the number of holder slots.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |       Mutex: OwnerToken of the process updating, 0 = free     |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Journal Valid: 1 while being applied             |  8
 *  +---------------------------------------------------------------+
 *  |                     Journal Permits                           | 12
 *  +---------------------------------------------------------------+
 *  |              Journal Slot (holder slot index, -1 = none)      | 16
 *  +---------------------------------------------------------------+
 *  |                     Journal Slot Count                        | 20
 *  +---------------------------------------------------------------+
 *  |                     Journal Slot Owner                        | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Journal Reclaimed                         | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Padding to 64 bytes                       | 40
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                  Permits (available now)                      | 64
 *  +---------------------------------------------------------------+
 *  |          Max Permits (bounded) or Integer.MAX_VALUE           | 68
 *  +---------------------------------------------------------------+
 *  |            Flags: bit 0 bounded, bit 1 holders tracked        | 72
 *  +---------------------------------------------------------------+
 *  |                          Reserved                             | 76
 *  +---------------------------------------------------------------+
 *  |        Reclaimed: permits returned from dead holders          | 80
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Wait Word (16 bytes, WaitWord)               | 88
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                      |104
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |  Holder Slot 0: Owner (OwnerToken 8), Count (4), Reserved (4) |128
 *  ...                      (HOLDER_SLOTS slots)                 ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Every change of permits and holder slots is made under the mutex as a journal (absolute new values, then Journal
 * Valid) applied and then cleared; a process that takes the mutex over from a dead one re-applies a valid journal,
 * which is idempotent. So a holder killed at any instruction leaves the counts exact.
 */
public final class SemaphoreDescriptor
{
    /** Layout version of the body; 1.1: each wait word's sleepers field holds a repair epoch (WaitWord). */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(1, 1, 0);
    /** Number of holder slots: processes holding permits at once that can be tracked. */
    public static final int HOLDER_SLOTS = 64;

    public static final int FLAG_BOUNDED = 1;
    public static final int FLAG_TRACKED = 2;

    public static final int MUTEX_OFFSET = 0;
    public static final int JOURNAL_VALID_OFFSET = MUTEX_OFFSET + SIZE_OF_LONG;
    public static final int JOURNAL_PERMITS_OFFSET = JOURNAL_VALID_OFFSET + SIZE_OF_INT;
    public static final int JOURNAL_SLOT_OFFSET = JOURNAL_PERMITS_OFFSET + SIZE_OF_INT;
    public static final int JOURNAL_SLOT_COUNT_OFFSET = JOURNAL_SLOT_OFFSET + SIZE_OF_INT;
    public static final int JOURNAL_SLOT_OWNER_OFFSET = JOURNAL_SLOT_COUNT_OFFSET + SIZE_OF_INT;
    public static final int JOURNAL_RECLAIMED_OFFSET = JOURNAL_SLOT_OWNER_OFFSET + SIZE_OF_LONG;
    public static final int PERMITS_OFFSET =
        BitUtil.align(JOURNAL_RECLAIMED_OFFSET + SIZE_OF_LONG, CACHE_LINE_LENGTH);
    public static final int MAX_PERMITS_OFFSET = PERMITS_OFFSET + SIZE_OF_INT;
    public static final int FLAGS_OFFSET = MAX_PERMITS_OFFSET + SIZE_OF_INT;
    public static final int RESERVED_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;
    public static final int RECLAIMED_OFFSET = RESERVED_OFFSET + SIZE_OF_INT;
    public static final int WAIT_WORD_OFFSET = RECLAIMED_OFFSET + SIZE_OF_LONG;
    public static final int SLOTS_OFFSET = BitUtil.align(WAIT_WORD_OFFSET + WaitWord.LENGTH, CACHE_LINE_LENGTH);

    public static final int SLOT_OWNER_OFFSET = 0;
    public static final int SLOT_COUNT_OFFSET = SLOT_OWNER_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_LENGTH = SLOT_COUNT_OFFSET + SIZE_OF_INT + SIZE_OF_INT;

    public static final int BODY_LENGTH = SLOTS_OFFSET + HOLDER_SLOTS * SLOT_LENGTH;

    /** The spec of every semaphore, bounded or not. */
    public static final RegionSpec SPEC =
        new RegionSpec(RegionKind.SEMAPHORE, LAYOUT_VERSION, ElementType.NONE, HOLDER_SLOTS, BODY_LENGTH);

    private SemaphoreDescriptor()
    {
    }

    /**
     * @param slot index of a holder slot.
     * @return its offset in the body.
     */
    public static int slotOffset(final int slot)
    {
        return SLOTS_OFFSET + slot * SLOT_LENGTH;
    }
}
