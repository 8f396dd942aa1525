package io.mproc.pool;

import io.mproc.process.ChildProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cancels a job for real, as the {@link java.util.concurrent.Future} contract asks: its queued chunks are dropped (they
 * never run); a chunk already sent to a worker cannot be taken back from its task ring, nor stopped in the middle, so
 * {@code cancel(true)} replaces that worker: it is killed (the pool's supervision starts another, and the other chunks
 * it held go to the other workers without counting as a retry), and {@code cancel} returns once its JVM is gone, so
 * the task's side effects cannot happen after it. {@code cancel(false)} of a job a worker holds returns false: the
 * task may be running and goes on, its result delivered.
 * <p>
 * What the pool cancels on its caller's behalf (invokeAny's losers, an interrupted blocking verb, a timed invokeAll
 * that gave up) is {@link #abandon abandoned} instead: its future is cancelled and its queued chunks dropped, but the
 * chunks workers hold run on and their results are dropped, since killing a worker costs a JVM start and the caller
 * asked for no more than the future's cancellation.
 */
final class JobCanceller
{
    private static final Logger LOGGER = LoggerFactory.getLogger(JobCanceller.class);
    private static final long KILL_WAIT_S = 30;

    private final PoolState state;
    private final TaskDispatcher dispatcher;

    JobCanceller(final PoolState state, final TaskDispatcher dispatcher)
    {
        this.state = state;
        this.dispatcher = dispatcher;
    }

    /**
     * @return true when the job was cancelled: it will not run, or its worker is gone; false when it was done
     * already, or a worker holds it and {@code mayInterruptIfRunning} is false.
     */
    boolean cancel(final PoolJob job, final boolean mayInterruptIfRunning)
    {
        final List<ChildProcess> killed = new ArrayList<>();
        state.lock.lock();
        try
        {
            if (job.isDone())
            {
                return false;
            }
            final List<WorkerHandle> holders = dispatcher.holdersOf(job);
            if (!holders.isEmpty() && !mayInterruptIfRunning)
            {
                return false;
            }
            job.failAll(new CancellationException("cancelled"));
            dispatcher.dropQueued(job);
            for (final WorkerHandle worker : holders)
            {
                worker.retiring = true; // no more chunks; its death is expected, so its other chunks are requeued
                worker.process.kill();
                killed.add(worker.process);
            }
        }
        finally
        {
            state.lock.unlock();
        }
        awaitExits(killed);
        return true;
    }

    /**
     * @return how the job's future takes the job back from the pool when cancelled or abandoned.
     */
    PoolFuture.Cancellation cancellationOf(final PoolJob job)
    {
        return new PoolFuture.Cancellation()
        {
            public boolean withdraw(final boolean mayInterruptIfRunning)
            {
                return cancel(job, mayInterruptIfRunning);
            }

            public void abandon()
            {
                JobCanceller.this.abandon(job);
            }
        };
    }

    /**
     * Fails the job with {@link CancellationException} and drops its queued chunks; the chunks workers hold run on,
     * and their results, arriving for a job that is done, are dropped.
     */
    void abandon(final PoolJob job)
    {
        state.lock.lock();
        try
        {
            if (!job.isDone())
            {
                job.failAll(new CancellationException("cancelled"));
                dispatcher.dropQueued(job);
            }
        }
        finally
        {
            state.lock.unlock();
        }
        state.publishSettled();
    }

    private static void awaitExits(final List<ChildProcess> killed)
    {
        for (final ChildProcess process : killed)
        {
            try
            {
                process.onExit().get(KILL_WAIT_S, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            catch (final ExecutionException | TimeoutException ex)
            {
                LOGGER.warn("a worker killed to cancel its task has not exited yet: {}", process, ex);
            }
        }
    }
}
