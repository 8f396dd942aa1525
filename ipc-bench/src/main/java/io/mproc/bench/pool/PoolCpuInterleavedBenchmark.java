package io.mproc.bench.pool;

import io.mproc.bench.BenchSupport;
import io.mproc.pool.ProcessPool;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The headline ratio, {@code ProcessPool(N)} over {@code ForkJoinPool(N)} on the same CPU-bound batches
 * ({@link CpuBatch}), measured <b>interleaved</b>: one fork holds both executors and iterations take turns, in the
 * order A B B A A B ... so that neither always runs second; a round is two consecutive measured iterations, one on
 * each, and its ratio is the pool's tasks/s over ForkJoinPool's. On these VMs throughput drifts by 5-10% within
 * a minute, more than the difference measured, and {@link PoolCpuBenchmark} runs the two in forks one after the
 * other, so its ratio carries that drift; two iterations side by side share it.
 * <p>
 * At the end the fork prints, and hands to the report ({@link BenchSupport#writeResult}), the median over rounds of
 * each executor's tasks/s ({@code forkjoin}, {@code processpool}), the median of the per-round ratios ({@code ratio})
 * and their quartiles. JMH's own score mixes the two executors and means nothing; keep iteration counts even.
 * <pre>
 * java -jar ipc-bench/target/benchmarks.jar PoolCpuInterleavedBenchmark -p workers=2 -wi 6 -i 40
 * </pre>
 * While one executor runs, the other's threads or worker JVMs are idle (parked; the workers asleep on a futex).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 20, time = 1)
@Fork(1)
public class PoolCpuInterleavedBenchmark
{
    /** The two executors, by the index an iteration runs. */
    public static final String[] EXECUTORS = {"forkjoin", "processpool"};
    private static final int FORK_JOIN = 0;

    @Param({"100", "1000", "10000"})
    public int taskMicros;

    @Param({"1", "2", "4"})
    public int workers;

    private CpuBatch batch;
    private ForkJoinPool forkJoinPool;
    private ProcessPool processPool;

    private int iteration;
    private int executor;
    private long tasks;
    private long iterationStartNs;
    private double[] round;
    private final List<double[]> rounds = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp()
    {
        batch = new CpuBatch(taskMicros, workers);
        forkJoinPool = new ForkJoinPool(workers);
        processPool = ProcessPool.create(workers);
    }

    @Setup(Level.Iteration)
    public void nextTurn(final IterationParams params)
    {
        final int turn = iteration++;
        // A B B A A B B A ...: each executor runs first in every other round.
        executor = (turn + turn / 2) & 1;
        if (IterationType.MEASUREMENT != params.getType())
        {
            round = null;
        }
        else if (0 == (turn & 1))
        {
            round = new double[EXECUTORS.length];
            rounds.add(round);
        }
        tasks = 0;
        iterationStartNs = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void endTurn()
    {
        final long elapsedNs = System.nanoTime() - iterationStartNs;
        if (null != round && tasks > 0)
        {
            round[executor] = tasks * 1e9 / elapsedNs;
        }
    }

    @Benchmark
    public void run() throws Exception
    {
        if (FORK_JOIN == executor)
        {
            batch.runOn(forkJoinPool);
        }
        else
        {
            batch.runOn(processPool);
        }
        tasks += batch.size();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        forkJoinPool.shutdownNow();
        processPool.terminate();
        final List<double[]> complete = new ArrayList<>();
        for (final double[] measured : rounds)
        {
            if (measured[0] > 0 && measured[1] > 0)
            {
                complete.add(measured);
            }
        }
        if (complete.isEmpty())
        {
            return;
        }
        final double[] ratios = new double[complete.size()];
        for (int i = 0; i < ratios.length; i++)
        {
            ratios[i] = complete.get(i)[1] / complete.get(i)[0];
        }
        final double forkJoin = median(complete, 0);
        final double pool = median(complete, 1);
        Arrays.sort(ratios);
        final double ratio = BenchSupport.median(ratios);
        System.out.printf(Locale.ROOT, "%nProcessPool(%d) / ForkJoinPool(%d), %d us tasks, %d rounds: ratio median " +
            "%.3f (quartiles %.3f-%.3f, range %.3f-%.3f); tasks/s median: forkjoin %.0f, processpool %.0f%n",
            workers, workers, taskMicros, ratios.length, ratio, BenchSupport.quantile(ratios, 0.25), BenchSupport.quantile(ratios, 0.75),
            ratios[0], ratios[ratios.length - 1], forkJoin, pool);
        BenchSupport.writeResult(EXECUTORS[0], forkJoin);
        BenchSupport.writeResult(EXECUTORS[1], pool);
        BenchSupport.writeResult("ratio", ratio);
        BenchSupport.writeResult("ratio.q1", BenchSupport.quantile(ratios, 0.25));
        BenchSupport.writeResult("ratio.q3", BenchSupport.quantile(ratios, 0.75));
    }

    private static double median(final List<double[]> rounds, final int executor)
    {
        final double[] values = new double[rounds.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = rounds.get(i)[executor];
        }
        return BenchSupport.median(values);
    }
}
