package io.mproc.bench.manager;

import io.mproc.bench.BenchSupport;
import io.mproc.manager.DictProxy;
import io.mproc.manager.Manager;
import io.mproc.memory.Namespace;
import io.mproc.value.LongArray;
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

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Managed dict set and get operations per second, from a client JVM (this one) to the manager's server JVM, as
 * Python's {@code manager_dict_ops} in {@code shared/peers/python_mp_bench.py} does them ({@code d[i & 1023] = i},
 * then {@code d[i & 1023]}; CPython 3.11 here: ~19 k ops/s). With {@code clients=n > 1}, n - 1 more client JVMs do
 * the same, alternating set and get, all the while: the score is this JVM's share, and each measured iteration
 * prints the peers' own operations per second ({@code peers: ... ops/s}) for the total. {@code serverThreads} is
 * {@link Manager.Builder#serverThreads}: the single-threaded server against the multi-threaded one, in one run.
 * <pre>
 *   client JVM (benchmark) ──request ring──▶ server JVM ──reply ring──▶ client JVM
 *   client JVM (peer, clients=2..) ────────▶     "      ──reply ring──▶ peer
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManagerBenchmark
{
    private static final int KEYS = 1024;

    @Param({"1", "2", "4"})
    public int clients;

    @Param({"1", "2"})
    public int serverThreads;

    private Namespace namespace;
    private Manager manager;
    private DictProxy<Integer, Integer> dict;
    private final List<Process> peers = new ArrayList<>();
    private LongArray peerOps;
    private long peerOpsAtStart;
    private long iterationStartNs;
    private int i;

    @Setup(Level.Trial)
    public void setUp()
    {
        namespace = Namespace.temporary();
        manager = Manager.builder(namespace, "bench").serverThreads(serverThreads).start();
        dict = manager.dict("d");
        for (int k = 0; k < KEYS; k++)
        {
            dict.put(k, k);
        }
        peerOps = LongArray.create(namespace, "peerOps", Math.max(1, clients - 1));
        for (int p = 0; p < clients - 1; p++)
        {
            peers.add(BenchSupport.startPeer(PeerMain.class, namespace.directory().toString(), Integer.toString(p)));
        }
    }

    @Setup(Level.Iteration)
    public void startIteration()
    {
        peerOpsAtStart = sumPeerOps();
        iterationStartNs = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void endIteration()
    {
        if (clients > 1)
        {
            final double seconds = (System.nanoTime() - iterationStartNs) / 1e9;
            System.out.printf("peers: %.0f ops/s%n", (sumPeerOps() - peerOpsAtStart) / seconds);
        }
    }

    private long sumPeerOps()
    {
        long sum = 0;
        for (int p = 0; p < clients - 1; p++)
        {
            sum += peerOps.getVolatile(p);
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        peers.forEach(BenchSupport::stop);
        peerOps.close();
        final int key = (i - 1) & (KEYS - 1);
        if (null == dict.get(key))
        {
            throw new IllegalStateException("dict lost key " + key);
        }
        manager.close();
        namespace.close();
    }

    @Benchmark
    public Integer set()
    {
        final int n = i++;
        return dict.put(n & (KEYS - 1), n);
    }

    @Benchmark
    public Integer get()
    {
        return dict.get(i++ & (KEYS - 1));
    }

    /**
     * Another client: sets and gets on the same dict until killed, publishing its count of operations.
     */
    public static final class PeerMain
    {
        public static void main(final String[] args)
        {
            BenchSupport.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final Manager manager = Manager.connect(namespace, "bench");
            final LongArray ops = LongArray.open(namespace, "peerOps");
            final int index = Integer.parseInt(args[1]);
            final DictProxy<Integer, Integer> dict = manager.dict("d");
            dict.get(0);
            System.out.println("READY");
            for (int n = 0; ; n++)
            {
                dict.put(n & (KEYS - 1), n);
                dict.get(n & (KEYS - 1));
                if (0 == (n & 63))
                {
                    ops.setRelease(index, 2L * n);
                }
            }
        }
    }
}
