package io.mproc.cluster;

import io.mproc.value.SharedLongArray;
import org.apache.ignite.IgniteAtomicLong;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * A {@link SharedLongArray} on a cluster: one Ignite atomic long per element, opened on first use of each (an array
 * of a million elements costs nothing until its elements are touched); the length is fixed by the creator and kept
 * in an atomic of its own.
 */
final class ClusterLongArray implements SharedLongArray, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient int length;
    private final transient IntFunction<IgniteAtomicLong> opener;
    private final transient AtomicReferenceArray<IgniteAtomicLong> elements;

    ClusterLongArray(
        final ClusterUri uri, final String name, final int length, final IntFunction<IgniteAtomicLong> opener)
    {
        this.uri = uri;
        this.name = name;
        this.length = length;
        this.opener = opener;
        this.elements = new AtomicReferenceArray<>(length);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public long get(final int index)
    {
        return element(index).get();
    }

    @Override
    public void set(final int index, final long value)
    {
        element(index).getAndSet(value);
    }

    @Override
    public long getAndSet(final int index, final long value)
    {
        return element(index).getAndSet(value);
    }

    @Override
    public boolean compareAndSet(final int index, final long expectedValue, final long updateValue)
    {
        return element(index).compareAndSet(expectedValue, updateValue);
    }

    @Override
    public long getAndAdd(final int index, final long delta)
    {
        return element(index).getAndAdd(delta);
    }

    @Override
    public long addAndGet(final int index, final long delta)
    {
        return element(index).addAndGet(delta);
    }

    @Override
    public long incrementAndGet(final int index)
    {
        return element(index).incrementAndGet();
    }

    @Override
    public long[] toArray()
    {
        final long[] copy = new long[length];
        for (int i = 0; i < length; i++)
        {
            copy[i] = get(i);
        }
        return copy;
    }

    @Override
    public void close()
    {
        // the atomics stay for the other processes
    }

    private IgniteAtomicLong element(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException("index=" + index + ", length=" + length + ", array=" + name);
        }
        IgniteAtomicLong element = elements.get(index);
        if (null == element)
        {
            element = opener.apply(index);
            elements.compareAndSet(index, null, element);
        }
        return element;
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.LONG_ARRAY, name, length);
    }

    @Override
    public String toString()
    {
        return "ClusterLongArray{name=" + name + ", length=" + length + ", cluster=" + uri.clusterKey() + '}';
    }
}
