package io.mproc.value;

import io.mproc.memory.BodyInitializer;
import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;

import java.util.Objects;

/**
 * A fixed-length array of {@code long} shared between processes, like
 * {@link java.util.concurrent.atomic.AtomicLongArray}: plain, volatile and atomic element access.
 * Plain {@link #get(int)} and {@link #set(int, long)} give no ordering between processes: use them for data
 * published by some other synchronisation, and the volatile or atomic forms otherwise.
 */
public final class LongArray extends SharedArray implements SharedLongArray
{
    private static final long serialVersionUID = 1L;

    private LongArray(final MappedRegion region)
    {
        super(region, ElementType.LONG);
    }

    /**
     * Creates a new array of zeros; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the array.
     * @param length    element count.
     * @return the array.
     */
    public static LongArray create(final Namespace namespace, final String name, final int length)
    {
        return new LongArray(namespace.create(name, ArrayDescriptor.spec(ElementType.LONG, length), (b, o, l) -> {}));
    }

    /**
     * Creates a new array holding a copy of {@code values}; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the array.
     * @param values    initial elements; the length is theirs.
     * @return the array.
     */
    public static LongArray create(final Namespace namespace, final String name, final long[] values)
    {
        Objects.requireNonNull(values, "values");
        return new LongArray(namespace.create(name,
            ArrayDescriptor.spec(ElementType.LONG, values.length), copyOf(values)));
    }

    /**
     * Opens the array of that name, creating it filled with zeros if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the array.
     * @param length    element count; an existing array must have it.
     * @return the array.
     */
    public static LongArray createOrOpen(final Namespace namespace, final String name, final int length)
    {
        return new LongArray(namespace.createOrOpen(name, ArrayDescriptor.spec(ElementType.LONG, length), (b, o, l) -> {}));
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
    public static LongArray createOrOpen(final Namespace namespace, final String name, final long[] values)
    {
        Objects.requireNonNull(values, "values");
        return new LongArray(namespace.createOrOpen(name,
            ArrayDescriptor.spec(ElementType.LONG, values.length), copyOf(values)));
    }

    /**
     * Opens an existing array, whatever its length.
     *
     * @param namespace to open it in.
     * @param name      of the array.
     * @return the array.
     */
    public static LongArray open(final Namespace namespace, final String name)
    {
        return new LongArray(namespace.open(name, ArrayDescriptor.anyLength(ElementType.LONG)));
    }

    private static BodyInitializer copyOf(final long[] values)
    {
        return (buffer, offset, length) ->
        {
            for (int i = 0; i < values.length; i++)
            {
                buffer.putLong(offset + i * Long.BYTES, values[i]);
            }
        };
    }

    /**
     * @param index of the element.
     * @return the element, plain read.
     */
    public long get(final int index)
    {
        return buffer.getLong(elementIndex(index));
    }

    /**
     * @param index of the element.
     * @param value to store, plain write.
     */
    public void set(final int index, final long value)
    {
        buffer.putLong(elementIndex(index), value);
    }

    /**
     * @param index of the element.
     * @return the element, volatile read.
     */
    public long getVolatile(final int index)
    {
        return buffer.getLongVolatile(elementIndex(index));
    }

    /**
     * @param index of the element.
     * @param value to store, volatile write.
     */
    public void setVolatile(final int index, final long value)
    {
        buffer.putLongVolatile(elementIndex(index), value);
    }

    /**
     * @param index of the element.
     * @param value to store, release write.
     */
    public void setRelease(final int index, final long value)
    {
        buffer.putLongRelease(elementIndex(index), value);
    }

    /**
     * @param index of the element.
     * @param delta to add atomically.
     * @return the element before the addition.
     */
    public long getAndAdd(final int index, final long delta)
    {
        return buffer.getAndAddLong(elementIndex(index), delta);
    }

    /**
     * @param index of the element.
     * @param delta to add atomically.
     * @return the element after the addition.
     */
    public long addAndGet(final int index, final long delta)
    {
        return buffer.getAndAddLong(elementIndex(index), delta) + delta;
    }

    /**
     * @param index of the element.
     * @return the element after adding one.
     */
    public long incrementAndGet(final int index)
    {
        return addAndGet(index, 1);
    }

    /**
     * @param index of the element.
     * @param value to store atomically.
     * @return the element before.
     */
    public long getAndSet(final int index, final long value)
    {
        return buffer.getAndSetLong(elementIndex(index), value);
    }

    /**
     * @param index         of the element.
     * @param expectedValue the element must have.
     * @param updateValue   to store if it has.
     * @return true when the element was updated.
     */
    public boolean compareAndSet(final int index, final long expectedValue, final long updateValue)
    {
        return buffer.compareAndSetLong(elementIndex(index), expectedValue, updateValue);
    }

    /**
     * Copies elements out, with plain reads.
     *
     * @param index       of the first element.
     * @param destination Java array.
     * @param offset      into the destination.
     * @param count       of elements.
     */
    public void copyTo(final int index, final long[] destination, final int offset, final int count)
    {
        checkRange(index, count, destination.length, offset);
        for (int i = 0; i < count; i++)
        {
            destination[offset + i] = buffer.getLong(baseIndex + (index + i) * Long.BYTES);
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
    public void copyFrom(final int index, final long[] source, final int offset, final int count)
    {
        checkRange(index, count, source.length, offset);
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(baseIndex + (index + i) * Long.BYTES, source[offset + i]);
        }
    }

    /**
     * @return a copy of all elements.
     */
    public long[] toArray()
    {
        final long[] copy = new long[length];
        copyTo(0, copy, 0, length);
        return copy;
    }
}
