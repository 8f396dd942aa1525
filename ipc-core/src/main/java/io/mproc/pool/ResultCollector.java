package io.mproc.pool;

import io.mproc.queue.MessageRing;
import io.mproc.queue.ObjectCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool's collector thread: reads the result ring (results from the workers, exits from the JDK's process reaper),
 * delivers each item's result or failure to its job, hands freed workers their next chunks, completes the settled
 * futures outside the lock, and at the end kills what is left and deletes the pool's files. It sleeps on the ring's
 * futex while nothing arrives. Also the {@link PoolFuture.Helper}: a wait on this very thread reads results itself.
 */
final class ResultCollector implements MessageHandler, PoolFuture.Helper
{
    private static final Logger LOGGER = LoggerFactory.getLogger(ResultCollector.class);
    /** Longest sleep between looks at the result ring (to notice that the workers are all gone). */
    private static final long EXIT_CHECK_MS = 100;
    private static final int READ_LIMIT = 256;
    /** Sleep between looks while a message too long for a task ring is being written to it as the worker reads. */
    private static final long BACKLOG_RETRY_MS = 1;
    /**
     * While every worker holds at least {@link #NAP_WHEN_QUEUED_NS} of work behind the chunk it runs, the collector
     * naps this long between looks at the result ring instead of waiting on its futex: the workers then never pay a
     * wake-up system call per result, and the collector wakes once per nap for a batch of results instead of once per
     * result, taking less CPU from the workers when they fill every core. The margin covers the nap plus the time the
     * woken collector may wait for a core (a scheduler slice of a few ms when every core runs a worker).
     */
    private static final long NAP_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long NAP_WHEN_QUEUED_NS = TimeUnit.MILLISECONDS.toNanos(3);

    private final PoolState state;
    private final MessageRing results;
    private final ObjectCodec codec;
    private final TaskDispatcher dispatcher;
    private final WorkerSupervisor supervisor;
    /** Closes the pool's namespace: the last thing the collector does. */
    private final Runnable closeNamespace;
    /** Terminates the pool when the collector fails. */
    private final Runnable terminate;
    private final Thread thread;
    /** Puts back together results (and other messages) too long for the result ring. */
    private final FragmentAssembler fragments = new FragmentAssembler();

    ResultCollector(
        final PoolState state,
        final MessageRing results,
        final ObjectCodec codec,
        final TaskDispatcher dispatcher,
        final WorkerSupervisor supervisor,
        final Runnable closeNamespace,
        final Runnable terminate)
    {
        this.state = state;
        this.results = results;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.supervisor = supervisor;
        this.closeNamespace = closeNamespace;
        this.terminate = terminate;
        this.thread = new Thread(this::collect, "mproc-pool-collector");
        thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    private void collect()
    {
        try
        {
            while (true)
            {
                final int read = results.read(this, READ_LIMIT);
                state.publishSettled();
                startDueWorkers();
                final boolean backlogged = continueLongSends();
                if (0 == read)
                {
                    if (state.stopping && allWorkersGone())
                    {
                        break;
                    }
                    if (!backlogged && dispatcher.leastQueuedNs >= NAP_WHEN_QUEUED_NS)
                    {
                        LockSupport.parkNanos(NAP_NS);
                    }
                    else
                    {
                        results.awaitReadable(backlogged ? BACKLOG_RETRY_MS : EXIT_CHECK_MS, TimeUnit.MILLISECONDS);
                    }
                }
            }
        }
        catch (final Throwable ex)
        {
            LOGGER.error("pool collector failed; terminating the pool", ex);
            terminate.run();
        }
        finally
        {
            supervisor.endAll();
            closeNamespace.run();
            state.terminated.countDown();
        }
    }

    /**
     * A wait on the collector thread (in a callback of a pool future) reads and delivers results itself, since no
     * other thread would; on any other thread it returns at once and the caller blocks as usual.
     */
    public void helpUntilDone(final Future<?> future, final long deadlineNs, final boolean timed)
        throws InterruptedException
    {
        if (Thread.currentThread() != thread)
        {
            return;
        }
        while (!future.isDone() && (!timed || deadlineNs - System.nanoTime() > 0))
        {
            final int read = results.read(this, READ_LIMIT);
            state.publishSettled();
            if (0 == read && !future.isDone())
            {
                if (state.stopping && allWorkersGone())
                {
                    return;
                }
                results.awaitReadable(EXIT_CHECK_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * One message of the result ring ({@link PoolProtocol}).
     */
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        switch (msgTypeId)
        {
            case PoolProtocol.RESULTS:
                onResults(buffer, index);
                break;
            case PoolProtocol.FRAGMENT:
                fragments.onFragment(buffer, index, length, this); // the whole message comes back here
                break;
            case PoolProtocol.EXITED:
                onExited(buffer.getInt(index + PoolProtocol.EXITED_WORKER_OFFSET),
                    buffer.getInt(index + PoolProtocol.EXITED_CODE_OFFSET));
                break;
            case PoolProtocol.RETIRING:
                onRetiring(buffer.getInt(index + PoolProtocol.RETIRING_WORKER_OFFSET));
                break;
            case PoolProtocol.READY:
                onReady(buffer.getInt(index + PoolProtocol.READY_WORKER_OFFSET));
                break;
            case PoolProtocol.INIT_FAILED:
                onInitializerFailed(buffer.getInt(index + PoolProtocol.INIT_FAILED_WORKER_OFFSET),
                    (String)PoolProtocol.getItem(codec, buffer, index + PoolProtocol.INIT_FAILED_DESCRIPTION_OFFSET));
                break;
            default:
                LOGGER.error("unknown pool result message type {}", msgTypeId);
        }
    }

    private void onResults(final DirectBuffer buffer, final int index)
    {
        final long chunkId = buffer.getLong(index + PoolProtocol.RESULTS_CHUNK_ID_OFFSET);
        final int start = buffer.getInt(index + PoolProtocol.RESULTS_START_OFFSET);
        final int count = buffer.getInt(index + PoolProtocol.RESULTS_COUNT_OFFSET);
        state.lock.lock();
        try
        {
            supervisor.onTaskDone();
            final Chunk chunk = dispatcher.inFlight(chunkId);
            if (null == chunk)
            {
                return; // failed, cancelled or terminated meanwhile
            }
            chunk.job.observeBusyTime(buffer.getLong(index + PoolProtocol.RESULTS_BUSY_NS_OFFSET), count);
            int position = index + PoolProtocol.RESULTS_ITEMS_OFFSET;
            for (int i = start; i < start + count; i++)
            {
                position = deliverResult(chunk, i, buffer, position);
            }
            if (0 == chunk.remaining)
            {
                dispatcher.finished(chunk);
            }
            dispatcher.dispatch();
            dispatcher.stopWhenIdle();
        }
        finally
        {
            state.lock.unlock();
        }
    }

    /**
     * Decodes the result of item {@code i} of a chunk and, unless an earlier attempt delivered it, delivers it to the
     * job: its value, or the task's exception, or the reason the value could not be decoded. Under the lock.
     *
     * @return the index after the result.
     */
    private int deliverResult(final Chunk chunk, final int i, final DirectBuffer buffer, final int index)
    {
        final byte status = buffer.getByte(index + PoolProtocol.RESULT_STATUS_OFFSET);
        int position = index + PoolProtocol.RESULT_ITEM_OFFSET;
        Object value = null;
        if (PoolProtocol.STATUS_NULL != status)
        {
            try
            {
                value = PoolProtocol.getItem(codec, buffer, position);
            }
            catch (final RuntimeException ex)
            {
                value = ex;
            }
            position += PoolProtocol.itemLength(buffer, position);
        }
        if (chunk.done[i])
        {
            return position; // delivered by an earlier attempt
        }
        chunk.done[i] = true;
        chunk.remaining--;
        if (chunk.job.isDone())
        {
            return position; // cancelled, abandoned or failed fast meanwhile: the result is dropped
        }
        if (value instanceof RuntimeException && PoolProtocol.STATUS_OK == status)
        {
            chunk.job.fail(chunk.start + i, (RuntimeException)value);
        }
        else if (PoolProtocol.STATUS_ERROR == status)
        {
            chunk.job.fail(chunk.start + i, PoolProtocol.rebuild((String)value));
        }
        else
        {
            chunk.job.deliver(chunk.start + i, value);
        }
        return position;
    }

    private void onExited(final int workerField, final int exitCode)
    {
        fragments.discard(workerField); // what it left half-sent
        state.lock.lock();
        try
        {
            if (supervisor.onExited(workerField, exitCode))
            {
                dispatcher.dispatch();
                dispatcher.stopWhenIdle();
            }
        }
        finally
        {
            state.lock.unlock();
        }
    }

    private void onInitializerFailed(final int workerField, final String description)
    {
        state.lock.lock();
        try
        {
            supervisor.onInitializerFailed(workerField, description);
        }
        finally
        {
            state.lock.unlock();
        }
    }

    private void onReady(final int workerField)
    {
        state.lock.lock();
        try
        {
            supervisor.onReady(workerField);
        }
        finally
        {
            state.lock.unlock();
        }
    }

    private void onRetiring(final int workerField)
    {
        state.lock.lock();
        try
        {
            supervisor.onRetiring(workerField);
        }
        finally
        {
            state.lock.unlock();
        }
    }

    /**
     * A worker reads a message too long for its task ring while the parent writes the rest, and answers nothing until
     * it has all of it: so the collector, not a result, prompts the next piece (a cold path: only such messages).
     *
     * @return true while some message is still being written.
     */
    private boolean continueLongSends()
    {
        if (!dispatcher.backlogged)
        {
            return false;
        }
        state.lock.lock();
        try
        {
            dispatcher.dispatch();
        }
        finally
        {
            state.lock.unlock();
        }
        return dispatcher.backlogged;
    }

    /**
     * Starts the workers whose back-off after an initializer failure has passed, and gives them work.
     */
    private void startDueWorkers()
    {
        if (!supervisor.anyRestartScheduled())
        {
            return;
        }
        state.lock.lock();
        try
        {
            if (supervisor.startDueWorkers())
            {
                dispatcher.dispatch();
            }
        }
        finally
        {
            state.lock.unlock();
        }
    }

    private boolean allWorkersGone()
    {
        state.lock.lock();
        try
        {
            return supervisor.allWorkersGone();
        }
        finally
        {
            state.lock.unlock();
        }
    }
}
