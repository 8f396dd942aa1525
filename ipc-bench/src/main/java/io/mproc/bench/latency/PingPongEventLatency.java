package io.mproc.bench.latency;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.Namespace;
import io.mproc.sync.Event;
import io.mproc.sync.WaitStrategies;
import io.mproc.sync.WaitStrategy;
import io.mproc.value.BooleanValue;
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
 * Round trip between two JVMs over two {@link Event}s, for each wait strategy: the twin of Python's
 * {@code event_pingpong_rtt} ({@code peers/python_mp_bench.py}), with the same protocol.
 * <pre>
 *   benchmark JVM                          echo JVM (@Setup)
 *   ping.set()              -------->      ping.await(); ping.clear()
 *   pong.await(); pong.clear() <-----      pong.set()
 * </pre>
 * Both sides use the strategy under test; the events are created with it, so spin-only strategies get spin-only
 * events (no fence, no wake check on set).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PingPongEventLatency
{
    @Param({"busy-spin", "backoff", "spin-then-block", "blocking"})
    public String strategy;

    private Namespace namespace;
    private Event ping;
    private Event pong;
    private BooleanValue stop;
    private Process echo;

    @Setup
    public void setUp()
    {
        final WaitStrategy waitStrategy = WaitStrategies.byName(strategy);
        namespace = Namespace.temporary();
        ping = Event.create(namespace, "ping", waitStrategy);
        pong = Event.create(namespace, "pong", waitStrategy);
        stop = BooleanValue.create(namespace, "stop", false);
        echo = BenchSupport.startPeer(EchoMain.class, namespace.directory().toString(), strategy);
    }

    @Benchmark
    public boolean roundTrip() throws InterruptedException
    {
        ping.set();
        final boolean set = pong.await(10, TimeUnit.SECONDS);
        pong.clear();
        return set;
    }

    @TearDown
    public void tearDown()
    {
        stop.set(true);
        ping.set();
        BenchSupport.stop(echo);
        namespace.close();
    }

    /**
     * The echo side: wait for ping, clear it, set pong; until stopped.
     */
    public static final class EchoMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            BenchSupport.exitWhenParentDies();
            try (Namespace namespace = Namespace.open(Paths.get(args[0])))
            {
                final WaitStrategy waitStrategy = WaitStrategies.byName(args[1]);
                final Event ping = Event.open(namespace, "ping", waitStrategy);
                final Event pong = Event.open(namespace, "pong", waitStrategy);
                final BooleanValue stop = BooleanValue.open(namespace, "stop");
                System.out.println("READY");
                System.out.flush();
                while (true)
                {
                    ping.await();
                    ping.clear();
                    if (stop.get())
                    {
                        return;
                    }
                    pong.set();
                }
            }
        }
    }
}
