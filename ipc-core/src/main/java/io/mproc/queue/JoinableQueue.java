package io.mproc.queue;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.sync.WaitStrategy;

import java.util.concurrent.TimeUnit;

import static io.mproc.queue.QueueDescriptor.UNFINISHED_TASKS_OFFSET;

/**
 * A {@link SharedQueue} that counts unfinished tasks, the twin of Python's {@code JoinableQueue}: each put adds one,
 * each {@link #taskDone()} removes one, and {@link #join()} waits until the count is zero, in any process.
 * A producer killed between counting a put and committing it leaves the count one too high (documented limit).
 *
 * @param <E> type of the values.
 */
public final class JoinableQueue<E> extends SharedQueue<E>
{
    private static final long serialVersionUID = 1L;

    private final transient int unfinishedIndex;

    JoinableQueue(final MappedRegion region, final Codec<E> codec, final WaitStrategy waitStrategy)
    {
        super(region, codec, waitStrategy);
        unfinishedIndex = region.bodyOffset() + UNFINISHED_TASKS_OFFSET;
    }

    /**
     * Creates a joinable queue of any values with the default capacity; fails if the name exists.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return the queue.
     */
    public static JoinableQueue<Object> create(final Namespace namespace, final String name)
    {
        return builder(namespace, name).createJoinable();
    }

    /**
     * Opens the joinable queue of that name, creating it with the default capacity if needed.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return the queue.
     */
    public static JoinableQueue<Object> createOrOpen(final Namespace namespace, final String name)
    {
        return builder(namespace, name).createOrOpenJoinable();
    }

    /**
     * Opens an existing queue as joinable.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return the queue.
     */
    public static JoinableQueue<Object> open(final Namespace namespace, final String name)
    {
        return builder(namespace, name).openJoinable();
    }

    /**
     * {@inheritDoc} Counts one unfinished task when the value is put.
     */
    public boolean offer(final E value)
    {
        buffer.getAndAddLong(unfinishedIndex, 1); // before the value is visible, so join never sees it done early
        try
        {
            if (super.offer(value))
            {
                return true;
            }
        }
        catch (final RuntimeException ex)
        {
            uncount();
            throw ex;
        }
        uncount();
        return false;
    }

    /**
     * {@inheritDoc} Counts one unfinished task when the value is put.
     */
    public boolean offer(final E value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        ensureOpen();
        buffer.getAndAddLong(unfinishedIndex, 1);
        try
        {
            if (super.offer(value, timeout, unit))
            {
                return true;
            }
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            uncount();
            throw ex;
        }
        uncount();
        return false;
    }

    /**
     * Marks one taken value as processed.
     *
     * @throws IllegalStateException when called more times than values were put.
     */
    public void taskDone()
    {
        ensureOpen();
        final long remaining = buffer.getAndAddLong(unfinishedIndex, -1) - 1;
        if (remaining < 0)
        {
            buffer.getAndAddLong(unfinishedIndex, 1);
            throw new IllegalStateException("taskDone() called more times than values were put: " + path());
        }
        if (0 == remaining)
        {
            core.allDone.wake(Integer.MAX_VALUE); // the atomic update above is the fence the wake protocol needs
        }
    }

    /**
     * @return values put and not yet marked done.
     */
    public long unfinishedTasks()
    {
        ensureOpen();
        return buffer.getLongVolatile(unfinishedIndex);
    }

    /**
     * Waits until every value put has been marked done.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void join() throws InterruptedException
    {
        join(WaitStrategy.FOREVER, TimeUnit.NANOSECONDS);
    }

    /**
     * Waits until every value put has been marked done, or the timeout passes.
     *
     * @param timeout longest wait.
     * @param unit    of the timeout.
     * @return true when all were done.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean join(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        ensureOpen();
        return core.waitStrategy.await(core.allDone, () -> 0 == buffer.getLongVolatile(unfinishedIndex),
            unit.toNanos(timeout), true);
    }

    private void uncount()
    {
        if (0 == buffer.getAndAddLong(unfinishedIndex, -1) - 1)
        {
            core.allDone.wake(Integer.MAX_VALUE);
        }
    }
}
