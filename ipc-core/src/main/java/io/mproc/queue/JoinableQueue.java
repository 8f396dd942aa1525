package io.mproc.queue;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.sync.WaitStrategy;

import java.util.concurrent.TimeUnit;

import static io.mproc.queue.QueueDescriptor.TASKS_DONE_OFFSET;

/**
 * A {@link SharedQueue} that tracks unfinished tasks, the twin of Python's {@code JoinableQueue}: each value put is
 * a task, {@link #taskDone()} marks one taken task done, and {@link #join()} waits, in any process, until every task
 * put has been taken and marked done.
 * <p>
 * Nothing is counted at the put (see {@link QueueDescriptor}): a task is unfinished while it is committed or being
 * put, or taken and not yet done. So a producer killed in the middle of a put leaves nothing behind once consumers
 * skip its claim. A consumer killed between taking a task and {@link #taskDone()} leaves that task unfinished, as in
 * Python: use {@link #join(long, TimeUnit)} where consumers may die.
 *
 * @param <E> type of the values.
 */
public final class JoinableQueue<E> extends SharedQueue<E>
{
    private static final long serialVersionUID = 1L;

    private final transient int tasksDoneIndex;

    JoinableQueue(final MappedRegion region, final Codec<E> codec, final WaitStrategy waitStrategy)
    {
        super(region, codec, waitStrategy);
        tasksDoneIndex = region.bodyOffset() + TASKS_DONE_OFFSET;
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
     * Marks one taken value as processed.
     *
     * @throws IllegalStateException when called more times than values were taken.
     */
    public void taskDone()
    {
        ensureOpen();
        final long done = buffer.getAndAddLong(tasksDoneIndex, 1) + 1;
        final long taken = core.messagesTaken();
        if (done > taken)
        {
            buffer.getAndAddLong(tasksDoneIndex, -1);
            throw new IllegalStateException("taskDone() called more times than values were taken: done=" + done +
                ", taken=" + taken + ", path=" + path());
        }
        if (done == taken)
        {
            core.allDone.wake(Integer.MAX_VALUE); // the atomic update above is the fence the wake protocol needs
        }
    }

    /**
     * A snapshot: values waiting in the queue, plus values taken and not yet marked done.
     *
     * @return unfinished tasks.
     */
    public long unfinishedTasks()
    {
        ensureOpen();
        final long done = buffer.getLongVolatile(tasksDoneIndex);
        return size() + core.messagesTaken() - done;
    }

    /**
     * Waits until every value put has been taken and marked done.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void join() throws InterruptedException
    {
        join(WaitStrategy.FOREVER, TimeUnit.NANOSECONDS);
    }

    /**
     * Waits until every value put has been taken and marked done, or the timeout passes.
     *
     * @param timeout longest wait.
     * @param unit    of the timeout.
     * @return true when all were done.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean join(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        ensureOpen();
        return core.waitStrategy.await(core.allDone, this::isAllDone, unit.toNanos(timeout), true);
    }

    /**
     * In this order: nothing committed or claimed beyond the consumed position, then the taken count, then the
     * done count. A task taken after the first test is seen by the second (it is counted before the consumed
     * position moves), and a done count read last can only have grown: so "all done" is never seen early.
     */
    private boolean isAllDone()
    {
        if (!core.isEmpty())
        {
            return false;
        }
        final long taken = core.messagesTaken();
        return taken == buffer.getLongVolatile(tasksDoneIndex);
    }
}
