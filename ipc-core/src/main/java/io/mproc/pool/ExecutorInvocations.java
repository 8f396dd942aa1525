package io.mproc.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code invokeAll} and {@code invokeAny} over a pool's {@code submit}: {@link java.util.concurrent.AbstractExecutorService}'s
 * own wrap each task in a {@code FutureTask}, which cannot be sent to a worker. The tasks they give up on (the losers
 * of {@code invokeAny}, the unfinished tasks of a timed {@code invokeAll}) are abandoned, not stopped
 * ({@link PoolFuture#abandon()}).
 */
final class ExecutorInvocations
{
    private ExecutorInvocations()
    {
    }

    static <T> List<Future<T>> invokeAll(
        final Function<Callable<T>, CompletableFuture<T>> submit, final Collection<? extends Callable<T>> tasks)
        throws InterruptedException
    {
        final List<Future<T>> futures = new ArrayList<>();
        for (final Callable<T> task : tasks)
        {
            futures.add(submit.apply(task));
        }
        for (final Future<T> future : futures)
        {
            try
            {
                future.get();
            }
            catch (final ExecutionException | CancellationException ignore)
            {
                // reported by the future itself
            }
        }
        return futures;
    }

    static <T> List<Future<T>> invokeAll(
        final Function<Callable<T>, CompletableFuture<T>> submit,
        final Collection<? extends Callable<T>> tasks,
        final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        final List<Future<T>> futures = new ArrayList<>();
        for (final Callable<T> task : tasks)
        {
            futures.add(submit.apply(task));
        }
        for (final Future<T> future : futures)
        {
            try
            {
                future.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final ExecutionException | CancellationException ignore)
            {
                // reported by the future itself
            }
            catch (final TimeoutException ex)
            {
                futures.forEach((f) -> PoolFuture.abandon(f));
                break;
            }
        }
        return futures;
    }

    /**
     * The first task to succeed wins; the others are abandoned ({@link PoolFuture#abandon()}): those not started
     * never run, a running one finishes in its worker, its result dropped, and no worker is killed for it.
     */
    static <T> T invokeAny(
        final Function<Callable<T>, CompletableFuture<T>> submit,
        final Collection<? extends Callable<T>> tasks,
        final long timeout,
        final TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException
    {
        if (tasks.isEmpty())
        {
            throw new IllegalArgumentException("no tasks");
        }
        final LinkedBlockingQueue<CompletableFuture<T>> done = new LinkedBlockingQueue<>();
        final List<CompletableFuture<T>> futures = new ArrayList<>();
        for (final Callable<T> task : tasks)
        {
            final CompletableFuture<T> future = submit.apply(task);
            futures.add(future);
            future.whenComplete((value, error) -> done.add(future));
        }
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        ExecutionException last = null;
        try
        {
            for (int i = 0; i < futures.size(); i++)
            {
                final CompletableFuture<T> future = done.poll(Math.max(0, deadlineNs - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
                if (null == future)
                {
                    throw new TimeoutException("no task completed within " + Duration.ofNanos(unit.toNanos(timeout)));
                }
                try
                {
                    return future.get();
                }
                catch (final ExecutionException ex)
                {
                    last = ex;
                }
            }
            throw last;
        }
        finally
        {
            futures.forEach((f) -> PoolFuture.abandon(f));
        }
    }
}
