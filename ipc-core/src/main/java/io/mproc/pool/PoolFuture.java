package io.mproc.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future a {@link ProcessPool} returns. The pool's collector thread completes it, outside the pool's locks, so
 * callbacks ({@code thenApply}, {@code whenComplete}, ...) run on the collector. A callback that waits on the pool
 * (calls {@code pool.apply}, or {@code get} on another pool future) would then wait for the very thread that must
 * deliver its result: instead, a wait on the collector thread reads results itself until the awaited future is
 * done. Futures derived from this one ({@code thenApply} and the like) are pool futures too.
 *
 * @param <T> result type.
 */
final class PoolFuture<T> extends CompletableFuture<T>
{
    private final Helper helper;
    /** Takes the job back from the pool when this future is cancelled; null for the futures derived from it. */
    private volatile Cancellation cancellation;

    /**
     * What a wait on the collector thread does instead of blocking.
     */
    interface Helper
    {
        /**
         * Reads and delivers results until {@code future} is done or the deadline passes; returns at once on any
         * thread but the collector.
         *
         * @param future     to wait for.
         * @param deadlineNs {@link System#nanoTime()} to give up at, when {@code timed}.
         * @param timed      whether the deadline applies.
         * @throws InterruptedException when interrupted while waiting.
         */
        void helpUntilDone(Future<?> future, long deadlineNs, boolean timed) throws InterruptedException;
    }

    /**
     * What cancelling a job's own future does in the pool ({@link JobCanceller}).
     */
    interface Cancellation
    {
        /**
         * @param mayInterruptIfRunning whether a task a worker holds may be stopped.
         * @return true when the job will not run, or was stopped.
         */
        boolean withdraw(boolean mayInterruptIfRunning);

        /**
         * Takes back what has not started and lets a task a worker holds run on, its result dropped.
         */
        void abandon();
    }

    PoolFuture(final Helper helper)
    {
        this.helper = helper;
    }

    void cancellation(final Cancellation cancellation)
    {
        this.cancellation = cancellation;
    }

    /**
     * Cancels the job in the pool ({@link JobCanceller}): queued, it never runs; held by a worker, {@code cancel(true)}
     * kills and replaces that worker and returns once it is gone, {@code cancel(false)} returns false and lets it run.
     *
     * @param mayInterruptIfRunning whether a task a worker holds may be stopped (by replacing its worker).
     * @return true when cancelled.
     */
    public boolean cancel(final boolean mayInterruptIfRunning)
    {
        final Cancellation withdrawal = cancellation;
        if (null == withdrawal || isDone())
        {
            return super.cancel(mayInterruptIfRunning);
        }
        if (!withdrawal.withdraw(mayInterruptIfRunning))
        {
            return false;
        }
        super.cancel(mayInterruptIfRunning);
        return true;
    }

    /**
     * Cancels this future on its caller's behalf without stopping a task a worker already holds: what the pool
     * does to the losers of {@code invokeAny}, to a blocking verb whose caller is interrupted and to the tasks a timed
     * {@code invokeAll} gives up on. The job's queued chunks never run; a chunk a worker holds finishes there and its
     * result is dropped, so that no worker is killed (a JVM start each time). {@code cancel(true)} stops it instead.
     */
    void abandon()
    {
        final Cancellation withdrawal = cancellation;
        if (null != withdrawal && !isDone())
        {
            withdrawal.abandon();
        }
        super.cancel(false);
    }

    /**
     * {@link #abandon()} for a pool's own future; any other is cancelled as usual.
     *
     * @param future to give up on.
     */
    static void abandon(final Future<?> future)
    {
        if (future instanceof PoolFuture)
        {
            ((PoolFuture<?>)future).abandon();
        }
        else
        {
            future.cancel(true);
        }
    }

    public <U> CompletableFuture<U> newIncompleteFuture()
    {
        return new PoolFuture<>(helper);
    }

    public T get() throws InterruptedException, ExecutionException
    {
        helper.helpUntilDone(this, 0, false);
        return super.get();
    }

    public T get(final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        final long startNs = System.nanoTime();
        final long timeoutNs = unit.toNanos(timeout);
        helper.helpUntilDone(this, startNs + timeoutNs, true);
        return super.get(Math.max(0, timeoutNs - (System.nanoTime() - startNs)), TimeUnit.NANOSECONDS);
    }

    public T join()
    {
        try
        {
            helper.helpUntilDone(this, 0, false);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return super.join();
    }
}
