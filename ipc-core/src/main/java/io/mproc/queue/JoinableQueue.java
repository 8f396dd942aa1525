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
 * skip its claim. A consumer killed between taking a task and {@link #taskDone()} does not make {@code join} wait
 * forever (as Python's does): once every other task is done, a joiner that has waited finds the dead consumer's
 * tasks (within about a second of its death), counts them as lost rather than unfinished, and the first joiner to
 * return throws {@link TasksLostException} saying how many; later joins return normally. Call {@code taskDone} in the
 * process that took the task: that is whose death the loss is charged to.
 *
 * @param <E> type of the values.
 */
public final class JoinableQueue<E> extends SharedQueue<E>
{
    private static final long serialVersionUID = 1L;

    /** Shortest time between two looks of a joiner for tasks lost by dead consumers: it reads /proc. */
    private static final long LOST_TASKS_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final transient int tasksDoneIndex;
    private transient long lastLostTasksCheckNs = System.nanoTime() - LOST_TASKS_CHECK_INTERVAL_NS;

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
        final int entryIndex = core.ledgerEntryOfThisProcess();
        final int ledgerDoneIndex = entryIndex >= 0 ? entryIndex + QueueDescriptor.LEDGER_DONE_OFFSET : -1;
        if (ledgerDoneIndex >= 0)
        {
            buffer.getAndAddLong(ledgerDoneIndex, 1); // first, as the ledger's taken count is stored first
        }
        final long done = buffer.getAndAddLong(tasksDoneIndex, 1) + 1;
        final long taken = core.messagesTaken();
        if (done > taken)
        {
            buffer.getAndAddLong(tasksDoneIndex, -1);
            if (ledgerDoneIndex >= 0)
            {
                buffer.getAndAddLong(ledgerDoneIndex, -1);
            }
            throw new IllegalStateException("taskDone() called more times than values were taken: done=" + done +
                ", taken=" + taken + ", path=" + path());
        }
        if (done == taken || done + core.ledger.tasksLost() == taken)
        {
            core.allDone.wake(Integer.MAX_VALUE); // the atomic update above is the fence the wake protocol needs
        }
    }

    /**
     * A snapshot: values waiting in the queue, plus values taken and not yet marked done, less those lost by
     * consumers that died (as found by joiners so far).
     *
     * @return unfinished tasks.
     */
    public long unfinishedTasks()
    {
        ensureOpen();
        final long done = buffer.getLongVolatile(tasksDoneIndex);
        return Math.max(0, size() + core.messagesTaken() - done - core.ledger.tasksLost());
    }

    /**
     * Waits until every value put has been taken and marked done.
     *
     * @throws InterruptedException when interrupted while waiting.
     * @throws TasksLostException   when all are done except tasks that consumers took and died before marking done.
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
     * @throws TasksLostException   when all are done except tasks that consumers took and died before marking done.
     */
    public boolean join(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        ensureOpen();
        if (!core.waitStrategy.await(core.allDone, this::isAllDone, unit.toNanos(timeout), true))
        {
            return false;
        }
        final long lost = core.ledger.takeUnreportedLoss();
        if (lost > 0)
        {
            throw new TasksLostException(lost, "join: every task is done except some that consumer processes took " +
                "and died before marking done (see the log for their pids); they are lost and no longer unfinished: " +
                "lost=" + lost + ", path=" + path());
        }
        return true;
    }

    /**
     * In this order: nothing committed or claimed beyond the consumed position, then the taken count, then the
     * done and lost counts. A task taken after the first test is seen by the second (it is counted before the
     * consumed position moves), and done and lost counts read last can only have grown: so "all done" is never seen
     * early. When tasks are missing, a look for those of dead consumers now and then (a cold path: it reads /proc).
     */
    private boolean isAllDone()
    {
        if (!core.isEmpty())
        {
            return false;
        }
        final long taken = core.messagesTaken();
        final long done = buffer.getLongVolatile(tasksDoneIndex);
        if (taken == done || taken == done + core.ledger.tasksLost())
        {
            return true;
        }
        final long nowNs = System.nanoTime();
        if (nowNs - lastLostTasksCheckNs < LOST_TASKS_CHECK_INTERVAL_NS)
        {
            return false;
        }
        lastLostTasksCheckNs = nowNs;
        return taken == done + core.ledger.collectLostTasks();
    }
}
