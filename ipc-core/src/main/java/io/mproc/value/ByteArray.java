package io.mproc.value;

import io.mproc.memory.BodyInitializer;
import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;

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

    /**
     * Creates a new array of zeros; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the array.
     * @param length    element count.
     * @return the array.
     */
    public static ByteArray create(final Namespace namespace, final String name, final int length)
    {
        return new ByteArray(namespace.create(name, ArrayDescriptor.spec(ElementType.BYTE, length), (b, o, l) -> {}));
    }

    /**
     * Creates a new array holding a copy of {@code values}; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the array.
     * @param values    initial elements; the length is theirs.
     * @return the array.
     */
    public static ByteArray create(final Namespace namespace, final String name, final byte[] values)
    {
        Objects.requireNonNull(values, "values");
        return new ByteArray(namespace.create(name,
            ArrayDescriptor.spec(ElementType.BYTE, values.length), copyOf(values)));
    }

    /**
     * Opens the array of that name, creating it filled with zeros if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the array.
     * @param length    element count; an existing array must have it.
     * @return the array.
     */
    public static ByteArray createOrOpen(final Namespace namespace, final String name, final int length)
    {
        return new ByteArray(namespace.createOrOpen(name, ArrayDescriptor.spec(ElementType.BYTE, length), (b, o, l) -> {}));
    }

    /**
     * Opens the array of that name, creating it with a copy of {@code values} if it does not exist. As with a shared
     * value's initial value, only the process that creates the array sets its elements: an existing one keeps its own.
     *
     * @param namespace to open it in.
     * @param name      of the array.
     * @param values    initial elements of a new array; an existing array must have their length.
     * @return the array.
     */
    public static ByteArray createOrOpen(final Namespace namespace, final String name, final byte[] values)
    {
        Objects.requireNonNull(values, "values");
        return new ByteArray(namespace.createOrOpen(name,
            ArrayDescriptor.spec(ElementType.BYTE, values.length), copyOf(values)));
    }

    /**
     * Opens an existing array, whatever its length.
     *
     * @param namespace to open it in.
     * @param name      of the array.
     * @return the array.
     */
    public static ByteArray open(final Namespace namespace, final String name)
    {
        return new ByteArray(namespace.open(name, ArrayDescriptor.anyLength(ElementType.BYTE)));
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
