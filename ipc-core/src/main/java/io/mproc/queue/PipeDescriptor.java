package io.mproc.queue;

import io.mproc.memory.ElementType;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import org.agrona.SemanticVersion;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Body of a duplex pipe ({@link RegionKind#PIPE}), after the region header: who holds each end, whether it was
 * closed, and one queue body ({@link QueueDescriptor}) per direction. The header's length field is the capacity of
 * each direction.
 * <pre>{@code
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |     End A Owner (pid << 32 | start time), 0 = not attached    |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                End A Closed (0 / 1)                           |  8
 *  +---------------------------------------------------------------+
 *  |     Direction: 0 = duplex, 1 = one-way (B sends, A receives)  | 12  set at creation, never changed
 *  +---------------------------------------------------------------+
 *  |                    ... to 64 ...                              |
 *  +---------------------------------------------------------------+
 *  |     End B Owner                                               | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                End B Closed (0 / 1)                           | 72
 *  +---------------------------------------------------------------+
 *  |                    ... to 128 ...                             |
 *  +---------------------------------------------------------------+
 *  |     Queue body A to B (QueueDescriptor layout)                | 128
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |     Queue body B to A (QueueDescriptor layout)                | 128 + queue body length
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * }</pre>
 * An end is attached by the process that opens it ({@code Connection.open}, or receiving it from another process),
 * or else by the first process that uses it (send, receive or poll), and detached when that process closes it or
 * dies: a receiver whose peer end is closed, or whose attached peer process is dead, gets
 * {@link java.io.EOFException} once the direction is drained. A one-way pipe keeps the same layout and leaves its
 * A to B body unused.
 */
public final class PipeDescriptor
{
    /** Layout version of the body; 3: queue bodies of layout 3 (consumer ledger; each wait word's sleepers field
     * holds a repair epoch, see WaitWord). */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(3, 0, 0);

    public static final int END_LENGTH = CACHE_LINE_LENGTH;
    public static final int END_OWNER_OFFSET = 0;
    public static final int END_CLOSED_OFFSET = END_OWNER_OFFSET + SIZE_OF_LONG;
    public static final int DIRECTION_OFFSET = END_CLOSED_OFFSET + SIZE_OF_INT;
    /** Direction: both ends send and receive. */
    public static final int DUPLEX = 0;
    /** Direction: end B only sends, end A only receives (Python's {@code Pipe(duplex=False)}). */
    public static final int ONE_WAY = 1;
    public static final int END_A_OFFSET = 0;
    public static final int END_B_OFFSET = END_A_OFFSET + END_LENGTH;
    public static final int A_TO_B_OFFSET = CACHE_LINE_LENGTH * 2;

    private PipeDescriptor()
    {
    }

    /**
     * @param capacity of each direction, in bytes.
     * @return offset of the B to A queue body.
     */
    public static int bToAOffset(final int capacity)
    {
        return A_TO_B_OFFSET + QueueDescriptor.bodyLength(QueueDescriptor.DEFAULT_PRODUCER_ENTRIES, capacity);
    }

    /**
     * @param capacity of each direction, in bytes.
     * @return the spec of such a pipe.
     */
    public static RegionSpec spec(final int capacity)
    {
        QueueDescriptor.checkCapacity(capacity);
        return new RegionSpec(RegionKind.PIPE, LAYOUT_VERSION, ElementType.NONE, capacity,
            bToAOffset(capacity) + (long)QueueDescriptor.bodyLength(QueueDescriptor.DEFAULT_PRODUCER_ENTRIES, capacity));
    }

    /**
     * @return the spec that opens a pipe of any capacity.
     */
    public static RegionSpec anyCapacity()
    {
        return new RegionSpec(RegionKind.PIPE, LAYOUT_VERSION, ElementType.NONE, RegionSpec.ANY_LENGTH, 0);
    }
}
