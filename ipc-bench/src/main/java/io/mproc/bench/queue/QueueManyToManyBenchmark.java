package io.mproc.bench.queue;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.Namespace;
import io.mproc.queue.MessageRing;
import io.mproc.queue.SharedQueue;
import io.mproc.value.LongValue;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two producers and two consumers on one queue, 8-byte messages: the many-to-many case that Agrona's rings do not
 * cover. For mproc each party is its own JVM: two producer JVMs, a peer consumer JVM and this one. The score
 * {@code allMessages} is what both consumers took per second (this JVM's count plus the peer's, which it publishes
 * in a shared {@link LongValue} after each batch); {@code messages} is this JVM's share.
 * <p>
 * Baselines in the same run: raw Agrona {@link ManyToOneRingBuffer} over a mapped file with two producer JVMs and
 * this JVM as its only consumer (it has no many-consumer mode), and {@link ArrayBlockingQueue} between two producer
 * and two consumer <i>threads</i> of this JVM (what the work costs without processes).
 * <pre>
 *   producer JVM ─┐                          ┌─▶ this JVM (JMH)
 *                 ├─▶ [ queue, 1 MiB, /dev/shm ] ─┤
 *   producer JVM ─┘                          └─▶ consumer JVM ──▶ [ its count, /dev/shm ]
 * </pre>
 * On a 2-core machine the four parties share two cores, so every variant waits the way its API suggests rather
 * than spinning on a core another party needs: {@code put}/{@code take} for the queues, and a {@link Thread#yield()}
 * when a ring is full or empty.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueManyToManyBenchmark
{
    static final int CAPACITY = 1 << 20;
    static final int MESSAGE_LENGTH = 8;
    static final int BATCH = 256;

    @Param({"mproc-queue", "mproc-zero-copy", "agrona-many-to-one-2x1", "juc-array-blocking-queue-threads"})
    public String api;

    private Namespace namespace;
    private SharedQueue<Object> queue;
    private MessageRing ring;
    private ManyToOneRingBuffer agrona;
    private MappedByteBuffer agronaMapping;
    private LongValue peerCount;
    private BlockingQueue<Long> jucQueue;
    private final List<Process> peers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final SummingHandler counting = new SummingHandler();

    @Setup(Level.Trial)
    public void setUp()
    {
        namespace = Namespace.temporary();
        peerCount = LongValue.create(namespace, "peer-count", 0);
        final String directory = namespace.directory().toString();
        switch (api)
        {
            case "mproc-queue":
                queue = SharedQueue.builder(namespace, "queue").capacity(CAPACITY).create();
                startPeers(directory, 2, true);
                break;
            case "mproc-zero-copy":
                ring = MessageRing.create(namespace, "queue", CAPACITY);
                startPeers(directory, 2, true);
                break;
            case "agrona-many-to-one-2x1":
            {
                final File file = namespace.directory().resolve("agrona").toFile();
                agronaMapping = IoUtil.mapNewFile(file, CAPACITY + RingBufferDescriptor.TRAILER_LENGTH);
                agrona = new ManyToOneRingBuffer(new UnsafeBuffer(agronaMapping));
                startPeers(directory, 2, false);
                break;
            }
            default:
                startThreads();
        }
    }

    private void startPeers(final String directory, final int producers, final boolean peerConsumer)
    {
        for (int i = 0; i < producers; i++)
        {
            peers.add(BenchSupport.startPeer(ProducerMain.class, directory, api));
        }
        if (peerConsumer)
        {
            peers.add(BenchSupport.startPeer(ConsumerMain.class, directory, api));
        }
    }

    private void startThreads()
    {
        jucQueue = new ArrayBlockingQueue<>(CAPACITY / 16); // as many 8-byte messages as the ring holds with headers
        for (int i = 0; i < 2; i++)
        {
            threads.add(new Thread(() ->
            {
                long seq = 0;
                try
                {
                    while (true)
                    {
                        jucQueue.put(seq++);
                    }
                }
                catch (final InterruptedException ex)
                {
                    // stop
                }
            }, "producer-" + i));
        }
        threads.add(new Thread(() ->
        {
            long taken = 0;
            try
            {
                while (true)
                {
                    counting.sum += jucQueue.take();
                    if (0 == (++taken & (BATCH - 1)))
                    {
                        peerCount.setRelease(taken);
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                // stop
            }
        }, "peer-consumer"));
        threads.forEach(thread ->
        {
            thread.setDaemon(true);
            thread.start();
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        peers.forEach(BenchSupport::stop);
        for (final Thread thread : threads)
        {
            thread.interrupt();
            thread.join(10_000);
        }
        if (null != agronaMapping)
        {
            IoUtil.unmap(agronaMapping);
        }
        namespace.close();
    }

    @Benchmark
    public int consume(final Counters counters) throws InterruptedException
    {
        final int read;
        switch (api)
        {
            case "mproc-queue":
                counting.sum += (Long)queue.take();
                read = 1;
                break;
            case "mproc-zero-copy":
                read = ring.read(counting, BATCH);
                break;
            case "agrona-many-to-one-2x1":
                read = agrona.read(counting, BATCH);
                break;
            default:
                counting.sum += jucQueue.take();
                read = 1;
        }
        if (0 == read)
        {
            Thread.yield();
        }
        counters.messages += read;
        counters.allMessages = counters.messages + peerCount.getAcquire() - counters.peerStart;
        return read;
    }

    /**
     * This consumer's messages and both consumers' messages, reported by JMH as rates.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters
    {
        public long messages;
        public long allMessages;
        long peerStart;

        @Setup(Level.Iteration)
        public void reset(final QueueManyToManyBenchmark benchmark)
        {
            messages = 0;
            allMessages = 0;
            peerStart = benchmark.peerCount.getAcquire();
        }
    }

    /**
     * A producer JVM: writes as fast as the queue takes messages, until killed.
     */
    public static final class ProducerMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            BenchSupport.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final String api = args[1];
            System.out.println("READY");
            long seq = 0;
            switch (api)
            {
                case "mproc-queue":
                {
                    final SharedQueue<Object> queue = SharedQueue.open(namespace, "queue");
                    while (true)
                    {
                        queue.put(seq++);
                    }
                }
                case "mproc-zero-copy":
                {
                    final MessageRing ring = MessageRing.open(namespace, "queue");
                    final UnsafeBuffer records = ring.buffer();
                    while (true)
                    {
                        final int index = ring.tryClaim(1, MESSAGE_LENGTH);
                        if (index >= 0)
                        {
                            records.putLong(index, seq++);
                            ring.commit(index);
                        }
                        else
                        {
                            Thread.yield();
                        }
                    }
                }
                default:
                {
                    final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(
                        IoUtil.mapExistingFile(namespace.directory().resolve("agrona").toFile(), "agrona")));
                    final UnsafeBuffer source = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
                    while (true)
                    {
                        source.putLong(0, seq);
                        if (ring.write(1, source, 0, MESSAGE_LENGTH))
                        {
                            seq++;
                        }
                        else
                        {
                            Thread.yield();
                        }
                    }
                }
            }
        }
    }

    /**
     * The second consumer JVM: takes as fast as it can and publishes its count after each batch, until killed.
     */
    public static final class ConsumerMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            BenchSupport.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final String api = args[1];
            final LongValue count = LongValue.open(namespace, "peer-count");
            final SummingHandler counting = new SummingHandler();
            System.out.println("READY");
            long taken = 0;
            if ("mproc-queue".equals(api))
            {
                final SharedQueue<Object> queue = SharedQueue.open(namespace, "queue");
                while (true)
                {
                    counting.sum += (Long)queue.take();
                    if (0 == (++taken & (BATCH - 1)))
                    {
                        count.setRelease(taken);
                    }
                }
            }
            final MessageRing ring = MessageRing.open(namespace, "queue");
            while (true)
            {
                final int read = ring.read(counting, BATCH);
                if (0 == read)
                {
                    Thread.yield();
                }
                else
                {
                    taken += read;
                    count.setRelease(taken);
                }
            }
        }
    }
}
