package io.mproc.queue;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer table (one entry per producer thread, shared by every process; see {@link QueueDescriptor}) must not
 * fill up with the entries of threads that have ended, as it does under thread pools that recycle their threads.
 */
class ProducerTableTest extends MultiProcessTest
{
    private static final int THREADS = 200;

    @Test
    @Timeout(60)
    void shouldReuseEntriesOfEndedThreadsOfOneHandle() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "recycled");
        putFromThreadsOneAfterAnother(queue, 0, THREADS);
        assertEquals(expected(0, THREADS), takeAll(queue, THREADS));
        assertTrue(queue.isEmpty());
    }

    @Test
    @Timeout(120)
    void shouldLeaveTableRoomForOtherProcessesOnceThreadsEnded() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "shared-table");
        child = ChildJvm.start(ThreadsOneAfterAnotherMain.class, namespace.directory().toString(), "shared-table",
            Integer.toString(THREADS), Integer.toString(THREADS));
        child.awaitLine("PUT " + THREADS, Duration.ofSeconds(60)); // its handle stays open, its threads have ended

        putFromThreadsOneAfterAnother(queue, 0, THREADS);
        assertEquals(expected(0, 2 * THREADS), takeAll(queue, 2 * THREADS));
    }

    @Test
    @Timeout(60)
    void shouldRefuseOneThreadTooManyLeavingNothingClaimedAndTakeItOnceAThreadEnded() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "full-table");
        final int entries = QueueDescriptor.DEFAULT_PRODUCER_ENTRIES;
        final CountDownLatch allPut = new CountDownLatch(entries);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < entries; i++)
        {
            final long value = i;
            final Thread holder = new Thread(() ->
            {
                try
                {
                    queue.put(value);
                    allPut.countDown();
                    release.await(); // alive, so its entry is in use
                }
                catch (final InterruptedException ignore)
                {
                    // test over
                }
            }, "holder-" + i);
            holder.start();
            holders.add(holder);
        }
        allPut.await();

        final AtomicReference<Throwable> refused = new AtomicReference<>();
        final Thread oneTooMany = new Thread(() ->
        {
            try
            {
                queue.put(-1L);
            }
            catch (final Throwable ex)
            {
                refused.set(ex);
            }
        });
        oneTooMany.start();
        oneTooMany.join();
        assertInstanceOf(IllegalStateException.class, refused.get());
        assertTrue(refused.get().getMessage().contains("all " + entries + " producer table entries"),
            refused.get().getMessage());
        assertEquals(entries, queue.size(), "the refused put left nothing queued");

        release.countDown();
        for (final Thread holder : holders)
        {
            holder.join();
        }
        putFromThreadsOneAfterAnother(queue, entries, 1); // an ended holder's entry is reused
        assertEquals(expected(0, entries + 1), takeAll(queue, entries + 1));
        assertTrue(queue.isEmpty(), "nothing claimed behind the messages");
    }

    private static void putFromThreadsOneAfterAnother(final SharedQueue<Object> queue, final int first, final int count)
        throws InterruptedException
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = first; i < first + count; i++)
        {
            final long value = i;
            final Thread producer = new Thread(() ->
            {
                try
                {
                    queue.put(value);
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "producer-" + i);
            producer.start();
            producer.join();
            assertNull(failure.get(), () -> "put from thread " + value + " failed: " + failure.get());
        }
    }

    private static Set<Long> takeAll(final SharedQueue<Object> queue, final int count) throws InterruptedException
    {
        final Set<Long> taken = new HashSet<>();
        for (int i = 0; i < count; i++)
        {
            taken.add((Long)queue.poll(30, TimeUnit.SECONDS));
        }
        return taken;
    }

    private static Set<Long> expected(final int first, final int count)
    {
        final Set<Long> values = new HashSet<>();
        for (long i = first; i < first + count; i++)
        {
            values.add(i);
        }
        return values;
    }

    /**
     * Child: puts from {@code args[3]} threads in turn, each one message, starting at value {@code args[2]}; then
     * prints PUT and keeps its handle open.
     */
    public static final class ThreadsOneAfterAnotherMain
    {
        public static void main(final String[] args) throws Exception
        {
            ChildJvm.exitWhenParentDies();
            final SharedQueue<Object> queue = SharedQueue.open(Namespace.open(Paths.get(args[0])), args[1]);
            final int first = Integer.parseInt(args[2]);
            final int count = Integer.parseInt(args[3]);
            putFromThreadsOneAfterAnother(queue, first, count);
            System.out.println("PUT " + count);
            ChildJvm.blockUntilKilled();
        }
    }
}
