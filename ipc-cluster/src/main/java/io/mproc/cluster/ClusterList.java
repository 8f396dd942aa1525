package io.mproc.cluster;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Python's {@code Manager().list()} on a cluster: the whole list as one entry (its bytes, {@link Payloads}) of a
 * TRANSACTIONAL cache, changed in a pessimistic transaction per call, so that concurrent appends from many processes
 * never lose one another's items, and an index means the same list for the whole call. Each call moves the whole
 * list: this is for the small shared lists Python programs keep in a Manager, not for data sets.
 * {@link #iterator()} walks a snapshot (its {@code remove} and {@code set} change the snapshot only);
 * {@link #replaceAll}, {@link #removeIf} and {@link #sort} change the list itself, in one transaction each.
 *
 * @param <E> type of the elements.
 */
final class ClusterList<E> extends AbstractList<E> implements RandomAccess, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient Ignite ignite;
    private final transient IgniteCache<String, byte[]> cache;
    private final transient Payloads payloads;

    ClusterList(final ClusterUri uri, final String name, final Ignite ignite, final IgniteCache<String, byte[]> cache)
    {
        this.uri = uri;
        this.name = name;
        this.ignite = ignite;
        this.cache = cache;
        this.payloads = new Payloads("cluster list '" + name + "'");
    }

    @Override
    public E get(final int index)
    {
        final List<E> list = read();
        checkIndex(index, list.size());
        return list.get(index);
    }

    @Override
    public int size()
    {
        return read().size();
    }

    @Override
    public E set(final int index, final E element)
    {
        return change((list) ->
        {
            checkIndex(index, list.size());
            return list.set(index, element);
        });
    }

    @Override
    public void add(final int index, final E element)
    {
        change((list) ->
        {
            if (index < 0 || index > list.size())
            {
                throw new IndexOutOfBoundsException("index=" + index + ", size=" + list.size() + ", list=" + name);
            }
            list.add(index, element);
            return null;
        });
    }

    @Override
    public E remove(final int index)
    {
        return change((list) ->
        {
            checkIndex(index, list.size());
            return list.remove(index);
        });
    }

    @Override
    public boolean remove(final Object element)
    {
        return change((list) -> list.remove(element));
    }

    @Override
    public void clear()
    {
        change((list) ->
        {
            list.clear();
            return null;
        });
    }

    /**
     * {@inheritDoc} In one step: the operator runs here, inside the call's pessimistic transaction, so that no other
     * process's change comes between the read and the write. (List's default would set the elements of a snapshot.)
     */
    @Override
    public void replaceAll(final UnaryOperator<E> operator)
    {
        change((list) ->
        {
            list.replaceAll(operator);
            return null;
        });
    }

    /** {@inheritDoc} In one step, as {@link #replaceAll}. */
    @Override
    public boolean removeIf(final Predicate<? super E> filter)
    {
        return change((list) -> list.removeIf(filter));
    }

    /** {@inheritDoc} In one step, as {@link #replaceAll}. */
    @Override
    public void sort(final Comparator<? super E> comparator)
    {
        change((list) ->
        {
            list.sort(comparator);
            return null;
        });
    }

    @Override
    public Iterator<E> iterator()
    {
        return read().iterator();
    }

    @Override
    public ListIterator<E> listIterator(final int index)
    {
        return read().listIterator(index);
    }

    private List<E> read()
    {
        final List<E> stored = payloads.decodeAs(cache.get(name));
        return null == stored ? new ArrayList<>() : new ArrayList<>(stored);
    }

    private <R> R change(final Function<List<E>, R> change)
    {
        try (Transaction tx = ignite.transactions().txStart(
            TransactionConcurrency.PESSIMISTIC, TransactionIsolation.REPEATABLE_READ))
        {
            final List<E> list = read();
            final R result = change.apply(list);
            cache.put(name, payloads.encode(list));
            tx.commit();
            modCount++;
            return result;
        }
    }

    private void checkIndex(final int index, final int size)
    {
        if (index < 0 || index >= size)
        {
            throw new IndexOutOfBoundsException("index=" + index + ", size=" + size + ", list=" + name);
        }
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.LIST, name, 0);
    }
}
