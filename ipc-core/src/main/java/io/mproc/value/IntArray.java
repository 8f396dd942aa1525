package io.mproc.value;

import io.mproc.memory.BodyInitializer;
import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;

import java.util.Objects;

/**
 * A fixed-length array of {@code int} shared between processes, like
 * {@link java.util.concurrent.atomic.AtomicIntegerArray}: plain, volatile and atomic element access.
 * Plain {@link #get(int)} and {@link #set(int, int)} give no ordering between processes: use them for data
 * published by some other synchronisation, and the volatile or atomic forms otherwise.
 */
public final class IntArray extends SharedArray
{
    private static final long serialVersionUID = 1L;

    private IntArray(final MappedRegion region)
    {
        super(region, ElementType.INT);
    }

    /** Creates a new array of {@code length} zeros; fails if the name exists. */
    public static IntArray create(final Namespace namespace, final String name, final int length)
    {
        return open(namespace, name, OpenMode.CREATE, length, null);
    }

    /** Creates a new array holding a copy of {@code values} (the length is theirs); fails if the name exists. */
    public static IntArray create(final Namespace namespace, final String name, final int[] values)
    {
        return open(namespace, name, OpenMode.CREATE, Objects.requireNonNull(values, "values").length, values);
    }

    /** Opens the array of that name, creating it filled with zeros if it does not exist; the length must match. */
    public static IntArray createOrOpen(final Namespace namespace, final String name, final int length)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, length, null);
    }

    /**
     * Opens the array of that name, creating it with a copy of {@code values} if it does not exist. As with a shared
     * value's initial value, only the process that creates the array sets its elements: an existing one keeps its own,
     * and must have their length.
     */
    public static IntArray createOrOpen(final Namespace namespace, final String name, final int[] values)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, Objects.requireNonNull(values, "values").length, values);
    }

    /** Opens an existing array, whatever its length. */
    public static IntArray open(final Namespace namespace, final String name)
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
    public static IntArray open(final Namespace namespace, final String name, final OpenMode mode, final int length,
        final int[] values)
    {
        return new IntArray(region(namespace, name, mode, ElementType.INT, length,
            null == values ? (b, o, l) -> { } : copyOf(values)));
    }

    private static BodyInitializer copyOf(final int[] values)
    {
        return (buffer, offset, length) ->
        {
            for (int i = 0; i < values.length; i++)
            {
                buffer.putInt(offset + i * Integer.BYTES, values[i]);
            }
        };
    }

    /**
     * @param index of the element.
     * @return the element, plain read.
     */
    public int get(final int index)
    {
        return buffer.getInt(elementIndex(index));
    }

    /**
     * @param index of the element.
     * @param value to store, plain write.
     */
    public void set(final int index, final int value)
    {
        buffer.putInt(elementIndex(index), value);
    }

    /**
     * @param index of the element.
     * @return the element, volatile read.
     */
    public int getVolatile(final int index)
    {
        return buffer.getIntVolatile(elementIndex(index));
    }

    /**
     * @param index of the element.
     * @param value to store, volatile write.
     */
    public void setVolatile(final int index, final int value)
    {
        buffer.putIntVolatile(elementIndex(index), value);
    }

    /**
     * @param index of the element.
     * @param value to store, release write.
     */
    public void setRelease(final int index, final int value)
    {
        buffer.putIntRelease(elementIndex(index), value);
    }

    /**
     * @param index of the element.
     * @param delta to add atomically.
     * @return the element before the addition.
     */
    public int getAndAdd(final int index, final int delta)
    {
        return buffer.getAndAddInt(elementIndex(index), delta);
    }

    /**
     * @param index of the element.
     * @param delta to add atomically.
     * @return the element after the addition.
     */
    public int addAndGet(final int index, final int delta)
    {
        return buffer.getAndAddInt(elementIndex(index), delta) + delta;
    }

    /**
     * @param index of the element.
     * @return the element after adding one.
     */
    public int incrementAndGet(final int index)
    {
        return addAndGet(index, 1);
    }

    /**
     * @param index of the element.
     * @param value to store atomically.
     * @return the element before.
     */
    public int getAndSet(final int index, final int value)
    {
        return buffer.getAndSetInt(elementIndex(index), value);
    }

    /**
     * @param index         of the element.
     * @param expectedValue the element must have.
     * @param updateValue   to store if it has.
     * @return true when the element was updated.
     */
    public boolean compareAndSet(final int index, final int expectedValue, final int updateValue)
    {
        return buffer.compareAndSetInt(elementIndex(index), expectedValue, updateValue);
    }

    /**
     * Copies elements out, with plain reads.
     *
     * @param index       of the first element.
     * @param destination Java array.
     * @param offset      into the destination.
     * @param count       of elements.
     */
    public void copyTo(final int index, final int[] destination, final int offset, final int count)
    {
        checkRange(index, count, destination.length, offset);
        for (int i = 0; i < count; i++)
        {
            destination[offset + i] = buffer.getInt(baseIndex + (index + i) * Integer.BYTES);
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
    public void copyFrom(final int index, final int[] source, final int offset, final int count)
    {
        checkRange(index, count, source.length, offset);
        for (int i = 0; i < count; i++)
        {
            buffer.putInt(baseIndex + (index + i) * Integer.BYTES, source[offset + i]);
        }
    }

    /**
     * @return a copy of all elements.
     */
    public int[] toArray()
    {
        final int[] copy = new int[length];
        copyTo(0, copy, 0, length);
        return copy;
    }
}
