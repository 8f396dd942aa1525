package io.mproc.queue;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.IntArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 4 producer JVMs and 4 consumer JVMs share one queue. Messages are self-checking: {@code producer << 32 | seq}.
 * Consumers tick each message in a shared array and check that each producer's messages reach them in order; the
 * test then checks every message was delivered exactly once. The second run SIGKILLs a producer and a consumer at
 * random moments.
 */
class ManyToManyQueueTest extends MultiProcessTest
{
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;
    private static final int TOTAL_MESSAGES = 1_000_000;
    private static final int PER_PRODUCER = TOTAL_MESSAGES / PRODUCERS;

    @Test
    @Timeout(180)
    void shouldDeliverEveryMessageExactlyOnceInProducerOrder() throws InterruptedException
    {
        final IntArray ticks = run(false);
        for (int i = 0; i < TOTAL_MESSAGES; i++)
        {
            if (1 != ticks.getVolatile(i))
            {
                throw new AssertionError("message " + describe(i) + " delivered " + ticks.getVolatile(i) + " times");
            }
        }
    }

    @Test
    @Timeout(180)
    void shouldLoseNothingCommittedWhenAProducerAndAConsumerAreKilled() throws InterruptedException
    {
        final IntArray ticks = run(true);
        int anomalies = 0;
        for (int producer = 0; producer < PRODUCERS; producer++)
        {
            // Up to the last message delivered of each producer, every message is delivered exactly once: a killed
            // producer just stops. The one exception allowed is the message the killed consumer had taken.
            int highest = -1;
            for (int seq = 0; seq < PER_PRODUCER; seq++)
            {
                final int count = ticks.getVolatile(producer * PER_PRODUCER + seq);
                if (count > 1)
                {
                    throw new AssertionError("duplicate delivery of " + describe(producer * PER_PRODUCER + seq));
                }
                if (1 == count)
                {
                    highest = seq;
                }
            }
            for (int seq = 0; seq < highest; seq++)
            {
                if (0 == ticks.getVolatile(producer * PER_PRODUCER + seq))
                {
                    anomalies++;
                }
            }
        }
        assertTrue(anomalies <= 1, "at most the one message in the killed consumer's hands is missing: " + anomalies);
    }

    private IntArray run(final boolean kill) throws InterruptedException
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "q").capacity(64 * 1024).create();
        final IntArray ticks = IntArray.create(namespace, "ticks", TOTAL_MESSAGES);
        final String directory = namespace.directory().toString();
        final List<ChildJvm> producers = new ArrayList<>();
        final List<ChildJvm> consumers = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++)
        {
            consumers.add(start(ConsumerMain.class, directory, Integer.toString(i)));
        }
        for (int i = 0; i < PRODUCERS; i++)
        {
            producers.add(start(ProducerMain.class, directory, Integer.toString(i)));
        }
        for (final ChildJvm child : children)
        {
            child.awaitLine("READY", Duration.ofSeconds(60));
        }
        queue.put("GO"); // harmless: consumers skip strings. Everyone is mapped; the test starts now.

        if (kill)
        {
            // Killed mid-stream at random points: once consumers have taken a random share of the messages.
            final ThreadLocalRandom random = ThreadLocalRandom.current();
            awaitTaken(queue, random.nextInt(TOTAL_MESSAGES / 20, TOTAL_MESSAGES / 4));
            producers.get(random.nextInt(PRODUCERS)).kill();
            awaitTaken(queue, queue.core.messagesTaken() + random.nextInt(1, TOTAL_MESSAGES / 10));
            consumers.get(random.nextInt(CONSUMERS)).kill();
        }
        for (final ChildJvm producer : producers)
        {
            final int exit = producer.waitFor(Duration.ofSeconds(120));
            assertTrue(0 == exit || kill, "producer failed: " + producer.stderr());
        }
        queue.shutdown(); // consumers drain what is left, then stop
        for (final ChildJvm consumer : consumers)
        {
            final int exit = consumer.waitFor(Duration.ofSeconds(120));
            assertTrue(0 == exit || kill && 137 == exit, "consumer failed with " + exit + ": " + consumer.stderr() +
                consumer.stdout());
        }
        assertEquals(0, queue.size());
        return ticks;
    }

    private ChildJvm start(final Class<?> main, final String... args)
    {
        final ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), main, args);
        children.add(child);
        return child;
    }

    private static String describe(final int message)
    {
        return "producer " + message / PER_PRODUCER + " seq " + message % PER_PRODUCER;
    }

    private static void awaitTaken(final SharedQueue<Object> queue, final long taken)
    {
        while (queue.core.messagesTaken() < taken)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000); // leave the two cores to the children
        }
    }

    /**
     * Child: puts its share of self-checking messages.
     */
    public static final class ProducerMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final SharedQueue<Object> queue = SharedQueue.open(namespace, "q");
            final long producer = Long.parseLong(args[1]);
            System.out.println("READY");
            for (long seq = 0; seq < PER_PRODUCER; seq++)
            {
                queue.put(producer << 32 | seq);
            }
        }
    }

    /**
     * Child: takes messages until the queue is shut down, ticking each and checking per-producer order.
     */
    public static final class ConsumerMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final SharedQueue<Object> queue = SharedQueue.open(namespace, "q");
            final IntArray ticks = IntArray.open(namespace, "ticks");
            final long[] lastSeq = new long[PRODUCERS];
            java.util.Arrays.fill(lastSeq, -1);
            System.out.println("READY");
            try
            {
                while (true)
                {
                    final Object value = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (!(value instanceof Long))
                    {
                        continue;
                    }
                    final long message = (Long)value;
                    final int producer = (int)(message >>> 32);
                    final int seq = (int)message;
                    if (seq <= lastSeq[producer])
                    {
                        System.out.println("ORDER VIOLATION producer " + producer + " seq " + seq + " after " +
                            lastSeq[producer]);
                        System.exit(3);
                    }
                    lastSeq[producer] = seq;
                    ticks.getAndAdd(producer * PER_PRODUCER + seq, 1);
                }
            }
            catch (final QueueClosedException done)
            {
                System.out.println("DONE");
            }
        }
    }
}
