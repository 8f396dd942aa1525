package io.mproc.value;

import io.mproc.memory.BodyInitializer;
import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;

import java.util.Objects;

/**
 * A fixed-length array of bytes shared between processes, with plain and volatile element access.
 * Plain {@link #get(int)} and {@link #set(int, byte)} give no ordering between processes: use them for data
 * published by some other synchronisation, and the volatile forms otherwise.
 */
public final class ByteArray extends SharedArray
{
    private static final long serialVersionUID = 1L;

    private ByteArray(final MappedRegion region)
    {
        super(region, ElementType.BYTE);
    }

    /** Creates a new array of {@code length} zeros; fails if the name exists. */
    public static ByteArray create(final Namespace namespace, final String name, final int length)
    {
        return open(namespace, name, OpenMode.CREATE, length, null);
    }

    /** Creates a new array holding a copy of {@code values} (the length is theirs); fails if the name exists. */
    public static ByteArray create(final Namespace namespace, final String name, final byte[] values)
    {
        return open(namespace, name, OpenMode.CREATE, Objects.requireNonNull(values, "values").length, values);
    }

    /** Opens the array of that name, creating it filled with zeros if it does not exist; the length must match. */
    public static ByteArray createOrOpen(final Namespace namespace, final String name, final int length)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, length, null);
    }

    /**
     * Opens the array of that name, creating it with a copy of {@code values} if it does not exist. As with a shared
     * value's initial value, only the process that creates the array sets its elements: an existing one keeps its own,
     * and must have their length.
     */
    public static ByteArray createOrOpen(final Namespace namespace, final String name, final byte[] values)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, Objects.requireNonNull(values, "values").length, values);
    }

    /** Opens an existing array, whatever its length. */
    public static ByteArray open(final Namespace namespace, final String name)
    {
        return open(namespace, name, OpenMode.OPEN, 0, null);
    }

    /**
     * The one factory the others call: gets the array's file as {@code mode} says.
     *
     * @param namespace of the array.
     * @param name      of the array.
     * @param mode      create, open (any length) or create-or-open (an existing array must have {@code length}).
     * @param length    element count of a new array.
     * @param values    initial elements of a new array ({@code length} of them), or null for zeros.
     * @return the array.
     */
    public static ByteArray open(final Namespace namespace, final String name, final OpenMode mode, final int length,
        final byte[] values)
    {
        return new ByteArray(region(namespace, name, mode, ElementType.BYTE, length,
            null == values ? (b, o, l) -> { } : copyOf(values)));
    }

    private static BodyInitializer copyOf(final byte[] values)
    {
        return (buffer, offset, length) -> buffer.putBytes(offset, values);
    }

    /**
     * @param index of the element.
     * @return the element, plain read.
     */
    public byte get(final int index)
    {
        return buffer.getByte(elementIndex(index));
    }

    /**
     * @param index of the element.
     * @param value to store, plain write.
     */
    public void set(final int index, final byte value)
    {
        buffer.putByte(elementIndex(index), value);
    }

    /**
     * @param index of the element.
     * @return the element, volatile read.
     */
    public byte getVolatile(final int index)
    {
        return buffer.getByteVolatile(elementIndex(index));
    }

    /**
     * @param index of the element.
     * @param value to store, volatile write.
     */
    public void setVolatile(final int index, final byte value)
    {
        buffer.putByteVolatile(elementIndex(index), value);
    }

    /**
     * Copies elements out, with plain reads.
     *
     * @param index       of the first element.
     * @param destination Java array.
     * @param offset      into the destination.
     * @param count       of elements.
     */
    public void copyTo(final int index, final byte[] destination, final int offset, final int count)
    {
        checkRange(index, count, destination.length, offset);
        buffer.getBytes(baseIndex + index, destination, offset, count);
    }

    /**
     * Copies elements in, with plain writes.
     *
     * @param index  of the first element.
     * @param source Java array.
     * @param offset into the source.
     * @param count  of elements.
     */
    public void copyFrom(final int index, final byte[] source, final int offset, final int count)
    {
        checkRange(index, count, source.length, offset);
        buffer.putBytes(baseIndex + index, source, offset, count);
    }

    /**
     * @return a copy of all elements.
     */
    public byte[] toArray()
    {
        final byte[] copy = new byte[length];
        copyTo(0, copy, 0, length);
        return copy;
    }
}
