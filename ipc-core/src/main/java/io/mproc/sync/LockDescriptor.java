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
 * The state of a robust lock ({@link Lock}, {@link RLock}): one cache line, which is the whole body of a lock's
 * region and can also be embedded in another object's layout at any 8-byte-aligned offset (a value's lock area, a
 * condition's lock). All zeros is a free lock whose releasers wake sleepers. Offsets are relative to the lock's start.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-------------------------------------------------------------+
 *  |P|               Owner: pid (31 bits) | start time (low 32)     |  0  0 = free; see OwnerToken
 *  |                                                               |     P = owner not yet recorded
 *  +---------------------------------------------------------------+
 *  |                  Owner Thread Id (0 when free)                |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Hold Count (RLock depth)                   | 16
 *  +---------------------------------------------------------------+
 *  |        Owner Died: 1 while this hold was recovered            | 20
 *  +---------------------------------------------------------------+
 *  |          Recoveries: holds taken over from dead owners        | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Wait Word (16 bytes, WaitWord)               | 32
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                     Reserved, zero                            | 48
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Every field is in one cache line on purpose: a hand-off moves one line between the releaser and the acquirer.
 * Only the owner writes the thread id, hold count and owner-died fields, and only between winning the owner word
 * (with the pending bit) and releasing it.
 */
public final class LockDescriptor
{
    /** Layout version of the lock body; 1.1: each wait word's sleepers field holds a repair epoch (WaitWord). */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(1, 1, 0);
    /** Bit 63 of the owner word: the owner has won the word but not yet recorded its thread (see OwnerToken). */
    public static final long OWNER_PENDING_BIT = 1L << 63;

    public static final int OWNER_OFFSET = 0;
    public static final int OWNER_THREAD_OFFSET = OWNER_OFFSET + SIZE_OF_LONG;
    public static final int HOLD_COUNT_OFFSET = OWNER_THREAD_OFFSET + SIZE_OF_LONG;
    public static final int OWNER_DIED_OFFSET = HOLD_COUNT_OFFSET + SIZE_OF_INT;
    public static final int RECOVERIES_OFFSET = OWNER_DIED_OFFSET + SIZE_OF_INT;
    public static final int WAIT_WORD_OFFSET = RECOVERIES_OFFSET + SIZE_OF_LONG;
    /** Bytes a lock takes, in a region or embedded in another layout. */
    public static final int LENGTH = BitUtil.align(WAIT_WORD_OFFSET + WaitWord.LENGTH, CACHE_LINE_LENGTH);

    private LockDescriptor()
    {
    }

    /**
     * @param kind {@link RegionKind#LOCK} or {@link RegionKind#RLOCK}.
     * @return the spec of a lock region of that kind.
     */
    public static RegionSpec spec(final RegionKind kind)
    {
        return new RegionSpec(kind, LAYOUT_VERSION, ElementType.NONE, 0, LENGTH);
    }
}
