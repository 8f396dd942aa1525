package io.mproc.queue;

import io.mproc.internal.ProcessIdentity;
import io.mproc.memory.Namespace;
import io.mproc.sync.WaitStrategies;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rings and queues created for {@link Producers#ONE}: claims without a compare-and-set under a robust lease on the
 * producer role, across processes.
 */
class SingleProducerTest extends MultiProcessTest
{
    @Test
    @Timeout(30)
    void shouldCarryMessagesOfEveryLengthAcrossTheWrapInOrder()
    {
        final MessageRing ring = MessageRing.create(namespace, "one", 4096, WaitStrategies.processDefault(),
            Producers.ONE);
        assertEquals(Producers.ONE, ring.producers());
        final long[] expected = {0};
        final long[] next = {0};
        for (int round = 0; round < 20_000; round++)
        {
            final int length = 8 + (round * 37) % (ring.maxMessageLength() - 8);
            final int index = ring.tryClaim(1 + round % 7, length);
            if (index < 0)
            {
                ring.read((type, buffer, at, size) -> assertEquals(expected[0]++, buffer.getLong(at)), 1000);
                round--;
                continue;
            }
            ring.buffer().putLong(index, next[0]++);
            ring.commit(index);
        }
        while (ring.read((type, buffer, at, size) -> assertEquals(expected[0]++, buffer.getLong(at)), 1000) > 0)
        {
            // drain
        }
        assertEquals(20_000, expected[0]);
        assertTrue(ring.isEmpty());
    }

    @Test
    @Timeout(60)
    void shouldRefuseASecondProducerThreadOrProcessAndNameTheHolder() throws Exception
    {
        final MessageRing ring = MessageRing.create(namespace, "one", 4096, WaitStrategies.processDefault(),
            Producers.ONE);
        ring.commit(ring.tryClaim(1, 8)); // this thread holds the producer role now

        final IllegalStateException otherThread = assertThrows(IllegalStateException.class, () ->
        {
            try
            {
                CompletableFuture.runAsync(() -> ring.tryClaim(1, 8)).get(10, TimeUnit.SECONDS);
            }
            catch (final java.util.concurrent.ExecutionException ex)
            {
                throw ex.getCause();
            }
        });
        assertTrue(otherThread.getMessage().contains("already has a producer: pid=" + ProcessIdentity.currentPid()),
            otherThread.getMessage());

        child = ChildJvm.start(TryToProduceMain.class, namespace.directory().toString(), "one");
        child.assertSuccess(Duration.ofSeconds(30));
        assertTrue(child.stdout().contains("REFUSED pid=" + ProcessIdentity.currentPid()), child.stdout().toString());

        ring.close(); // gives the role back: another handle of this process may take it
        try (MessageRing again = MessageRing.open(namespace, "one"))
        {
            again.commit(again.tryClaim(1, 8));
            assertEquals(2, again.read((type, buffer, at, size) -> { }, 10));
        }
    }

    @Test
    @Timeout(60)
    void shouldHandTheRoleOfAKilledProducerToTheNextAndSkipItsOpenClaim() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "one").producers(Producers.ONE).create();
        assertEquals(Producers.ONE, queue.producers());
        child = ChildJvm.start(ProduceThenHangInClaimMain.class, namespace.directory().toString(), "one");
        child.awaitLine("CLAIMED", Duration.ofSeconds(30));
        assertTrue(child.stdout().contains("SECOND HANDLE REFUSED"), child.stdout().toString());
        assertThrows(IllegalStateException.class, () -> queue.offer("too early"), "the live child holds the role");
        child.kill();

        queue.put("after"); // the role of the dead producer is taken over
        assertEquals("before", queue.poll(10, TimeUnit.SECONDS));
        assertEquals("after", queue.poll(10, TimeUnit.SECONDS), "the dead producer's open claim is skipped");
        assertTrue(queue.isEmpty());
    }

    @Test
    @Timeout(30)
    void shouldWaitForTheLiveHoldersOpenClaimAndSkipTheOneOfAnEndedThread() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "one").producers(Producers.ONE).create();
        final MessageRing ring = MessageRing.open(namespace, "one");

        // A claim of the live holder (this thread) is waited for, however long it stays open.
        final int open = ring.tryClaim(ObjectCodec.LONG, 8);
        assertEquals(null, queue.poll(50, TimeUnit.MILLISECONDS), "nothing committed yet, and nothing skipped");
        ring.buffer().putLong(open, 7L);
        ring.commit(open);
        assertEquals(7L, queue.poll(10, TimeUnit.SECONDS));

        // A thread that took the role through another handle, claimed and ended without committing: the next thread
        // of that handle takes the role over, and its open claim is skipped.
        final MessageRing other = MessageRing.open(namespace, "one");
        ring.close(); // the role is free again
        final Thread ended = new Thread(() -> other.tryClaim(ObjectCodec.LONG, 8));
        ended.start();
        ended.join();
        final int next = other.tryClaim(ObjectCodec.LONG, 8);
        other.buffer().putLong(next, 8L);
        other.commit(next);
        assertEquals(8L, queue.poll(10, TimeUnit.SECONDS), "the ended thread's claim is skipped");
        assertTrue(queue.isEmpty());
        other.close();
    }

    @Test
    @Timeout(60)
    void shouldCarryALongStreamFromAProducerJvmInOrder() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "stream").capacity(64 * 1024)
            .producers(Producers.ONE).create();
        child = ChildJvm.start(StreamMain.class, namespace.directory().toString(), "stream", "200000");
        final List<Object> batch = new ArrayList<>();
        long expected = 0;
        while (expected < 200_000)
        {
            batch.clear();
            if (0 == queue.drainTo(batch, 1000))
            {
                batch.add(queue.poll(10, TimeUnit.SECONDS));
            }
            for (final Object value : batch)
            {
                assertEquals(expected++, value);
            }
        }
        child.assertSuccess(Duration.ofSeconds(30));
        assertTrue(queue.isEmpty());
    }

    @Test
    @Timeout(180)
    void shouldLoseNothingCommittedWhileProducersAreKilledAtRandomAndReplaced() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "relay").capacity(64 * 1024)
            .producers(Producers.ONE).create();
        final int producers = 5;
        final long lastCount = 100_000;
        final long[] received = new long[producers];
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicBoolean done = new AtomicBoolean();
        final Thread consumer = new Thread(() ->
        {
            try
            {
                int current = 0;
                while (!done.get() || !queue.isEmpty())
                {
                    final Object value = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (null == value)
                    {
                        continue;
                    }
                    final long word = (Long)value;
                    final int producer = (int)(word >>> 40);
                    final long seq = word & ((1L << 40) - 1);
                    if (producer < current || seq != received[producer])
                    {
                        failure.compareAndSet(null, "producer " + producer + " seq " + seq + ", expected seq " +
                            received[producer] + " after producer " + current);
                    }
                    current = producer;
                    received[producer] = seq + 1;
                }
            }
            catch (final InterruptedException ex)
            {
                failure.compareAndSet(null, "interrupted");
            }
        });
        consumer.start();
        try
        {
            for (int k = 0; k < producers; k++)
            {
                final boolean last = k == producers - 1;
                child = ChildJvm.start(StreamFromMain.class, namespace.directory().toString(), "relay",
                    Integer.toString(k), Long.toString(last ? lastCount : Long.MAX_VALUE));
                child.awaitLine("PRODUCING", Duration.ofSeconds(30));
                if (last)
                {
                    child.assertSuccess(Duration.ofSeconds(60));
                }
                else
                {
                    // Once it has streamed a random number of messages: anywhere in a claim, between claim and
                    // commit, or between puts.
                    final long killAt = queue.core.messagesTaken() + 1 + random.nextInt(20_000);
                    while (queue.core.messagesTaken() < killAt)
                    {
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                    }
                    child.kill();
                }
                child.close();
                child = null;
            }
        }
        finally
        {
            done.set(true);
            consumer.join(60_000);
        }
        assertEquals(null, failure.get(), "seed " + seed);
        assertEquals(lastCount, received[producers - 1], "every message of the producer that finished, seed " + seed);
        for (int k = 0; k < producers - 1; k++)
        {
            assertTrue(received[k] > 0, "producer " + k + " got some messages through, seed " + seed);
        }
    }

    /**
     * Child: tries to produce into a single-producer ring that the parent holds, and prints the refusal.
     */
    public static final class TryToProduceMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            try (MessageRing ring = MessageRing.open(Namespace.open(Paths.get(args[0])), args[1]))
            {
                ring.tryClaim(1, 8);
                System.out.println("NOT REFUSED");
            }
            catch (final IllegalStateException ex)
            {
                final String message = ex.getMessage();
                System.out.println("REFUSED " + message.substring(message.indexOf("pid="), message.indexOf(',')));
            }
        }
    }

    /**
     * Child: puts "before", then claims space for another message and hangs before committing it.
     */
    public static final class ProduceThenHangInClaimMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final SharedQueue<Object> queue = SharedQueue.open(namespace, args[1]);
            queue.put("before"); // this thread takes the producer role through this handle
            try (MessageRing second = MessageRing.open(namespace, args[1]))
            {
                second.tryClaim(ObjectCodec.STRING, 5);
                System.out.println("SECOND HANDLE NOT REFUSED");
            }
            catch (final IllegalStateException expected)
            {
                System.out.println("SECOND HANDLE REFUSED"); // the role is this thread's, through the first handle
            }
            queue.core.tryClaim(ObjectCodec.STRING, 5);
            System.out.println("CLAIMED");
            ChildJvm.blockUntilKilled();
        }
    }

    /**
     * Child: producer k puts (k << 40 | seq) for seq from 0 to n - 1, as fast as the queue takes them.
     */
    public static final class StreamFromMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final SharedQueue<Object> queue = SharedQueue.open(Namespace.open(Paths.get(args[0])), args[1]);
            final long producer = Long.parseLong(args[2]);
            final long count = Long.parseLong(args[3]);
            queue.put(producer << 40); // takes the producer role over from the dead one before saying so
            System.out.println("PRODUCING");
            for (long seq = 1; seq < count; seq++)
            {
                queue.put(producer << 40 | seq);
            }
        }
    }

    /**
     * Child: puts 0 .. n-1 as fast as the queue takes them.
     */
    public static final class StreamMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final SharedQueue<Object> queue = SharedQueue.open(Namespace.open(Paths.get(args[0])), args[1]);
            final long count = Long.parseLong(args[2]);
            for (long i = 0; i < count; i++)
            {
                queue.put(i);
            }
        }
    }
}
