package io.mproc.sync;

import io.mproc.memory.ElementType;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import org.agrona.BitUtil;
import org.agrona.SemanticVersion;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Body of an {@link Event} ({@link RegionKind#EVENT}): the flag and its wait word in one cache line.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  State: 0 = clear, 1 = set                    |  0
 *  +---------------------------------------------------------------+
 *  |                          Reserved                             |  4
 *  +---------------------------------------------------------------+
 *  |                  Wait Word (16 bytes, WaitWord)               |  8
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                     Padding to 64 bytes                       | 24
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class EventDescriptor
{
    /** Layout version of the body. */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(1, 0, 0);

    public static final int STATE_OFFSET = 0;
    public static final int WAIT_WORD_OFFSET = STATE_OFFSET + SIZE_OF_LONG;
    public static final int BODY_LENGTH = BitUtil.align(WAIT_WORD_OFFSET + WaitWord.LENGTH, CACHE_LINE_LENGTH);

    /** The spec of every event. */
    public static final RegionSpec SPEC =
        new RegionSpec(RegionKind.EVENT, LAYOUT_VERSION, ElementType.NONE, 0, BODY_LENGTH);

    private EventDescriptor()
    {
    }
}
