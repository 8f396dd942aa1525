package io.mproc.bench.queue;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.Namespace;
import io.mproc.queue.AllowList;
import io.mproc.queue.Connection;
import io.mproc.queue.Pipe;
import io.mproc.sync.WaitStrategies;
import io.mproc.sync.WaitStrategy;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
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
 * Round trip of one long between this JVM and an echoing peer JVM: through an mproc {@link Pipe} (busy-spin or the
 * default spin-then-block wait), and, as the floor in the same run, through two raw Agrona
 * {@link OneToOneRingBuffer}s with busy-spin reads. Read the percentiles (SampleTime): p50, p99, p99.9.
 * <pre>
 *   this JVM ──send──▶ [ A to B ] ──▶ peer ──send──▶ [ B to A ] ──▶ this JVM
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipePingPongBenchmark
{
    static final int RING_CAPACITY = 64 * 1024;

    @Param({"raw-rings", "pipe-busy-spin", "pipe-spin-then-block"})
    public String api;

    private Namespace namespace;
    private Pipe pipe;
    private Connection connection;
    private MappedByteBuffer mapping;
    private OneToOneRingBuffer ping;
    private OneToOneRingBuffer pong;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
    private final long[] reply = new long[1];
    private Process peer;
    private long seq;

    @Setup(Level.Trial)
    public void setUp()
    {
        namespace = Namespace.temporary();
        if ("raw-rings".equals(api))
        {
            mapping = IoUtil.mapNewFile(namespace.directory().resolve("rings").toFile(), 2L * ringLength());
            ping = new OneToOneRingBuffer(new UnsafeBuffer(mapping, 0, ringLength()));
            pong = new OneToOneRingBuffer(new UnsafeBuffer(mapping, ringLength(), ringLength()));
        }
        else
        {
            pipe = Pipe.create(namespace, "pipe", RING_CAPACITY, AllowList.NONE, strategy(api));
            connection = pipe.left();
        }
        peer = BenchSupport.startPeer(EchoMain.class, namespace.directory().toString(), api);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        BenchSupport.stop(peer);
        if (null != pipe)
        {
            pipe.close();
        }
        if (null != mapping)
        {
            IoUtil.unmap(mapping);
        }
        namespace.close();
    }

    @Benchmark
    public long roundTrip() throws Exception
    {
        if (null == connection)
        {
            message.putLong(0, ++seq);
            while (!ping.write(1, message, 0, 8))
            {
                Thread.onSpinWait();
            }
            while (0 == pong.read((type, buffer, index, length) -> reply[0] = buffer.getLong(index), 1))
            {
                Thread.onSpinWait();
            }
            return reply[0];
        }
        connection.send(++seq);
        return (Long)connection.recv();
    }

    static int ringLength()
    {
        return RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;
    }

    static WaitStrategy strategy(final String api)
    {
        return WaitStrategies.byName("pipe-busy-spin".equals(api) ? "busy-spin" : "spin-then-block");
    }

    /**
     * The peer: echoes every message back until killed.
     */
    public static final class EchoMain
    {
        public static void main(final String[] args) throws Exception
        {
            BenchSupport.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final String api = args[1];
            System.out.println("READY");
            if ("raw-rings".equals(api))
            {
                final MappedByteBuffer mapping = IoUtil.mapExistingFile(namespace.directory().resolve("rings").toFile(), "rings");
                final OneToOneRingBuffer ping = new OneToOneRingBuffer(new UnsafeBuffer(mapping, 0, ringLength()));
                final OneToOneRingBuffer pong = new OneToOneRingBuffer(new UnsafeBuffer(mapping, ringLength(), ringLength()));
                final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
                while (true)
                {
                    if (0 == ping.read((type, buffer, index, length) -> message.putLong(0, buffer.getLong(index)), 1))
                    {
                        Thread.onSpinWait();
                        continue;
                    }
                    while (!pong.write(1, message, 0, 8))
                    {
                        Thread.onSpinWait();
                    }
                }
            }
            final Connection connection = Connection.open(namespace, "pipe", Connection.End.B, AllowList.NONE,
                strategy(api));
            while (true)
            {
                connection.send(connection.recv());
            }
        }
    }
}
