package io.mproc.cluster;

import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteQueue;

import java.io.Serializable;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code Queue} on a cluster: an unbounded TRANSACTIONAL Ignite queue of the values' bytes
 * ({@link Payloads}). Transactional because Ignite's default (atomic) queue was measured to lose an item whose
 * {@code put} had returned when a node was killed; a transactional queue commits the item and the queue's header
 * together on the primary and its backups before {@code put} returns.
 * <p>
 * {@link #iterator()} and {@link #size()} are snapshots of a queue other processes change; {@code remove(Object)}
 * and {@code contains} compare the values, as a list would.
 *
 * @param <E> type of the values.
 */
final class ClusterQueue<E> extends AbstractQueue<E> implements BlockingQueue<E>, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient IgniteQueue<byte[]> queue;
    private final transient Payloads payloads;

    ClusterQueue(final ClusterUri uri, final String name, final IgniteQueue<byte[]> queue)
    {
        this.uri = uri;
        this.name = name;
        this.queue = queue;
        this.payloads = new Payloads("cluster queue '" + name + "'");
    }

    @Override
    public boolean offer(final E value)
    {
        Objects.requireNonNull(value, "a queue holds no nulls");
        return queue.offer(payloads.encode(value));
    }

    @Override
    public void put(final E value) throws InterruptedException
    {
        Objects.requireNonNull(value, "a queue holds no nulls");
        Interrupts.throwIfInterrupted();
        final byte[] bytes = payloads.encode(value);
        try
        {
            while (!queue.offer(bytes, Slices.SLICE_MS, TimeUnit.MILLISECONDS)) // sliced: see Slices
            {
                Interrupts.throwIfInterrupted();
            }
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
    }

    @Override
    public boolean offer(final E value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        Objects.requireNonNull(value, "a queue holds no nulls");
        Interrupts.throwIfInterrupted();
        final byte[] bytes = payloads.encode(value);
        try
        {
            return queue.offer(bytes, timeout, unit);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
    }

    @Override
    public E take() throws InterruptedException
    {
        Interrupts.throwIfInterrupted();
        try
        {
            byte[] bytes;
            while (null == (bytes = queue.poll(Slices.SLICE_MS, TimeUnit.MILLISECONDS))) // sliced: see Slices
            {
                Interrupts.throwIfInterrupted();
            }
            return payloads.decodeAs(bytes);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
    }

    @Override
    public E poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        Interrupts.throwIfInterrupted();
        try
        {
            return payloads.decodeAs(queue.poll(timeout, unit));
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
    }

    @Override
    public E poll()
    {
        return payloads.decodeAs(queue.poll());
    }

    @Override
    public E peek()
    {
        return payloads.decodeAs(queue.peek());
    }

    @Override
    public int size()
    {
        return queue.size();
    }

    @Override
    public boolean isEmpty()
    {
        return queue.isEmpty();
    }

    @Override
    public int remainingCapacity()
    {
        return Integer.MAX_VALUE;
    }

    @Override
    public void clear()
    {
        queue.clear();
    }

    @Override
    public Iterator<E> iterator()
    {
        final List<E> snapshot = new ArrayList<>();
        for (final byte[] bytes : queue)
        {
            snapshot.add(payloads.decodeAs(bytes));
        }
        return snapshot.iterator();
    }

    @Override
    public int drainTo(final Collection<? super E> target)
    {
        return drainTo(target, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(final Collection<? super E> target, final int maxElements)
    {
        Objects.requireNonNull(target, "target");
        if (target == this)
        {
            throw new IllegalArgumentException("cannot drain a queue into itself: queue=" + name);
        }
        int drained = 0;
        while (drained < maxElements)
        {
            final byte[] bytes = queue.poll();
            if (null == bytes)
            {
                break;
            }
            target.add(payloads.decodeAs(bytes));
            drained++;
        }
        return drained;
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.QUEUE, name, 0);
    }

    @Override
    public String toString()
    {
        return "ClusterQueue{name=" + name + ", size=" + queue.size() + ", cluster=" + uri.clusterKey() + '}';
    }
}
