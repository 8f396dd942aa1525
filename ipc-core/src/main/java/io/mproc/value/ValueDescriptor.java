package io.mproc.value;

import io.mproc.memory.ElementType;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import org.agrona.SemanticVersion;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Body of a shared scalar ({@link RegionKind#VALUE}), after the region header. The value has a cache line to
 * itself; the next line is kept for the value's lock, so that adding it changes no offset.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   Value: int / boolean (4 bytes) or long / double bits (8)    |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Padding to 64 bytes                       |  8
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |   Lock area, 64 bytes: Value.lock(), sync.LockDescriptor      | 64
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The header's length field is 1.
 */
public final class ValueDescriptor
{
    /** Layout version of the body; 1.1: each wait word's sleepers field holds a repair epoch (WaitWord). */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(1, 1, 0);
    public static final int VALUE_OFFSET = 0;
    public static final int LOCK_OFFSET = VALUE_OFFSET + CACHE_LINE_LENGTH;
    public static final int LOCK_LENGTH = CACHE_LINE_LENGTH;
    public static final int BODY_LENGTH = LOCK_OFFSET + LOCK_LENGTH;

    private ValueDescriptor()
    {
    }

    /**
     * @param elementType of the value.
     * @return the spec of a value of that type.
     */
    public static RegionSpec spec(final ElementType elementType)
    {
        return new RegionSpec(RegionKind.VALUE, LAYOUT_VERSION, elementType, 1, BODY_LENGTH);
    }
}
