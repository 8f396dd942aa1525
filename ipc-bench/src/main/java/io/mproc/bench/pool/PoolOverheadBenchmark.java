package io.mproc.bench.pool;

import io.mproc.pool.ProcessPool;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Tiny tasks ({@code x * 2}) on a {@link ProcessPool} of 2 workers, with chunksize 1 and automatic chunks: what the
 * pool costs per task, beside Python's {@code pool_overhead} ({@code Pool(2).map(_double, range(n))}). The score
 * {@code tasks} is tasks per second; every result is checked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PoolOverheadBenchmark
{
    /** 0 is Python's automatic chunk size. */
    @Param({"1", "0"})
    public int chunksize;

    @Param({"2"})
    public int workers;

    private ProcessPool pool;
    private List<Integer> items;

    @Setup(Level.Trial)
    public void setUp()
    {
        pool = ProcessPool.create(workers);
        items = IntStream.range(0, 1 == chunksize ? 20_000 : 200_000).boxed().collect(Collectors.toList());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        pool.terminate();
    }

    @Benchmark
    public void map(final Tasks tasks) throws InterruptedException
    {
        final List<Integer> doubled = pool.map((Integer x) -> x * 2, items, chunksize);
        for (int i = 0; i < doubled.size(); i++)
        {
            if (doubled.get(i) != i * 2)
            {
                throw new AssertionError("wrong result at " + i + ": " + doubled.get(i));
            }
        }
        tasks.tasks += items.size();
    }

    /**
     * Tasks completed, reported by JMH as a rate: the score to read.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Tasks
    {
        public long tasks;

        @Setup(Level.Iteration)
        public void reset()
        {
            tasks = 0;
        }
    }
}
