package io.mproc.memory;

/**
 * What a caller expects of a shared object: the header fields that must match when it is opened and that are
 * written when it is created.
 *
 * @param kind        of shared object.
 * @param kindVersion layout version of the kind's body, from the kind's own descriptor.
 * @param elementType of the elements, or {@link ElementType#NONE}.
 * @param length      element count or capacity, as the kind defines it; checked on open unless
 *                    {@link #ANY_LENGTH}.
 * @param bodyLength  bytes that follow the header.
 */
public record RegionSpec(RegionKind kind, int kindVersion, ElementType elementType, long length, long bodyLength)
{
    /** A length that matches whatever the file has: used to open an array without knowing its length. */
    public static final long ANY_LENGTH = -1;

    /**
     * Validates the spec itself.
     */
    public RegionSpec
    {
        if (null == kind || null == elementType)
        {
            throw new IllegalArgumentException("kind and elementType are required: kind=" + kind +
                ", elementType=" + elementType);
        }
        if (bodyLength < 0 || bodyLength > Integer.MAX_VALUE - RegionDescriptor.HEADER_LENGTH)
        {
            throw new IllegalArgumentException("bodyLength out of range: bodyLength=" + bodyLength);
        }
    }

    /**
     * @return the whole file length: header plus body.
     */
    public long fileLength()
    {
        return RegionDescriptor.HEADER_LENGTH + bodyLength;
    }
}
