package io.mproc.queue;

import io.mproc.memory.Namespace;

/**
 * The twin of Python's {@code multiprocessing.SimpleQueue}: {@link #put}, {@link #get}, {@link #empty} and
 * {@link #close}, nothing else (no size, no timeouts, no task tracking). A thin face over a {@link SharedQueue},
 * whose ring, crash handling and codec it uses as they are: a {@code SimpleQueue} and a {@code SharedQueue} opened
 * on the same name are the same queue. Create one with {@link #create}, or configure it with
 * {@link SharedQueue#builder} and {@link SharedQueue.Builder#createSimple()}. To hand it to another process, hand
 * over {@link #queue()} (a handle, which travels) or its name. Thread-safe and process-safe.
 *
 * @param <E> type of the values.
 */
public final class SimpleQueue<E> implements AutoCloseable
{
    private final SharedQueue<E> queue;

    SimpleQueue(final SharedQueue<E> queue)
    {
        this.queue = queue;
    }

    /**
     * Creates a queue of any values with the default capacity; fails if the name exists.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return the queue.
     */
    public static SimpleQueue<Object> create(final Namespace namespace, final String name)
    {
        return SharedQueue.builder(namespace, name).createSimple();
    }

    /**
     * Opens the queue of that name, creating it with the default capacity if needed.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return the queue.
     */
    public static SimpleQueue<Object> createOrOpen(final Namespace namespace, final String name)
    {
        return SharedQueue.builder(namespace, name).createOrOpenSimple();
    }

    /**
     * Opens an existing queue.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return the queue.
     */
    public static SimpleQueue<Object> open(final Namespace namespace, final String name)
    {
        return SharedQueue.builder(namespace, name).openSimple();
    }

    /**
     * Puts a value, waiting while the queue is full.
     *
     * @param value to put; not null (a {@link SharedQueue} refuses null, as every {@code BlockingQueue} does).
     * @throws NullPointerException     when the value is null.
     * @throws UnsendableValueException when the value cannot travel; nothing is put.
     * @throws QueueClosedException     when the queue was shut down.
     * @throws InterruptedException     when interrupted while waiting.
     */
    public void put(final E value) throws InterruptedException
    {
        queue.put(value);
    }

    /**
     * Takes the next value, waiting for one.
     *
     * @return the value.
     * @throws QueueClosedException when the queue was shut down and is empty.
     * @throws InterruptedException when interrupted while waiting.
     */
    public E get() throws InterruptedException
    {
        return queue.take();
    }

    /**
     * @return true when no value is waiting (a snapshot).
     */
    public boolean empty()
    {
        return queue.isEmpty();
    }

    /**
     * Releases this handle, as Python's {@code close()}: it must not be used afterwards. The queue lives on for other
     * handles and processes. Closing twice is harmless.
     */
    public void close()
    {
        queue.close();
    }

    /**
     * @return the queue underneath, for what this face leaves out (timeouts, {@code shutdown}, passing the handle to
     * another process).
     */
    public SharedQueue<E> queue()
    {
        return queue;
    }

    public String toString()
    {
        return "SimpleQueue{" + queue + '}';
    }
}
