package io.mproc.bench.queue;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.Namespace;
import io.mproc.queue.MessageRing;
import io.mproc.queue.Producers;
import io.mproc.queue.SharedQueue;
import io.mproc.sync.WaitStrategies;
import io.mproc.sync.WaitStrategy;
import io.mproc.value.LongValue;
import org.agrona.IoUtil;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.nio.MappedByteBuffer;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One producer JVM, one consumer JVM (this one), one ring in /dev/shm: messages per second through mproc's
 * zero-copy {@link MessageRing}, through {@link SharedQueue} ({@code Long} for 8 bytes, {@code byte[]} for 64; read
 * with {@code poll} one message at a time, or with {@code drainTo} in batches), each ring and the polled queue also
 * as created for {@link Producers#ONE} ({@code -1p}), and, as baselines, through raw Agrona
 * {@link OneToOneRingBuffer} and {@link ManyToOneRingBuffer} over a mapped file.
 * <p>
 * <b>Interleaved.</b> The two vCPUs of these machines hand cache lines over fast or four times slower depending on
 * where the hypervisor places them, and the placement changes from minute to minute: a raw Agrona ring measured 15 M
 * msgs/s in one fork and 65 M in the next. Forks per transport would compare luck. So one fork holds every
 * transport, each with its own producer JVM, and the iterations take turns: iteration i measures transport
 * i mod 7 while the other producers sleep. Each round of seven adjacent iterations gives same-moment ratios. At the
 * end of the trial the fork prints, per transport, the median rate of its measured iterations and the median of
 * its per-round ratios to both Agrona rings; those lines are the result. JMH's own score mixes the transports and
 * means nothing by itself (the report reads the medians through {@link BenchSupport#writeResult}); keep the
 * warm-up and measurement counts multiples of the transports in the rotation (7 by default: {@code -wi 14 -i 21}; 4 with {@code leaveOut=mproc-queue+mproc-queue-1p+mproc-queue-drain}).
 * <pre>
 *   producer JVM k (awake in iterations i mod 7 == k) ──▶ [ ring k, 1 MiB, /dev/shm ] ──▶ this JVM
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 14, time = 1)
@Measurement(iterations = 21, time = 1)
@Fork(1)
public class QueueThroughputBenchmark
{
    static final int CAPACITY = 1 << 20;
    static final int BATCH = 256;
    /** The transports, in the order their iterations take turns. */
    static final String[] TRANSPORTS = {"mproc-zero-copy", "mproc-zero-copy-1p", "mproc-queue", "mproc-queue-1p",
        "mproc-queue-drain", "agrona-one-to-one", "agrona-many-to-one"};
    static final int ZERO_COPY = 0;
    /** The zero-copy ring created for {@link Producers#ONE}. */
    static final int ZERO_COPY_1P = 1;
    static final int QUEUE = 2;
    /** The queue created for {@link Producers#ONE}. */
    static final int QUEUE_1P = 3;
    static final int QUEUE_DRAIN = 4;
    static final int ONE_TO_ONE = 5;
    static final int MANY_TO_ONE = 6;

    @Param({"8", "64"})
    public int messageLength;

    /**
     * Transports to leave out of the rotation, joined by + ({@code -p leaveOut=mproc-queue+mproc-queue-drain}
     * measures the zero-copy ring with one handler type in the consumer JVM, as a ring-only application has);
     * the Agrona baselines always run.
     */
    @Param({"none"})
    public String leaveOut;

    /** The mproc creator's wait strategy: busy-spin spares producers even the wake check. */
    @Param({"spin-then-block"})
    public String waitStrategy;

    private Namespace namespace;
    private LongValue awake;
    private final MessageRing[] rings = new MessageRing[TRANSPORTS.length];
    @SuppressWarnings("unchecked")
    private final SharedQueue<Object>[] queues = new SharedQueue[TRANSPORTS.length];
    private RingBuffer oneToOne;
    private RingBuffer manyToOne;
    private final List<MappedByteBuffer> agronaMappings = new ArrayList<>();
    private final List<Process> producers = new ArrayList<>();
    private final SequenceChecker[] checkers = new SequenceChecker[TRANSPORTS.length];
    private final UnsafeBuffer bytesView = new UnsafeBuffer(new byte[0]);
    private final ArrayList<Object> drained = new ArrayList<>(BATCH);

    private int[] rotation;
    private int iteration;
    private int transport;
    private long iterationStartNs;
    private long iterationMessages;
    private final List<double[]> measuredRounds = new ArrayList<>();
    private double[] round;

    @Setup(Level.Trial)
    public void setUp()
    {
        final List<String> leftOut = Arrays.asList(leaveOut.split("\\+"));
        rotation = java.util.stream.IntStream.range(0, TRANSPORTS.length)
            .filter(t -> t == ONE_TO_ONE || t == MANY_TO_ONE || !leftOut.contains(TRANSPORTS[t])).toArray();
        for (int t = 0; t < TRANSPORTS.length; t++)
        {
            checkers[t] = new SequenceChecker(TRANSPORTS[t]);
        }
        namespace = Namespace.temporary();
        awake = LongValue.create(namespace, "awake", -1);
        final WaitStrategy strategy = WaitStrategies.byName(waitStrategy);
        rings[ZERO_COPY] = MessageRing.create(namespace, TRANSPORTS[ZERO_COPY], CAPACITY, strategy);
        rings[ZERO_COPY_1P] =
            MessageRing.create(namespace, TRANSPORTS[ZERO_COPY_1P], CAPACITY, strategy, Producers.ONE);
        for (final int q : new int[]{QUEUE, QUEUE_1P, QUEUE_DRAIN})
        {
            queues[q] = SharedQueue.builder(namespace, TRANSPORTS[q]).capacity(CAPACITY).waitStrategy(strategy)
                .producers(QUEUE_1P == q ? Producers.ONE : Producers.MANY).create();
        }
        oneToOne = new OneToOneRingBuffer(mapAgrona(TRANSPORTS[ONE_TO_ONE]));
        manyToOne = new ManyToOneRingBuffer(mapAgrona(TRANSPORTS[MANY_TO_ONE]));
        for (final int i : rotation)
        {
            producers.add(BenchSupport.startPeer(ProducerMain.class, namespace.directory().toString(),
                Integer.toString(i), Integer.toString(messageLength)));
        }
    }

    private UnsafeBuffer mapAgrona(final String name)
    {
        final MappedByteBuffer mapping = IoUtil.mapNewFile(namespace.directory().resolve(name).toFile(),
            CAPACITY + RingBufferDescriptor.TRAILER_LENGTH);
        agronaMappings.add(mapping);
        return new UnsafeBuffer(mapping);
    }

    @Setup(Level.Iteration)
    public void wakeNextProducer(final IterationParams params)
    {
        final int turn = iteration++ % rotation.length;
        transport = rotation[turn];
        awake.setRelease(transport);
        // Let it fill the ring first, so that the iteration measures steady state, not the producer's wake-up.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        if (IterationType.MEASUREMENT == params.getType() && 0 == turn)
        {
            round = new double[TRANSPORTS.length];
            measuredRounds.add(round);
        }
        if (IterationType.MEASUREMENT != params.getType())
        {
            round = null;
        }
        iterationMessages = 0;
        iterationStartNs = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void recordIteration()
    {
        final long elapsedNs = System.nanoTime() - iterationStartNs;
        awake.setRelease(-1);
        if (null != round)
        {
            round[transport] = iterationMessages * 1e9 / elapsedNs;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        producers.forEach(BenchSupport::stop);
        agronaMappings.forEach(IoUtil::unmap);
        namespace.close();
        printResult();
    }

    private void printResult()
    {
        final List<double[]> rounds = new ArrayList<>();
        for (final double[] measured : measuredRounds)
        {
            if (Arrays.stream(rotation).allMatch(t -> measured[t] > 0))
            {
                rounds.add(measured);
            }
        }
        if (rounds.isEmpty())
        {
            System.out.println("interleaved: no complete round measured (use -i with a multiple of " +
                rotation.length + ")");
            return;
        }
        System.out.printf("%ninterleaved result, %d-byte messages, %d rounds (M msgs/s: median, then each round; " +
            "ratios: median of the per-round ratios)%n", messageLength, rounds.size());
        for (final int t : rotation)
        {
            final int transport = t;
            final double[] rates = rounds.stream().mapToDouble(r -> r[transport]).toArray();
            final double[] toOneToOne = rounds.stream().mapToDouble(r -> r[transport] / r[ONE_TO_ONE]).toArray();
            final double[] toManyToOne = rounds.stream().mapToDouble(r -> r[transport] / r[MANY_TO_ONE]).toArray();
            final StringBuilder each = new StringBuilder();
            for (final double rate : rates)
            {
                each.append(String.format(" %.1f", rate / 1e6));
            }
            System.out.printf("interleaved %-20s %6.1f M/s  (%s )  vs one-to-one %.2f  vs many-to-one %.2f%n",
                TRANSPORTS[t], BenchSupport.median(rates) / 1e6, each.toString().trim(), BenchSupport.median(toOneToOne), BenchSupport.median(toManyToOne));
            BenchSupport.writeResult(TRANSPORTS[t], BenchSupport.median(rates));
            BenchSupport.writeResult(TRANSPORTS[t] + ".vs-one-to-one", BenchSupport.median(toOneToOne));
            BenchSupport.writeResult(TRANSPORTS[t] + ".vs-many-to-one", BenchSupport.median(toManyToOne));
        }
    }

    @Benchmark
    public int consume(final Counters counters)
    {
        final int read;
        switch (transport)
        {
            case ZERO_COPY:
            case ZERO_COPY_1P:
                read = rings[transport].read(checkers[transport], BATCH);
                break;
            case QUEUE:
            case QUEUE_1P:
            {
                final SharedQueue<Object> queue = queues[transport];
                int taken = 0;
                Object value;
                while (taken < BATCH && null != (value = queue.poll()))
                {
                    checkQueued(transport, value);
                    taken++;
                }
                read = taken;
                break;
            }
            case QUEUE_DRAIN:
            {
                drained.clear();
                read = queues[QUEUE_DRAIN].drainTo(drained, BATCH);
                for (int i = 0; i < read; i++)
                {
                    checkQueued(QUEUE_DRAIN, drained.get(i));
                }
                break;
            }
            case ONE_TO_ONE:
                read = oneToOne.read(checkers[ONE_TO_ONE], BATCH);
                break;
            default:
                read = manyToOne.read(checkers[MANY_TO_ONE], BATCH);
        }
        if (0 == read)
        {
            counters.emptyReads++;
        }
        counters.messages += read;
        iterationMessages += read;
        return read;
    }

    /**
     * A queue message carries its number as the {@code Long} itself (8 bytes) or in the first 8 of its bytes.
     */
    private void checkQueued(final int transport, final Object value)
    {
        if (8 == messageLength)
        {
            checkers[transport].check((Long)value);
            return;
        }
        final byte[] bytes = (byte[])value;
        if (bytes.length != messageLength)
        {
            throw new IllegalStateException("wrong answer from " + TRANSPORTS[transport] + ": a message of " +
                bytes.length + " bytes where " + messageLength + " were sent");
        }
        bytesView.wrap(bytes);
        checkers[transport].check(bytesView.getLong(0));
    }

    /**
     * Messages consumed in the iteration (of whichever transport's turn it was), and reads that found nothing.
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
     * A producer JVM for one transport: while it is that transport's turn, writes as fast as the ring takes
     * messages; otherwise sleeps. Until killed.
     */
    public static final class ProducerMain
    {
        public static void main(final String[] args)
        {
            BenchSupport.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final int transport = Integer.parseInt(args[1]);
            final int length = Integer.parseInt(args[2]);
            final LongValue awake = LongValue.open(namespace, "awake");
            final Writer writer = writer(namespace, transport, length);
            System.out.println("READY");
            long seq = 0;
            while (true)
            {
                if (awake.getAcquire() != transport)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    continue;
                }
                for (int i = 0; i < 1024; i++)
                {
                    if (writer.tryWrite(seq))
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

        private static Writer writer(final Namespace namespace, final int transport, final int length)
        {
            final String name = TRANSPORTS[transport];
            switch (transport)
            {
                case ZERO_COPY:
                case ZERO_COPY_1P:
                {
                    final MessageRing ring = MessageRing.open(namespace, name);
                    final UnsafeBuffer records = ring.buffer();
                    return seq ->
                    {
                        final int index = ring.tryClaim(1, length);
                        if (index < 0)
                        {
                            return false;
                        }
                        records.putLong(index, seq);
                        ring.commit(index);
                        return true;
                    };
                }
                case QUEUE:
                case QUEUE_1P:
                case QUEUE_DRAIN:
                {
                    final SharedQueue<Object> queue = SharedQueue.open(namespace, name);
                    final UnsafeBuffer bytes = new UnsafeBuffer(new byte[length]);
                    return seq ->
                    {
                        if (8 == length)
                        {
                            return queue.offer(seq);
                        }
                        bytes.putLong(0, seq);
                        return queue.offer(bytes.byteArray());
                    };
                }
                default:
                {
                    final UnsafeBuffer buffer = new UnsafeBuffer(
                        IoUtil.mapExistingFile(namespace.directory().resolve(name).toFile(), name));
                    final RingBuffer ring = ONE_TO_ONE == transport ?
                        new OneToOneRingBuffer(buffer) : new ManyToOneRingBuffer(buffer);
                    final UnsafeBuffer source = new UnsafeBuffer(new byte[length]);
                    return seq ->
                    {
                        source.putLong(0, seq);
                        return ring.write(1, source, 0, length);
                    };
                }
            }
        }

        /**
         * One transport's write of one message.
         */
        interface Writer
        {
            boolean tryWrite(long seq);
        }
    }
}
