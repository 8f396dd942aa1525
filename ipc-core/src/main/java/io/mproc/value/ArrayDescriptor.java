package io.mproc.value;

import io.mproc.memory.ElementType;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import org.agrona.BitUtil;
import org.agrona.SemanticVersion;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Body of a shared array ({@link RegionKind#ARRAY}), after the region header: the elements, packed, each
 * naturally aligned because the body starts on a cache line. The header's length field is the element count.
 * <pre>
 *  +---------------------------------------------------------------+
 *  |   Element 0 | Element 1 | ... | Element length-1              |  0, element i at i * elementSize
 *  +---------------------------------------------------------------+
 *  |                Padding to a multiple of 64 bytes              |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ArrayDescriptor
{
    /** Layout version of the body. */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(1, 0, 0);
    /** Most elements an array may hold, so that the whole file stays under 2 GiB. */
    public static final int MAX_BODY_LENGTH = Integer.MAX_VALUE - 4096;

    private ArrayDescriptor()
    {
    }

    /**
     * @param elementType of the array.
     * @param length      element count.
     * @return the spec of such an array.
     */
    public static RegionSpec spec(final ElementType elementType, final int length)
    {
        checkLength(elementType, length);
        final long bodyLength = BitUtil.align((long)length * elementType.size(), CACHE_LINE_LENGTH);
        return new RegionSpec(RegionKind.ARRAY, LAYOUT_VERSION, elementType, length, Math.max(bodyLength, CACHE_LINE_LENGTH));
    }

    /**
     * @param elementType of the array.
     * @return the spec that opens an array of that type, whatever its length.
     */
    public static RegionSpec anyLength(final ElementType elementType)
    {
        return new RegionSpec(RegionKind.ARRAY, LAYOUT_VERSION, elementType, RegionSpec.ANY_LENGTH, 0);
    }

    /**
     * @param elementType of the array.
     * @param length      element count.
     * @throws IllegalArgumentException when the length is negative or too large.
     */
    public static void checkLength(final ElementType elementType, final long length)
    {
        if (length < 0 || length * elementType.size() > MAX_BODY_LENGTH)
        {
            throw new IllegalArgumentException("array length out of range: length=" + length + ", maxLength=" +
                MAX_BODY_LENGTH / elementType.size());
        }
    }
}
