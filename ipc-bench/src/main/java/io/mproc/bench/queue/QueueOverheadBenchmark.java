package io.mproc.bench.queue;

import io.mproc.memory.Namespace;
import io.mproc.queue.MessageRing;
import io.mproc.queue.Producers;
import io.mproc.queue.SharedQueue;
import io.mproc.sync.WaitStrategies;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.MappedByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The software cost of one 8-byte message, write and read, in one thread over a ring in /dev/shm: no other core
 * touches the ring, so what is left is the instructions and fences of each design, mproc's against raw Agrona's.
 * Cross-process throughput ({@link QueueThroughputBenchmark}) is bounded by this cost once the machine hands cache
 * lines between its cores quickly. Each invocation writes {@value #BATCH} messages, then reads them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueOverheadBenchmark
{
    static final int CAPACITY = 1 << 16;
    static final int BATCH = 64;

    @Param({"mproc-zero-copy", "mproc-zero-copy-1p", "mproc-queue", "agrona-one-to-one", "agrona-many-to-one"})
    public String api;

    @Param({"spin-then-block", "busy-spin"})
    public String waitStrategy;

    private Namespace namespace;
    private MessageRing ring;
    private UnsafeBuffer records;
    private SharedQueue<Object> queue;
    private RingBuffer agrona;
    private MappedByteBuffer agronaMapping;
    private final UnsafeBuffer source = new UnsafeBuffer(new byte[8]);
    private final SummingHandler counting = new SummingHandler();
    private final Long boxed = 42L;

    @Setup(Level.Trial)
    public void setUp()
    {
        namespace = Namespace.temporary();
        switch (api)
        {
            case "mproc-zero-copy":
            case "mproc-zero-copy-1p":
                ring = MessageRing.create(namespace, "ring", CAPACITY, WaitStrategies.byName(waitStrategy),
                    api.endsWith("-1p") ? Producers.ONE : Producers.MANY);
                records = ring.buffer();
                break;
            case "mproc-queue":
                queue = SharedQueue.builder(namespace, "ring").capacity(CAPACITY)
                    .waitStrategy(WaitStrategies.byName(waitStrategy)).create();
                break;
            default:
                agronaMapping = IoUtil.mapNewFile(namespace.directory().resolve("agrona").toFile(),
                    CAPACITY + RingBufferDescriptor.TRAILER_LENGTH);
                final UnsafeBuffer buffer = new UnsafeBuffer(agronaMapping);
                agrona = "agrona-one-to-one".equals(api) ? new OneToOneRingBuffer(buffer) :
                    new ManyToOneRingBuffer(buffer);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (null != agronaMapping)
        {
            IoUtil.unmap(agronaMapping);
        }
        namespace.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long writeThenRead()
    {
        switch (api)
        {
            case "mproc-zero-copy":
            case "mproc-zero-copy-1p":
                for (int i = 0; i < BATCH; i++)
                {
                    final int index = ring.tryClaim(1, 8);
                    records.putLong(index, i);
                    ring.commit(index);
                }
                ring.read(counting, BATCH);
                break;
            case "mproc-queue":
                for (int i = 0; i < BATCH; i++)
                {
                    queue.offer(boxed);
                }
                for (int i = 0; i < BATCH; i++)
                {
                    counting.sum += (Long)queue.poll();
                }
                break;
            default:
                for (int i = 0; i < BATCH; i++)
                {
                    source.putLong(0, i);
                    agrona.write(1, source, 0, 8);
                }
                agrona.read(counting, BATCH);
        }
        return counting.sum;
    }
}
