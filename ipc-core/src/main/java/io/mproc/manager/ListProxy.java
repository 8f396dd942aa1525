package io.mproc.manager;

import io.mproc.memory.Namespace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static io.mproc.manager.ManagerProtocol.Ops.*;

/**
 * A {@link List} held by a manager's server (Python's {@code ListProxy}): an array list shared by every process
 * that has the proxy. Each operation is one request that the server runs in one step; {@link #update},
 * {@link #replaceAll}, {@link #removeIf}, {@link #sort} and {@link #apply} run their function in the server, in one
 * step, and the function must be serialisable. Iteration, {@link #subList}, {@link #toArray()} and
 * {@link #listIterator()} read a consistent snapshot: unmodifiable copies, not views. An element that is itself a
 * proxy is stored by reference; a plain collection by value.
 *
 * @param <E> element type.
 */
public final class ListProxy<E> extends ManagedProxy implements List<E>
{
    private static final long serialVersionUID = 1L;

    ListProxy(final Invoker invoker, final long id)
    {
        super(invoker, id);
    }

    /**
     * Opens the proxy a reference names: how a proxy arrives in another process.
     *
     * @param namespace of the manager.
     * @param manager   name of the manager.
     * @param id        of the object, in decimal.
     * @return the proxy.
     */
    public static ListProxy<?> open(final Namespace namespace, final String manager, final String id)
    {
        return resolve(namespace, manager, id, ListProxy::new, ListProxy.class);
    }

    public int size()
    {
        return (Integer)call(SIZE);
    }

    public boolean isEmpty()
    {
        return 0 == size();
    }

    public boolean contains(final Object element)
    {
        return (Boolean)call(LIST_CONTAINS, element);
    }

    /**
     * @return a copy of the whole list, taken in one step.
     */
    @SuppressWarnings("unchecked")
    public List<E> snapshot()
    {
        return (List<E>)call(SNAPSHOT);
    }

    /**
     * @return an iterator over a snapshot (unmodifiable).
     */
    public Iterator<E> iterator()
    {
        return Collections.unmodifiableList(snapshot()).iterator();
    }

    public Object[] toArray()
    {
        return snapshot().toArray();
    }

    public <T> T[] toArray(final T[] array)
    {
        return snapshot().toArray(array);
    }

    public boolean add(final E element)
    {
        call(LIST_ADD, element);
        return true;
    }

    public boolean remove(final Object element)
    {
        return (Boolean)call(LIST_REMOVE, element);
    }

    public boolean containsAll(final Collection<?> elements)
    {
        return snapshot().containsAll(elements);
    }

    /**
     * Appends every element, in one step.
     */
    public boolean addAll(final Collection<? extends E> elements)
    {
        return (Boolean)call(LIST_ADD_ALL, elements instanceof ManagedProxy ? elements : new ArrayList<>(elements));
    }

    /**
     * Inserts every element at {@code index}, in one step.
     */
    public boolean addAll(final int index, final Collection<? extends E> elements)
    {
        return (Boolean)apply(new AddAllAt<>(index, new ArrayList<>(elements)));
    }

    /**
     * Removes every element {@code elements} contains, in one step.
     */
    public boolean removeAll(final Collection<?> elements)
    {
        return (Boolean)apply(new RemoveAll<E>(new ArrayList<>(elements), false));
    }

    /**
     * Keeps only the elements {@code elements} contains, in one step.
     */
    public boolean retainAll(final Collection<?> elements)
    {
        return (Boolean)apply(new RemoveAll<E>(new ArrayList<>(elements), true));
    }

    /**
     * {@inheritDoc} Runs in the server, in one step; the predicate must be serialisable.
     */
    public boolean removeIf(final Predicate<? super E> filter)
    {
        Functions.checkSerializable(filter, "removeIf");
        return (Boolean)apply(new RemoveIf<>(filter));
    }

    /**
     * {@inheritDoc} Runs in the server, in one step; the operator must be serialisable.
     */
    public void replaceAll(final UnaryOperator<E> operator)
    {
        call(LIST_REPLACE_ALL, function(operator, "replaceAll"));
    }

    /**
     * Replaces every element by {@code function} of it, in the server, in one step: {@link #replaceAll} for a
     * lambda, which this method's parameter type makes serialisable.
     *
     * @param function of an element: the new element.
     */
    public void updateAll(final SerializableFunction<? super E, ? extends E> function)
    {
        call(LIST_REPLACE_ALL, function(function, "updateAll"));
    }

    /**
     * {@inheritDoc} Runs in the server, in one step; a comparator other than null must be serialisable.
     */
    public void sort(final Comparator<? super E> comparator)
    {
        if (null != comparator)
        {
            Functions.checkSerializable(comparator, "sort");
        }
        apply(new Sort<>(comparator));
    }

    public void clear()
    {
        call(CLEAR);
    }

    @SuppressWarnings("unchecked")
    public E get(final int index)
    {
        return (E)call(LIST_GET, index);
    }

    @SuppressWarnings("unchecked")
    public E set(final int index, final E element)
    {
        return (E)call(LIST_SET, index, element);
    }

    public void add(final int index, final E element)
    {
        call(LIST_ADD_AT, index, element);
    }

    @SuppressWarnings("unchecked")
    public E remove(final int index)
    {
        return (E)call(LIST_REMOVE_AT, index);
    }

    public int indexOf(final Object element)
    {
        return (Integer)call(LIST_INDEX_OF, element);
    }

    public int lastIndexOf(final Object element)
    {
        return (Integer)call(LIST_LAST_INDEX_OF, element);
    }

    /**
     * @return a list iterator over a snapshot (unmodifiable).
     */
    public ListIterator<E> listIterator()
    {
        return Collections.unmodifiableList(snapshot()).listIterator();
    }

    /**
     * @return a list iterator over a snapshot (unmodifiable), from {@code index}.
     */
    public ListIterator<E> listIterator(final int index)
    {
        return Collections.unmodifiableList(snapshot()).listIterator(index);
    }

    /**
     * @return a copy of that part of a snapshot (unmodifiable), not a view.
     */
    public List<E> subList(final int fromIndex, final int toIndex)
    {
        return Collections.unmodifiableList(snapshot().subList(fromIndex, toIndex));
    }

    /**
     * Replaces the element at {@code index} by {@code function} of it, in the server, in one step.
     *
     * @param index    of the element.
     * @param function of the element: the new element.
     * @return the new element.
     */
    @SuppressWarnings("unchecked")
    public E update(final int index, final SerializableFunction<? super E, ? extends E> function)
    {
        return (E)call(LIST_UPDATE, index, function(function, "update"));
    }

    /**
     * Runs {@code function} on the list itself, in the server, in one step.
     *
     * @param function of the list; its result travels back (a copy, unless it is a proxy).
     * @param <R>      type of the result.
     * @return the result.
     */
    @SuppressWarnings("unchecked")
    public <R> R apply(final SerializableFunction<? super List<E>, ? extends R> function)
    {
        return (R)call(APPLY, function(function, "apply"));
    }

    private record AddAllAt<E>(int index, ArrayList<E> elements) implements SerializableFunction<List<E>, Object>
    {
        public Object apply(final List<E> list)
        {
            return list.addAll(index, elements);
        }
    }

    private record RemoveAll<E>(ArrayList<?> elements, boolean retain) implements SerializableFunction<List<E>, Object>
    {
        public Object apply(final List<E> list)
        {
            return retain ? list.retainAll(elements) : list.removeAll(elements);
        }
    }

    private record RemoveIf<E>(Predicate<? super E> filter) implements SerializableFunction<List<E>, Object>
    {
        public Object apply(final List<E> list)
        {
            return list.removeIf(filter);
        }
    }

    private record Sort<E>(Comparator<? super E> comparator) implements SerializableFunction<List<E>, Object>
    {
        public Object apply(final List<E> list)
        {
            list.sort(comparator);
            return null;
        }
    }
}
