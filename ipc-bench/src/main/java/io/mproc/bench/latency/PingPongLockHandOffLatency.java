package io.mproc.bench.latency;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.Namespace;
import io.mproc.sync.Lock;
import io.mproc.sync.WaitStrategies;
import io.mproc.sync.WaitStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import java.util.concurrent.TimeUnit;

/**
 * Round trip between two JVMs made only of {@link Lock} hand-offs: each side waits in {@code lock()} for a lock the
 * other releases. Three locks chase each other: the benchmark JVM holds two, the echo JVM one.
 * <pre>
 *   step k, with L = locks, a = L[k % 3], c = L[(k + 2) % 3]:
 *   benchmark JVM (holds a, b)                 echo JVM (holds c)
 *   a.unlock()            -- hand-off 1 -->    a.lock()
 *   c.lock()              <-- hand-off 2 --    c.unlock()
 * </pre>
 * One operation is one round trip: two lock hand-offs between processes.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PingPongLockHandOffLatency
{
    private static final int LOCKS = 3;

    @Param({"busy-spin", "spin-then-block", "blocking"})
    public String strategy;

    private Namespace namespace;
    private final Lock[] locks = new Lock[LOCKS];
    private long step;
    private Process echo;

    @Setup
    public void setUp()
    {
        final WaitStrategy waitStrategy = WaitStrategies.byName(strategy);
        namespace = Namespace.temporary();
        for (int i = 0; i < LOCKS; i++)
        {
            locks[i] = Lock.create(namespace, "lock" + i, waitStrategy);
        }
        // Scope.Thread: setup runs in the benchmark thread, which must own what it unlocks.
        locks[0].lock();
        locks[1].lock();
        echo = BenchSupport.startPeer(EchoMain.class, namespace.directory().toString(), strategy);
    }

    @Benchmark
    public long roundTrip()
    {
        final long k = step++;
        locks[(int)(k % LOCKS)].unlock();
        locks[(int)((k + 2) % LOCKS)].lock();
        return k;
    }

    @TearDown
    public void tearDown()
    {
        BenchSupport.stop(echo); // blocked in lock(): killed after the grace period
        namespace.close();
    }

    /**
     * The echo side: takes the lock the benchmark JVM releases, then releases the one it waits for.
     */
    public static final class EchoMain
    {
        public static void main(final String[] args)
        {
            BenchSupport.exitWhenParentDies();
            try (Namespace namespace = Namespace.open(Paths.get(args[0])))
            {
                final WaitStrategy waitStrategy = WaitStrategies.byName(args[1]);
                final Lock[] locks = new Lock[LOCKS];
                for (int i = 0; i < LOCKS; i++)
                {
                    locks[i] = Lock.open(namespace, "lock" + i, waitStrategy);
                }
                locks[2].lock();
                System.out.println("READY");
                System.out.flush();
                for (long k = 0; ; k++)
                {
                    locks[(int)(k % LOCKS)].lock();
                    locks[(int)((k + 2) % LOCKS)].unlock();
                }
            }
        }
    }
}
