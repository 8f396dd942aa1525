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

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The headline: CPU-bound tasks ({@link CountPrimes}, the Python peer's kernel) of 100 us, 1 ms and 10 ms (the
 * prime-count limit calibrated on the machine that runs them, see {@link CountPrimes#limitFor(int)}),
 * run sequentially in one thread, on a {@link ForkJoinPool} of N threads (the in-process upper bound), and on a
 * {@link ProcessPool} of N worker JVMs (chunksize 1, as the Python peer's {@code pool_cpu_scaling}). The score
 * {@code tasks} is tasks per second; each invocation runs a batch of about 100 ms of work per worker and checks every
 * answer.
 * <pre>
 *   sequential:   main thread ── countPrimes ── countPrimes ── ...
 *   forkjoin:     N threads in this JVM
 *   processpool:  this JVM ──task rings──▶ N worker JVMs ──result ring──▶ collector thread
 * </pre>
 * Run {@code -p workers=1,2,4} (or up to and past {@code nproc}): sequential ignores it. A wrong prime count fails
 * the benchmark. Each executor runs in a fork of its own, one after the other, so their ratio carries the machine's
 * drift between the two; {@link PoolCpuInterleavedBenchmark} measures the ratio with the two taking turns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PoolCpuBenchmark
{
    @Param({"100", "1000", "10000"})
    public int taskMicros;

    @Param({"sequential", "forkjoin", "processpool"})
    public String executor;

    /** 1 and 2 fill the two cores of the reference machine; 4 oversubscribes them. */
    @Param({"1", "2", "4"})
    public int workers;

    private ProcessPool processPool;
    private ForkJoinPool forkJoinPool;
    private CpuBatch batch;

    @Setup(Level.Trial)
    public void setUp()
    {
        batch = new CpuBatch(taskMicros, "sequential".equals(executor) ? 1 : workers);
        if ("forkjoin".equals(executor))
        {
            forkJoinPool = new ForkJoinPool(workers);
        }
        else if ("processpool".equals(executor))
        {
            processPool = ProcessPool.create(workers);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        if (null != forkJoinPool)
        {
            forkJoinPool.shutdown();
        }
        if (null != processPool)
        {
            processPool.terminate();
        }
    }

    @Benchmark
    public void run(final Tasks tasks) throws Exception
    {
        switch (executor)
        {
            case "sequential":
                batch.runSequentially();
                break;
            case "forkjoin":
                batch.runOn(forkJoinPool);
                break;
            default:
                batch.runOn(processPool);
        }
        tasks.tasks += batch.size();
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
