package io.mproc.queue;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.SharedObject;

import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;

/**
 * The {@link Collection} half of {@link SharedQueue}'s {@link BlockingQueue}, apart from the queue itself: what a
 * queue in shared memory cannot do without taking the values (iterate, search, copy, remove an arbitrary value)
 * throws {@link UnsupportedOperationException} saying what to use instead, and {@code remove}, {@code element},
 * {@code addAll} and {@code clear} are defined by {@code poll}, {@code peek} and {@code add} as
 * {@link java.util.AbstractQueue} defines them. Nothing here is on a put or take path.
 *
 * @param <E> type of the values.
 */
abstract class AbstractSharedQueue<E> extends SharedObject implements BlockingQueue<E>
{
    private static final long serialVersionUID = 1L;

    AbstractSharedQueue(final MappedRegion region)
    {
        super(region);
    }

    /**
     * Not supported: values in another process's queue cannot be walked without taking them; use
     * {@link #drainTo(Collection)}.
     *
     * @throws UnsupportedOperationException always.
     */
    public Iterator<E> iterator()
    {
        throw new UnsupportedOperationException("a cross-process queue cannot be iterated: use drainTo");
    }

    public E remove()
    {
        final E value = poll();
        if (null == value)
        {
            throw new NoSuchElementException("queue is empty: " + path());
        }
        return value;
    }

    public E element()
    {
        final E value = peek();
        if (null == value)
        {
            throw new NoSuchElementException("queue is empty: " + path());
        }
        return value;
    }

    public boolean addAll(final Collection<? extends E> c)
    {
        Objects.requireNonNull(c, "c");
        if (c == this)
        {
            throw new IllegalArgumentException("cannot add a queue to itself");
        }
        boolean modified = false;
        for (final E value : c)
        {
            modified |= add(value);
        }
        return modified;
    }

    public void clear()
    {
        while (null != poll())
        {
            // take and drop every value
        }
    }

    public boolean remove(final Object o)
    {
        throw new UnsupportedOperationException("a cross-process queue cannot remove an arbitrary value");
    }

    public boolean contains(final Object o)
    {
        throw new UnsupportedOperationException("a cross-process queue cannot be searched");
    }

    public Object[] toArray()
    {
        throw new UnsupportedOperationException("a cross-process queue cannot be copied: use drainTo");
    }

    public <T> T[] toArray(final T[] a)
    {
        throw new UnsupportedOperationException("a cross-process queue cannot be copied: use drainTo");
    }

    public boolean containsAll(final Collection<?> c)
    {
        throw new UnsupportedOperationException("a cross-process queue cannot be searched");
    }

    public boolean removeAll(final Collection<?> c)
    {
        throw new UnsupportedOperationException("a cross-process queue cannot remove arbitrary values");
    }

    public boolean retainAll(final Collection<?> c)
    {
        throw new UnsupportedOperationException("a cross-process queue cannot remove arbitrary values");
    }
}
