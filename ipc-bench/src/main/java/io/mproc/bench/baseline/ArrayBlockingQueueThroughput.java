package io.mproc.bench.baseline;

import org.openjdk.jmh.annotations.AuxCounters;
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

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The in-process baseline of the queue throughput rows: one producer thread and one consumer thread (the benchmark
 * thread) of one JVM on an {@link ArrayBlockingQueue} of {@code Long}s, {@code offer} and {@code poll} one message at a
 * time, as {@code SharedQueue}'s {@code poll} is measured across JVMs in
 * {@link io.mproc.bench.queue.QueueThroughputBenchmark}. The score {@code messages} is messages per second; the
 * consumer checks that it reads 0, 1, 2, ... in order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ArrayBlockingQueueThroughput
{
    static final int CAPACITY = 1 << 14;
    static final int BATCH = 256;

    private ArrayBlockingQueue<Long> queue;
    private Thread producer;
    private volatile boolean running;
    private long next;

    @Setup(Level.Trial)
    public void setUp()
    {
        queue = new ArrayBlockingQueue<>(CAPACITY);
        running = true;
        producer = new Thread(() ->
        {
            long seq = 0;
            while (running)
            {
                if (queue.offer(seq))
                {
                    seq++;
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }, "abq-producer");
        producer.setDaemon(true);
        producer.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        running = false;
        producer.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Benchmark
    public int consume(final Counters counters)
    {
        int read = 0;
        Long value;
        while (read < BATCH && null != (value = queue.poll()))
        {
            if (value != next)
            {
                throw new IllegalStateException("wrong answer from ArrayBlockingQueue: read message " + value +
                    " where message " + next + " was due");
            }
            next++;
            read++;
        }
        counters.messages += read;
        return read;
    }

    /**
     * Messages consumed, reported by JMH as a rate: the score to read.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters
    {
        public long messages;

        @Setup(Level.Iteration)
        public void reset()
        {
            messages = 0;
        }
    }
}
