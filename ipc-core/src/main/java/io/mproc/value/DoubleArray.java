package io.mproc.value;

import io.mproc.memory.BodyInitializer;
import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;

import java.util.Objects;

/**
 * A fixed-length array of {@code double} shared between processes, with plain and volatile element access.
 * Plain {@link #get(int)} and {@link #set(int, double)} give no ordering between processes: use them for data
 * published by some other synchronisation, and the volatile forms otherwise.
 */
public final class DoubleArray extends SharedArray
{
    private static final long serialVersionUID = 1L;

    private DoubleArray(final MappedRegion region)
    {
        super(region, ElementType.DOUBLE);
    }

    /** Creates a new array of {@code length} zeros; fails if the name exists. */
    public static DoubleArray create(final Namespace namespace, final String name, final int length)
    {
        return open(namespace, name, OpenMode.CREATE, length, null);
    }

    /** Creates a new array holding a copy of {@code values} (the length is theirs); fails if the name exists. */
    public static DoubleArray create(final Namespace namespace, final String name, final double[] values)
    {
        return open(namespace, name, OpenMode.CREATE, Objects.requireNonNull(values, "values").length, values);
    }

    /** Opens the array of that name, creating it filled with zeros if it does not exist; the length must match. */
    public static DoubleArray createOrOpen(final Namespace namespace, final String name, final int length)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, length, null);
    }

    /**
     * Opens the array of that name, creating it with a copy of {@code values} if it does not exist. As with a shared
     * value's initial value, only the process that creates the array sets its elements: an existing one keeps its own,
     * and must have their length.
     */
    public static DoubleArray createOrOpen(final Namespace namespace, final String name, final double[] values)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, Objects.requireNonNull(values, "values").length, values);
    }

    /** Opens an existing array, whatever its length. */
    public static DoubleArray open(final Namespace namespace, final String name)
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
    public static DoubleArray open(final Namespace namespace, final String name, final OpenMode mode, final int length,
        final double[] values)
    {
        return new DoubleArray(region(namespace, name, mode, ElementType.DOUBLE, length,
            null == values ? (b, o, l) -> { } : copyOf(values)));
    }

    private static BodyInitializer copyOf(final double[] values)
    {
        return (buffer, offset, length) ->
        {
            for (int i = 0; i < values.length; i++)
            {
                buffer.putDouble(offset + i * Double.BYTES, values[i]);
            }
        };
    }

    /**
     * @param index of the element.
     * @return the element, plain read.
     */
    public double get(final int index)
    {
        return buffer.getDouble(elementIndex(index));
    }

    /**
     * @param index of the element.
     * @param value to store, plain write.
     */
    public void set(final int index, final double value)
    {
        buffer.putDouble(elementIndex(index), value);
    }

    /**
     * @param index of the element.
     * @return the element, volatile read.
     */
    public double getVolatile(final int index)
    {
        return Double.longBitsToDouble(buffer.getLongVolatile(elementIndex(index)));
    }

    /**
     * @param index of the element.
     * @param value to store, volatile write.
     */
    public void setVolatile(final int index, final double value)
    {
        buffer.putLongVolatile(elementIndex(index), Double.doubleToRawLongBits(value));
    }

    /**
     * @param index of the element.
     * @param value to store, release write.
     */
    public void setRelease(final int index, final double value)
    {
        buffer.putLongRelease(elementIndex(index), Double.doubleToRawLongBits(value));
    }

    /**
     * Copies elements out, with plain reads.
     *
     * @param index       of the first element.
     * @param destination Java array.
     * @param offset      into the destination.
     * @param count       of elements.
     */
    public void copyTo(final int index, final double[] destination, final int offset, final int count)
    {
        checkRange(index, count, destination.length, offset);
        for (int i = 0; i < count; i++)
        {
            destination[offset + i] = buffer.getDouble(baseIndex + (index + i) * Double.BYTES);
        }
    }

    /**
     * Copies elements in, with plain writes.
     *
     * @param index  of the first element.
     * @param source Java array.
     * @param offset into the source.
     * @param count  of elements.
     */
    public void copyFrom(final int index, final double[] source, final int offset, final int count)
    {
        checkRange(index, count, source.length, offset);
        for (int i = 0; i < count; i++)
        {
            buffer.putDouble(baseIndex + (index + i) * Double.BYTES, source[offset + i]);
        }
    }

    /**
     * @return a copy of all elements.
     */
    public double[] toArray()
    {
        final double[] copy = new double[length];
        copyTo(0, copy, 0, length);
        return copy;
    }
}
