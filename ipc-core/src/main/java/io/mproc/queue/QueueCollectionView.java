package io.mproc.queue;

import java.util.AbstractQueue;
import java.util.Iterator;

/**
 * Lends a {@link SharedQueue} {@link AbstractQueue}'s definitions of remove, element, addAll and clear in terms of
 * its poll, peek and offer.
 */
final class QueueCollectionView<E> extends AbstractQueue<E>
{
    private final SharedQueue<E> queue;

    QueueCollectionView(final SharedQueue<E> queue)
    {
        this.queue = queue;
    }

    public Iterator<E> iterator()
    {
        return queue.iterator();
    }

    public int size()
    {
        return queue.size();
    }

    public boolean offer(final E e)
    {
        return queue.offer(e);
    }

    public E poll()
    {
        return queue.poll();
    }

    public E peek()
    {
        return queue.peek();
    }
}
