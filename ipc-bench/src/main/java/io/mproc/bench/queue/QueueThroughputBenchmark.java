package io.mproc.bench.queue;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.Namespace;
import io.mproc.queue.MessageRing;
import io.mproc.queue.SharedQueue;
import io.mproc.sync.WaitStrategies;
import org.agrona.IoUtil;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
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

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * One producer JVM, one consumer JVM (this one), one ring in /dev/shm: messages per second through mproc's
 * zero-copy {@link MessageRing}, through {@link SharedQueue} ({@code Long} for 8 bytes, {@code byte[]} for 64; read
 * with {@code poll} one message at a time, or with {@code drainTo} in batches), and,
 * as baselines in the same run, through raw Agrona {@link OneToOneRingBuffer} and {@link ManyToOneRingBuffer} over
 * a mapped file. The score {@code messages} is messages consumed per second; {@code emptyReads} shows when the
 * consumer outran the producer.
 * <pre>
 *   peer JVM: write, write, write ... ──▶ [ ring, 1 MiB, /dev/shm ] ──▶ this JVM: read(handler, 256)
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueThroughputBenchmark
{
    static final int CAPACITY = 1 << 20;

    @Param({"mproc-zero-copy", "mproc-queue", "mproc-queue-drain", "agrona-one-to-one", "agrona-many-to-one"})
    public String api;

    @Param({"8", "64"})
    public int messageLength;

    /** The creator's wait strategy: busy-spin spares producers the fence and wake check of sleeping consumers. */
    @Param({"spin-then-block", "busy-spin"})
    public String waitStrategy;

    private Namespace namespace;
    private MessageRing ring;
    private SharedQueue<Object> queue;
    private RingBuffer agrona;
    private MappedByteBuffer agronaMapping;
    private File agronaFile;
    private Process peer;
    private final Counting counting = new Counting();
    private final java.util.ArrayList<Object> drained = new java.util.ArrayList<>(256);

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        namespace = Namespace.temporary();
        if (api.startsWith("mproc"))
        {
            if ("mproc-zero-copy".equals(api))
            {
                ring = MessageRing.create(namespace, "ring", CAPACITY, WaitStrategies.byName(waitStrategy));
            }
            else
            {
                queue = SharedQueue.builder(namespace, "ring").capacity(CAPACITY)
                    .waitStrategy(WaitStrategies.byName(waitStrategy)).create();
            }
        }
        else
        {
            agronaFile = namespace.directory().resolve("agrona").toFile();
            agronaMapping = IoUtil.mapNewFile(agronaFile, CAPACITY + RingBufferDescriptor.TRAILER_LENGTH);
            final UnsafeBuffer buffer = new UnsafeBuffer(agronaMapping);
            agrona = "agrona-one-to-one".equals(api) ? new OneToOneRingBuffer(buffer) : new ManyToOneRingBuffer(buffer);
        }
        peer = BenchSupport.startPeer(ProducerMain.class, namespace.directory().toString(), api,
            Integer.toString(messageLength));
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        BenchSupport.stop(peer);
        if (null != agronaMapping)
        {
            IoUtil.unmap(agronaMapping);
        }
        namespace.close();
    }

    @Benchmark
    public int consume(final Counters counters)
    {
        final int read;
        switch (api)
        {
            case "mproc-zero-copy":
                read = ring.read(counting, 256);
                break;
            case "mproc-queue-drain":
            {
                drained.clear();
                read = queue.drainTo(drained, 256);
                for (int i = 0; i < read; i++)
                {
                    final Object value = drained.get(i);
                    counting.sum += 8 == messageLength ? (Long)value : ((byte[])value).length;
                }
                break;
            }
            case "mproc-queue":
            {
                int taken = 0;
                Object value;
                while (taken < 256 && null != (value = queue.poll()))
                {
                    counting.sum += 8 == messageLength ? (Long)value : ((byte[])value).length;
                    taken++;
                }
                read = taken;
                break;
            }
            default:
                read = agrona.read(counting, 256);
        }
        if (0 == read)
        {
            counters.emptyReads++;
        }
        counters.messages += read;
        return read;
    }

    /**
     * Messages consumed, and reads that found nothing, reported by JMH as rates.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters
    {
        public long messages;
        public long emptyReads;

        @Setup(Level.Iteration)
        public void reset()
        {
            messages = 0;
            emptyReads = 0;
        }
    }

    /**
     * Touches every message so that the read is not optimised away.
     */
    static final class Counting implements MessageHandler
    {
        long sum;

        public void onMessage(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index,
            final int length)
        {
            sum += buffer.getLong(index);
        }
    }

    /**
     * The producer JVM: writes as fast as the ring takes messages, until killed.
     */
    public static final class ProducerMain
    {
        public static void main(final String[] args)
        {
            BenchSupport.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final String api = args[1];
            final int length = Integer.parseInt(args[2]);
            final UnsafeBuffer source = new UnsafeBuffer(new byte[length]);
            final byte[] bytes = new byte[length];
            System.out.println("READY");
            long seq = 0;
            switch (api)
            {
                case "mproc-zero-copy":
                {
                    final MessageRing ring = MessageRing.open(namespace, "ring");
                    final UnsafeBuffer records = ring.buffer();
                    while (true)
                    {
                        final int index = ring.tryClaim(1, length);
                        if (index >= 0)
                        {
                            records.putLong(index, seq++);
                            ring.commit(index);
                        }
                        else
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
                case "mproc-queue":
                case "mproc-queue-drain":
                {
                    final SharedQueue<Object> queue = SharedQueue.open(namespace, "ring");
                    while (true)
                    {
                        if (!queue.offer(8 == length ? (Object)seq : bytes))
                        {
                            Thread.onSpinWait();
                        }
                        else
                        {
                            seq++;
                        }
                    }
                }
                default:
                {
                    final UnsafeBuffer buffer = new UnsafeBuffer(IoUtil.mapExistingFile(
                        namespace.directory().resolve("agrona").toFile(), "agrona"));
                    final RingBuffer ring = "agrona-one-to-one".equals(api) ?
                        new OneToOneRingBuffer(buffer) : new ManyToOneRingBuffer(buffer);
                    while (true)
                    {
                        source.putLong(0, seq);
                        if (ring.write(1, source, 0, length))
                        {
                            seq++;
                        }
                        else
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
            }
        }
    }
}
