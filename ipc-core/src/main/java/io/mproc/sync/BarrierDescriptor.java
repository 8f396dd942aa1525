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
 * Body of a {@link Barrier} ({@link RegionKind#BARRIER}): one state word changed only by compare-and-set, the number
 * of parties, the wait word, and the default timeout. The header's length field is also the number of parties.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Generation (32 bits)                      |  0  state word, high half
 *  +-------------------------------+-+-----------------------------+
 *  |   Broken History (16 bits)    |B|   Arrived Count (15 bits)   |  4  state word, low half
 *  +-------------------------------+-+-----------------------------+
 *  |                           Parties                             |  8
 *  +---------------------------------------------------------------+
 *  |                          Reserved                             | 12
 *  +---------------------------------------------------------------+
 *  |                  Wait Word (16 bytes, WaitWord)               | 16
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                 Default Timeout (ns, 64 bits)                 | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Padding to 64 bytes                       | 40
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The default timeout (Python's {@code Barrier(parties, action, timeout)}) is written once by the creator, before the
 * barrier is published, and never changes: 0 for none, else the nanoseconds an {@code await()} without a timeout of
 * its own waits in every process before the barrier breaks.
 * The state word, read as one little-endian long: bits 63-32 the generation (bumped each time the barrier trips or
 * is reset), bits 31-16 whether each of the last 16 generations ended broken (bit 16 for the one just before the
 * current), bit 15 B (the current generation is broken), bits 14-0 the parties arrived in the current generation.
 * The history lets a waiter that wakes after the generation moved on tell whether its own generation tripped or
 * was broken by a reset.
 */
public final class BarrierDescriptor
{
    /**
     * Layout version of the body; 1.1: each wait word's sleepers field holds a repair epoch (WaitWord); 1.2: the
     * default timeout at {@link #DEFAULT_TIMEOUT_OFFSET}.
     */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(1, 2, 0);
    /** Most parties a barrier can have. */
    public static final int MAX_PARTIES = (1 << 15) - 1;

    public static final int STATE_OFFSET = 0;
    public static final int PARTIES_OFFSET = STATE_OFFSET + SIZE_OF_LONG;
    public static final int RESERVED_OFFSET = PARTIES_OFFSET + SIZE_OF_INT;
    public static final int WAIT_WORD_OFFSET = RESERVED_OFFSET + SIZE_OF_INT;
    public static final int DEFAULT_TIMEOUT_OFFSET = WAIT_WORD_OFFSET + WaitWord.LENGTH;
    public static final int BODY_LENGTH = BitUtil.align(DEFAULT_TIMEOUT_OFFSET + SIZE_OF_LONG, CACHE_LINE_LENGTH);
    /** The default timeout's value for "none": untimed waits wait until the barrier trips or breaks. */
    public static final long NO_DEFAULT_TIMEOUT = 0;

    static final int GENERATION_SHIFT = 32;
    static final int HISTORY_SHIFT = 16;
    static final int HISTORY_BITS = 16;
    static final long HISTORY_MASK = 0xFFFFL << HISTORY_SHIFT;
    static final long BROKEN_BIT = 1L << 15;
    static final long COUNT_MASK = BROKEN_BIT - 1;

    private BarrierDescriptor()
    {
    }

    /**
     * @param parties that must arrive to trip the barrier; -1 ({@link RegionSpec#ANY_LENGTH}) to open any.
     * @return the spec of a barrier.
     */
    public static RegionSpec spec(final long parties)
    {
        if (RegionSpec.ANY_LENGTH != parties && (parties < 1 || parties > MAX_PARTIES))
        {
            throw new IllegalArgumentException("parties must be 1 to " + MAX_PARTIES + ": parties=" + parties);
        }
        return new RegionSpec(RegionKind.BARRIER, LAYOUT_VERSION, ElementType.NONE, parties, BODY_LENGTH);
    }

    /**
     * @param state word.
     * @return the generation it records.
     */
    public static int generation(final long state)
    {
        return (int)(state >>> GENERATION_SHIFT);
    }

    /**
     * @param state word.
     * @return the parties arrived in its generation.
     */
    public static int count(final long state)
    {
        return (int)(state & COUNT_MASK);
    }

    /**
     * @param state word.
     * @return true when its generation is broken.
     */
    public static boolean isBroken(final long state)
    {
        return 0 != (state & BROKEN_BIT);
    }

    static int history(final long state)
    {
        return (int)((state & HISTORY_MASK) >>> HISTORY_SHIFT);
    }

    static long state(final int generation, final int history, final boolean broken, final int count)
    {
        return ((long)generation << GENERATION_SHIFT) | ((long)(history & 0xFFFF) << HISTORY_SHIFT) |
            (broken ? BROKEN_BIT : 0) | count;
    }
}
