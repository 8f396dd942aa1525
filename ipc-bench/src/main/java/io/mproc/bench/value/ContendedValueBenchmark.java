package io.mproc.bench.value;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.Namespace;
import io.mproc.value.LongValue;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
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

import java.nio.MappedByteBuffer;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Two JVMs hammer one shared {@code long} with {@code getAndAdd}: the benchmark thread here, and a peer JVM doing
 * the same through the same API ({@code api=mproc}: {@link LongValue}; {@code api=raw}: Agrona over the same
 * file). The score is this JVM's share; the peer does about as many, so the total is about twice the score.
 * <pre>
 *   benchmark JVM ──getAndAdd──▶ [ one cache line in /dev/shm ] ◀──getAndAdd── peer JVM
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ContendedValueBenchmark
{
    @Param({"mproc", "raw"})
    public String api;

    private Namespace namespace;
    private LongValue value;
    private MappedByteBuffer rawMapping;
    private UnsafeBuffer raw;
    private int rawIndex;
    private Process peer;

    @Setup(Level.Trial)
    public void setUp()
    {
        namespace = Namespace.temporary();
        value = LongValue.create(namespace, "value", 0);
        rawMapping = IoUtil.mapExistingFile(value.path().toFile(), "value");
        raw = new UnsafeBuffer(rawMapping);
        rawIndex = value.region().bodyOffset();
        peer = BenchSupport.startPeer(HammerMain.class, namespace.directory().toString(), api);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        BenchSupport.stop(peer);
        IoUtil.unmap(rawMapping);
        namespace.close();
    }

    @Benchmark
    public long getAndAdd()
    {
        return "raw".equals(api) ? raw.getAndAddLong(rawIndex, 1) : value.getAndAdd(1);
    }

    /**
     * The peer: getAndAdd on the same slot until killed.
     */
    public static final class HammerMain
    {
        public static void main(final String[] args)
        {
            BenchSupport.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final LongValue value = LongValue.open(namespace, "value");
            System.out.println("READY");
            if ("raw".equals(args[1]))
            {
                final UnsafeBuffer raw = new UnsafeBuffer(IoUtil.mapExistingFile(value.path().toFile(), "value"));
                final int index = value.region().bodyOffset();
                while (true)
                {
                    raw.getAndAddLong(index, 1);
                }
            }
            while (true)
            {
                value.getAndAdd(1);
            }
        }
    }
}
