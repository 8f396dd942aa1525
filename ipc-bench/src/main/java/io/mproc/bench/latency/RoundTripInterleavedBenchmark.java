package io.mproc.bench.latency;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.BodyInitializer;
import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import io.mproc.queue.AllowList;
import io.mproc.queue.Connection;
import io.mproc.queue.Pipe;
import io.mproc.sync.Event;
import io.mproc.sync.WaitStrategies;
import io.mproc.value.LongValue;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Round trips of one long between this JVM and an echo JVM, for mproc's {@link Pipe} and {@link Event} (busy-spin
 * and the default spin-then-block) and their floors, measured in the same conditions: two raw Agrona
 * {@link OneToOneRingBuffer}s with busy-spin reads under the pipes, two mapped longs with busy-spin under the events.
 * <p>
 * <b>Interleaved</b>, for the reason {@code QueueThroughputBenchmark} gives: these VMs hand cache lines over fast or
 * several times slower depending on where the hypervisor places the two vCPUs, and that changes from minute to
 * minute, so a floor measured in another fork can sit above the result it bounds. One fork holds all six
 * transports, each with its own echo JVM, and iteration i measures transport i mod 6 while the other echo JVMs sleep
 * (each leaves its echo loop on a sentinel message and parks until its turn). Every round trip is timed with
 * {@code System.nanoTime} (the same cost for all six); each measured iteration gives its p50 and p99. At the end the
 * fork prints, per transport, the median over rounds of each percentile and the median of the per-round ratios to
 * its floor, and hands them to the report ({@link BenchSupport#writeResult}). JMH's own score mixes the transports
 * and means nothing; keep the iteration counts multiples of 6.
 * <pre>
 *   this JVM ──ping──▶ [ transport k, /dev/shm ] ──▶ echo JVM k (awake in iterations i mod 6 == k) ──pong──▶ this JVM
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 30, time = 1)
@Fork(1)
public class RoundTripInterleavedBenchmark
{
    static final String[] TRANSPORTS = {"raw-rings", "pipe-busy-spin", "pipe-spin-then-block", "raw-longs",
        "event-busy-spin", "event-spin-then-block"};
    static final int RAW_RINGS = 0;
    static final int PIPE_BUSY_SPIN = 1;
    static final int PIPE_SPIN_THEN_BLOCK = 2;
    static final int RAW_LONGS = 3;
    static final int EVENT_BUSY_SPIN = 4;
    static final int EVENT_SPIN_THEN_BLOCK = 5;
    /** Ends an echo JVM's turn: never a real message (those count up from 1). */
    static final long SENTINEL = -1;
    static final int RING_CAPACITY = 64 * 1024;
    /** The raw-longs floor's region, as in {@code PingPongRawSpinLatency}: ping and pong on their own lines. */
    static final RegionSpec RAW_SPEC = new RegionSpec(RegionKind.RAW, 1, ElementType.NONE, 0, 256);
    static final int RAW_PING_OFFSET = 0;
    static final int RAW_PONG_OFFSET = 128;
    static final int MAX_SAMPLES = 1 << 22;

    private Namespace namespace;
    private LongValue awake;
    private MappedByteBuffer ringsMapping;
    private OneToOneRingBuffer ping;
    private OneToOneRingBuffer pong;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
    private long reply;
    private final MessageHandler replyHandler = (type, buffer, index, length) -> reply = buffer.getLong(index);
    private final Pipe[] pipes = new Pipe[TRANSPORTS.length];
    private MappedRegion raw;
    private AtomicBuffer rawBuffer;
    private int rawPing;
    private int rawPong;
    private final Event[] pings = new Event[TRANSPORTS.length];
    private final Event[] pongs = new Event[TRANSPORTS.length];
    private final List<Process> echoes = new ArrayList<>();

    private final long[] samples = new long[MAX_SAMPLES];
    private int count;
    private long sequence;
    private int iteration;
    private int transport;
    private final List<double[][]> rounds = new ArrayList<>();
    private double[][] round;

    @Setup(Level.Trial)
    public void setUp()
    {
        namespace = Namespace.temporary();
        awake = LongValue.create(namespace, "awake", SENTINEL);
        ringsMapping = IoUtil.mapNewFile(namespace.directory().resolve("rings").toFile(), 2L * ringLength());
        ping = new OneToOneRingBuffer(new UnsafeBuffer(ringsMapping, 0, ringLength()));
        pong = new OneToOneRingBuffer(new UnsafeBuffer(ringsMapping, ringLength(), ringLength()));
        for (final int t : new int[]{PIPE_BUSY_SPIN, PIPE_SPIN_THEN_BLOCK})
        {
            pipes[t] = Pipe.create(namespace, TRANSPORTS[t], RING_CAPACITY, AllowList.NONE,
                WaitStrategies.byName(strategy(t)));
        }
        raw = namespace.create("raw", RAW_SPEC, BodyInitializer.ZEROED);
        rawBuffer = raw.buffer();
        rawPing = raw.bodyOffset() + RAW_PING_OFFSET;
        rawPong = raw.bodyOffset() + RAW_PONG_OFFSET;
        for (final int t : new int[]{EVENT_BUSY_SPIN, EVENT_SPIN_THEN_BLOCK})
        {
            pings[t] = Event.create(namespace, "ping-" + TRANSPORTS[t], WaitStrategies.byName(strategy(t)));
            pongs[t] = Event.create(namespace, "pong-" + TRANSPORTS[t], WaitStrategies.byName(strategy(t)));
        }
        for (int t = 0; t < TRANSPORTS.length; t++)
        {
            echoes.add(BenchSupport.startPeer(RoundTripEchoMain.class, namespace.directory().toString(),
                Integer.toString(t)));
        }
    }

    static int ringLength()
    {
        return RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /**
     * @param transport a pipe or event transport.
     * @return its wait strategy's name.
     */
    static String strategy(final int transport)
    {
        return TRANSPORTS[transport].endsWith("busy-spin") ? "busy-spin" : "spin-then-block";
    }

    @Setup(Level.Iteration)
    public void wakeNextEcho(final IterationParams params)
    {
        final int turn = iteration++ % TRANSPORTS.length;
        transport = turn;
        if (null != pings[transport])
        {
            // Its echo JVM is parked: no stale sentinel may look like a ping.
            pings[transport].clear();
            pongs[transport].clear();
        }
        awake.setRelease(transport);
        // The echo JVM checks its turn every millisecond.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        if (IterationType.MEASUREMENT == params.getType() && 0 == turn)
        {
            round = new double[TRANSPORTS.length][];
            rounds.add(round);
        }
        if (IterationType.MEASUREMENT != params.getType())
        {
            round = null;
        }
        count = 0;
    }

    @TearDown(Level.Iteration)
    public void endTurn() throws Exception
    {
        awake.setRelease(SENTINEL);
        sendSentinel();
        if (null != round && count > 0)
        {
            Arrays.sort(samples, 0, count);
            round[transport] = new double[]{samples[(count - 1) / 2], samples[(int)Math.ceil(0.99 * count) - 1]};
        }
    }

    private void sendSentinel() throws Exception
    {
        switch (transport)
        {
            case RAW_RINGS:
                message.putLong(0, SENTINEL);
                while (!ping.write(1, message, 0, 8))
                {
                    Thread.onSpinWait();
                }
                break;
            case PIPE_BUSY_SPIN:
            case PIPE_SPIN_THEN_BLOCK:
                pipes[transport].left().send(SENTINEL);
                break;
            case RAW_LONGS:
                rawBuffer.putLongRelease(rawPing, SENTINEL);
                break;
            default:
                pings[transport].set();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        echoes.forEach(BenchSupport::stop);
        for (final Pipe pipe : pipes)
        {
            if (null != pipe)
            {
                pipe.close();
            }
        }
        IoUtil.unmap(ringsMapping);
        namespace.close();
        RoundTripResult.print(rounds, TRANSPORTS);
    }

    @Benchmark
    public long roundTrip() throws Exception
    {
        final long startNs = System.nanoTime();
        final long echoed = trip();
        final long ns = System.nanoTime() - startNs;
        if (count < MAX_SAMPLES)
        {
            samples[count++] = ns;
        }
        return echoed;
    }

    private long trip() throws Exception
    {
        final long seq = ++sequence;
        switch (transport)
        {
            case RAW_RINGS:
                message.putLong(0, seq);
                while (!ping.write(1, message, 0, 8))
                {
                    Thread.onSpinWait();
                }
                while (0 == pong.read(replyHandler, 1))
                {
                    Thread.onSpinWait();
                }
                return reply;
            case PIPE_BUSY_SPIN:
            case PIPE_SPIN_THEN_BLOCK:
            {
                final Connection connection = pipes[transport].left();
                connection.send(seq);
                return (Long)connection.recv();
            }
            case RAW_LONGS:
                rawBuffer.putLongRelease(rawPing, seq);
                while (rawBuffer.getLongVolatile(rawPong) != seq)
                {
                    Thread.onSpinWait();
                }
                return seq;
            default:
                pings[transport].set();
                if (!pongs[transport].await(10, TimeUnit.SECONDS))
                {
                    throw new IllegalStateException("no pong from the echo JVM of " + TRANSPORTS[transport] +
                        " within 10 s: it died or missed its turn");
                }
                pongs[transport].clear();
                return seq;
        }
    }
}
