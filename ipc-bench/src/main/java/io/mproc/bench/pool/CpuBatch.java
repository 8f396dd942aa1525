package io.mproc.bench.pool;

import io.mproc.pool.ProcessPool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * One call's worth of CPU-bound tasks for the pool benchmarks: {@link CountPrimes} at the limit whose run takes
 * {@code taskMicros} here, about 100 ms of work per worker (at least 8 tasks each), every answer checked. The same
 * batch runs sequentially, on a {@link ForkJoinPool} ({@code invokeAll}) and on a {@link ProcessPool} ({@code map},
 * chunksize 1, as the Python peer's {@code pool_cpu_scaling}).
 */
public final class CpuBatch
{
    private final int taskMicros;
    private final int limit;
    private final int expected;
    private final List<Integer> limits;
    private final List<Callable<Integer>> callables = new ArrayList<>();

    /**
     * Finds the limit ({@link CountPrimes#limitFor(int)}: fixed by a system property, or calibrated now) and prints
     * how long a task of it takes here.
     *
     * @param taskMicros a task's labelled duration.
     * @param workers    threads or worker JVMs that share the batch (1 for a sequential run).
     */
    public CpuBatch(final int taskMicros, final int workers)
    {
        this.taskMicros = taskMicros;
        limit = CountPrimes.limitFor(taskMicros);
        CountPrimes.report(taskMicros, limit);
        expected = CountPrimes.countPrimes(limit);
        final int size = Math.max(8, 100_000 / taskMicros) * workers;
        limits = Collections.nCopies(size, limit);
        for (int i = 0; i < size; i++)
        {
            callables.add(() -> CountPrimes.countPrimes(limit));
        }
    }

    /**
     * @return the labelled duration of one task, microseconds.
     */
    public int taskMicros()
    {
        return taskMicros;
    }

    /**
     * @return tasks in one batch.
     */
    public int size()
    {
        return limits.size();
    }

    /**
     * Runs the batch in the calling thread.
     */
    public void runSequentially()
    {
        for (int i = 0; i < limits.size(); i++)
        {
            check(CountPrimes.countPrimes(limit));
        }
    }

    /**
     * @param forkJoin the in-process baseline.
     * @throws Exception when a task fails or the wait is interrupted.
     */
    public void runOn(final ForkJoinPool forkJoin) throws Exception
    {
        for (final Future<Integer> future : forkJoin.invokeAll(callables))
        {
            check(future.get());
        }
    }

    /**
     * @param processPool the pool measured.
     * @throws InterruptedException when the wait is interrupted.
     */
    public void runOn(final ProcessPool processPool) throws InterruptedException
    {
        for (final int count : processPool.map(CountPrimes::countPrimes, limits, 1))
        {
            check(count);
        }
    }

    private void check(final int count)
    {
        if (count != expected)
        {
            throw new AssertionError("wrong prime count: " + count + " != " + expected);
        }
    }
}
