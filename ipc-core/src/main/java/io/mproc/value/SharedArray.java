package io.mproc.value;

import io.mproc.memory.BodyInitializer;
import io.mproc.memory.ElementType;
import io.mproc.memory.LengthMismatchException;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;
import io.mproc.memory.RegionSpec;
import io.mproc.memory.SharedObject;
import io.mproc.memory.TruncatedRegionException;

/**
 * Base of the shared arrays: a fixed number of typed elements in a mapped file (see {@link ArrayDescriptor}).
 * Every element access checks its index and throws {@link IndexOutOfBoundsException} naming index and length.
 */
public abstract class SharedArray extends SharedObject
{
    private static final long serialVersionUID = 1L;

    /** Element count. */
    protected final transient int length;
    /** Index in {@link #buffer} of element 0. */
    protected final transient int baseIndex;
    private final transient int shift;

    /**
     * @param region      behind the array.
     * @param elementType of the elements, for the element size.
     */
    protected SharedArray(final MappedRegion region, final ElementType elementType)
    {
        super(region);
        final long recordedLength = region.length();
        try
        {
            ArrayDescriptor.checkLength(elementType, recordedLength);
        }
        catch (final IllegalArgumentException ex)
        {
            region.close();
            throw new LengthMismatchException(region.path(), "0.." + ArrayDescriptor.MAX_BODY_LENGTH / elementType.size(),
                recordedLength);
        }
        if (region.bodyLength() < recordedLength * elementType.size())
        {
            region.close();
            throw new TruncatedRegionException(region.path(), "array body shorter than its length: bodyLength=" +
                region.bodyLength() + ", length=" + recordedLength + ", elementSize=" + elementType.size());
        }
        this.length = (int)recordedLength;
        this.baseIndex = region.bodyOffset();
        this.shift = Integer.numberOfTrailingZeros(elementType.size());
    }

    /**
     * The region of an array, as {@code mode} says: every array type's factories end here.
     *
     * @param namespace   of the array.
     * @param name        of the array.
     * @param mode        create, open (any length) or create-or-open (an existing array must have {@code length}).
     * @param elementType of the elements.
     * @param length      element count of a new array.
     * @param initializer writes the elements of a new array.
     * @return the mapped region.
     */
    protected static MappedRegion region(final Namespace namespace, final String name, final OpenMode mode,
        final ElementType elementType, final int length, final BodyInitializer initializer)
    {
        final RegionSpec anyLength = ArrayDescriptor.anyLength(elementType);
        return mode.region(namespace, name, OpenMode.OPEN == mode ? anyLength : ArrayDescriptor.spec(elementType, length),
            anyLength, initializer);
    }

    /**
     * @return the number of elements.
     */
    public final int length()
    {
        return length;
    }

    /**
     * Checks the handle is open and the index in range, and returns the element's buffer index.
     *
     * @param index of an element.
     * @return its index in {@link #buffer}.
     */
    protected final int elementIndex(final int index)
    {
        ensureOpen();
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException("index=" + index + ", length=" + length);
        }
        return baseIndex + (index << shift);
    }

    /**
     * Checks a range for a bulk copy.
     *
     * @param index       of the first element.
     * @param count       of elements.
     * @param arrayLength length of the Java array copied to or from.
     * @param arrayOffset offset into the Java array.
     */
    protected final void checkRange(final int index, final int count, final int arrayLength, final int arrayOffset)
    {
        ensureOpen();
        if (index < 0 || count < 0 || index > length - count)
        {
            throw new IndexOutOfBoundsException("index=" + index + ", count=" + count + ", length=" + length);
        }
        if (arrayOffset < 0 || arrayOffset > arrayLength - count)
        {
            throw new IndexOutOfBoundsException(
                "arrayOffset=" + arrayOffset + ", count=" + count + ", arrayLength=" + arrayLength);
        }
    }

    public String toString()
    {
        return getClass().getSimpleName() + "{name=" + name() + ", length=" + length + (isClosed() ? ", closed" : "") + '}';
    }
}
