package io.mproc.bench.process;

import io.mproc.pool.ProcessPool;
import io.mproc.process.ChildProcess;
import io.mproc.process.WarmSpares;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a user of several processes waits for, cold and from warm spares ({@link WarmSpares}), beside the Python
 * peer's {@code process_burst} ({@code proc_<method>_five_ms}, {@code pool2_<method>_first_map_ms}):
 * <ul>
 *     <li>{@code fiveChildren}: five {@link ChildProcess}es with an empty task, each {@code start()}ed in turn, then
 *     all joined;</li>
 *     <li>{@code poolFirstMap}: {@code ProcessPool.create(2)} until its first {@code map} of two tiny tasks has
 *     returned (the pool is terminated after the clock).</li>
 * </ul>
 * With {@code spares} > 0 the spares are ready before the clock: for the children, made by
 * {@link WarmSpares#prepare}; for the pool's workers, left by the pool of the invocation before (a warm-up
 * iteration makes the first), and waited for.
 * <p>
 * {@code java -jar ipc-bench/target/benchmarks.jar ProcessBurstBenchmark -f 1 -wi 2 -i 10}
 * <p>
 * Measured once (2-vCPU AMD EPYC VM shared with other work, OpenJDK 17, p50 of 10 single shots, ms), with the
 * peer's {@code --quick --only process_spawn,process_burst} right after (fork / forkserver / spawn):
 * <pre>
 *                      spares=0   spares=5   Python fork   forkserver   spawn
 *   fiveChildren          374.6       33.4          13.0         85.7   285.0
 *   poolFirstMap          375.0       83.6          10.3         39.7    86.9
 * </pre>
 * With spares rehearsing a pool worker's start-up ({@code io.mproc.process.SpareRehearsal}), the jar before and after
 * that change in one run, then the peer (spares=5, p50 of 10, ms; two runs):
 * <pre>
 *                      before   after   Python fork   forkserver
 *   fiveChildren       54.9     51.1          12.8         64.3
 *                      40.2     34.7           7.9         47.2
 *   fiveChildrenAsync     -     42.8 / 31.1
 *   poolFirstMap      106.1     35.2           6.3         30.3
 *                      64.1     23.1           4.9         23.2
 * </pre>
 * Where the rest goes (nanoTime stamps in parent and children): a child's JVM takes 7-9 ms from its exit status line
 * to its end as the parent sees it (pipes closed, {@code waitpid}), the same with a direct {@code exit_group} syscall
 * instead of {@code System.exit}: the kernel tearing the JVM process down, which {@code Runtime.halt} does not
 * shorten; five of those share the two CPUs with the next hand-overs. A pool's parent spends ~3 ms per 4 MiB ring
 * (the file's pages are allocated by writing zeros) before its workers are handed their launch.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Benchmark)
public class ProcessBurstBenchmark
{
    private static final int CHILDREN = 5;

    @Param({"0", "5"})
    public int spares;

    private ProcessPool pool;

    @Setup(Level.Trial)
    public void setUpTrial()
    {
        WarmSpares.setCount(spares);
    }

    @Setup(Level.Invocation)
    public void setUpInvocation(final BenchmarkParams params) throws Exception
    {
        if (spares > 0 && params.getBenchmark().contains("fiveChildren"))
        {
            WarmSpares.prepare(new ChildProcess(ProcessSpawnBenchmark.Tasks::doNothing)).get();
        }
        WarmSpares.toppedUp().get(); // the pool's workers' spares, topped up after the last pool's start
    }

    @TearDown(Level.Invocation)
    public void tearDownInvocation() throws InterruptedException
    {
        if (null != pool)
        {
            pool.terminate();
            pool = null;
        }
    }

    /**
     * @return the sum of the exit codes (0).
     * @throws Exception when a child cannot start.
     */
    @Benchmark
    public int fiveChildren() throws Exception
    {
        final List<ChildProcess> children = new ArrayList<>(CHILDREN);
        for (int i = 0; i < CHILDREN; i++)
        {
            children.add(new ChildProcess(ProcessSpawnBenchmark.Tasks::doNothing).start());
        }
        return joinAll(children);
    }

    private static int joinAll(final List<ChildProcess> children) throws InterruptedException
    {
        int exitCodes = 0;
        for (final ChildProcess child : children)
        {
            child.join();
            exitCodes += child.exitCode().getAsInt();
            child.close();
        }
        if (0 != exitCodes)
        {
            throw new IllegalStateException("a child failed: sum of exit codes " + exitCodes);
        }
        return exitCodes;
    }

    /**
     * Python's {@code start()} does not wait for the child to be running; {@link ChildProcess#startAsync()} is that
     * start: the five hand-overs then overlap.
     *
     * @return the sum of the exit codes (0).
     * @throws Exception when a child cannot start.
     */
    @Benchmark
    public int fiveChildrenAsync() throws Exception
    {
        final List<ChildProcess> children = new ArrayList<>(CHILDREN);
        for (int i = 0; i < CHILDREN; i++)
        {
            final ChildProcess child = new ChildProcess(ProcessSpawnBenchmark.Tasks::doNothing);
            child.startAsync();
            children.add(child);
        }
        return joinAll(children);
    }

    /**
     * @return the results of the first map.
     * @throws Exception when the pool cannot start.
     */
    @Benchmark
    public List<Integer> poolFirstMap() throws Exception
    {
        pool = ProcessPool.create(2);
        final List<Integer> doubled = pool.map((Integer x) -> x * 2, List.of(1, 2));
        if (!List.of(2, 4).equals(doubled))
        {
            throw new IllegalStateException("wrong map result: " + doubled);
        }
        return doubled;
    }
}
