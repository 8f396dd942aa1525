package io.mproc.sync;

import io.mproc.memory.ElementType;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import org.agrona.BitUtil;
import org.agrona.SemanticVersion;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Body of an {@link Event} ({@link RegionKind#EVENT}): what setters write and what clearers write, each on a cache
 * line pair of its own.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |              Set Sequence: bumped by every set()              |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Wait Word (16 bytes, WaitWord)               |  8
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                      | 24
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |       Clear Sequence: raised to Set Sequence by clear()       |128
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Padding to 256 bytes                      |136
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The event is set while Set Sequence is ahead of Clear Sequence. Set Sequence only grows (atomic increments) and
 * Clear Sequence only takes values read from it (compare-and-set, never lower), so Clear Sequence never passes it.
 * <p>
 * Why two sequences rather than one flag: in the usual hand-off the waiter clears what it waited for and the other
 * side sets it. With one flag word both sides write one line, and the waiter's clear must take the line back
 * (a cross-core round trip) before its next store can become visible. With a line for each writer, a clear stays in
 * the clearer's cache and a hand-off costs what a raw store and load cost.
 */
public final class EventDescriptor
{
    /** Layout version of the body; 1.1: each wait word's sleepers field holds a repair epoch (WaitWord). */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(1, 1, 0);

    public static final int SET_SEQUENCE_OFFSET = 0;
    public static final int WAIT_WORD_OFFSET = SET_SEQUENCE_OFFSET + SIZE_OF_LONG;
    public static final int CLEAR_SEQUENCE_OFFSET =
        BitUtil.align(WAIT_WORD_OFFSET + WaitWord.LENGTH, CACHE_LINE_LENGTH * 2);
    public static final int BODY_LENGTH = BitUtil.align(CLEAR_SEQUENCE_OFFSET + SIZE_OF_LONG, CACHE_LINE_LENGTH * 2);

    /** The spec of every event. */
    public static final RegionSpec SPEC =
        new RegionSpec(RegionKind.EVENT, LAYOUT_VERSION, ElementType.NONE, 0, BODY_LENGTH);

    private EventDescriptor()
    {
    }
}
