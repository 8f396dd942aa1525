package io.mproc.bench.baseline;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.BodyInitializer;
import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import org.agrona.concurrent.AtomicBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * The floor of any cross-process hand-off: a round trip between two JVMs over two mapped longs, each side
 * busy-spinning with {@link Thread#onSpinWait()}; no synchronisation object at all.
 * <pre>
 *   benchmark JVM                      echo JVM (@Setup)
 *   ping := n  (release)  ------->     sees ping == n
 *   spin until pong == n  <-------     pong := n  (release)
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PingPongRawSpinLatency
{
    /** A raw region: ping and pong each on their own cache-line pair. */
    static final RegionSpec SPEC = new RegionSpec(RegionKind.RAW, 1, ElementType.NONE, 0, 256);
    static final int PING_OFFSET = 0;
    static final int PONG_OFFSET = 128;
    static final long STOP = -1;

    private Namespace namespace;
    private MappedRegion region;
    private AtomicBuffer buffer;
    private int pingIndex;
    private int pongIndex;
    private long sequence;
    private Process echo;

    @Setup
    public void setUp()
    {
        namespace = Namespace.temporary();
        region = namespace.create("raw", SPEC, BodyInitializer.ZEROED);
        buffer = region.buffer();
        pingIndex = region.bodyOffset() + PING_OFFSET;
        pongIndex = region.bodyOffset() + PONG_OFFSET;
        echo = BenchSupport.startPeer(EchoMain.class, namespace.directory().toString());
    }

    @Benchmark
    public long roundTrip()
    {
        final AtomicBuffer buffer = this.buffer;
        final long sequence = ++this.sequence;
        buffer.putLongRelease(pingIndex, sequence);
        while (buffer.getLongVolatile(pongIndex) != sequence)
        {
            Thread.onSpinWait();
        }
        return sequence;
    }

    @TearDown
    public void tearDown()
    {
        buffer.putLongVolatile(pingIndex, STOP);
        BenchSupport.stop(echo);
        namespace.close();
    }

    /**
     * The echo side: copies ping to pong until ping is {@link #STOP}.
     */
    public static final class EchoMain
    {
        public static void main(final String[] args)
        {
            BenchSupport.exitWhenParentDies();
            try (Namespace namespace = Namespace.open(Paths.get(args[0])))
            {
                final MappedRegion region = namespace.open("raw", SPEC);
                final AtomicBuffer buffer = region.buffer();
                final int pingIndex = region.bodyOffset() + PING_OFFSET;
                final int pongIndex = region.bodyOffset() + PONG_OFFSET;
                System.out.println("READY");
                System.out.flush();
                long last = 0;
                while (true)
                {
                    long value;
                    while ((value = buffer.getLongVolatile(pingIndex)) == last)
                    {
                        Thread.onSpinWait();
                    }
                    if (STOP == value)
                    {
                        return;
                    }
                    buffer.putLongRelease(pongIndex, value);
                    last = value;
                }
            }
        }
    }
}
