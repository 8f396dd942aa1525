package io.mproc.cluster;

import io.mproc.ContextOptions;
import io.mproc.pool.Pool;
import io.mproc.pool.RemoteTaskException;
import io.mproc.pool.SerializableFunction;
import io.mproc.sync.SharedBarrier;
import io.mproc.sync.SharedCondition;
import io.mproc.sync.SharedEvent;
import io.mproc.sync.SharedSemaphore;
import io.mproc.test.Await;
import io.mproc.value.SharedDouble;
import io.mproc.value.SharedLong;
import io.mproc.value.SharedLongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every primitive of the cluster context on one embedded server node in this JVM: the behaviour of each, the
 * errors for bad arguments, and that a handle sent through Java serialisation arrives as the same object. The same
 * primitives across separate JVMs, and under node failure, are {@link ClusterProcessesTest} and
 * {@link ClusterFaultTest}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IgniteContextTest
{
    private static IgniteContext context;

    /** A record: it travels on queues and dicts through mproc's codec, never through Ignite's marshaller. */
    record Order(String item, int quantity)
    {
    }

    @BeforeAll
    static void startNode()
    {
        context = IgniteContext.open(ClusterUri.parse(TestClusters.freshUri("single")),
            ContextOptions.builder().workers(2).build());
    }

    @AfterAll
    static void stopNode()
    {
        context.close();
    }

    @Test
    void valuesAndArrays()
    {
        final SharedLong counter = context.longValue("counter", 10);
        assertEquals(11, counter.incrementAndGet());
        assertEquals(11, context.longValue("counter", 99).get(), "the initial value applies only at creation");
        assertTrue(counter.compareAndSet(11, 20));
        assertEquals(20, counter.getAndAdd(5));
        assertEquals(24, counter.decrementAndGet());

        final SharedDouble total = context.doubleValue("total", 1.5);
        assertEquals(4.0, total.addAndGet(2.5));
        assertTrue(total.compareAndSet(4.0, -0.25));
        assertEquals(-0.25, total.get());

        final SharedLongArray array = context.longArray("array", 4);
        assertEquals(4, context.longArray("array", 9).length(), "the length applies only at creation");
        array.set(1, 7);
        array.incrementAndGet(3);
        assertArrayEquals(new long[]{0, 7, 0, 1}, array.toArray());
        final IndexOutOfBoundsException out = assertThrows(IndexOutOfBoundsException.class, () -> array.get(4));
        assertTrue(out.getMessage().contains("index=4, length=4"), out.getMessage());
    }

    @Test
    void lockIsNotReentrantAndOnlyItsHolderReleasesIt() throws Exception
    {
        final Lock lock = context.lock("plain");
        lock.lock();
        final IllegalStateException again = assertThrows(IllegalStateException.class, lock::lock);
        assertTrue(again.getMessage().contains("not reentrant"), again.getMessage());
        assertFalse(CompletableFuture.supplyAsync(lock::tryLock).get(), "held by this thread");
        final ExecutionException notHolder = assertThrows(ExecutionException.class,
            () -> CompletableFuture.runAsync(lock::unlock).get());
        assertInstanceOf(IllegalMonitorStateException.class, notHolder.getCause());
        lock.unlock();
        assertTrue(CompletableFuture.supplyAsync(() ->
        {
            final boolean taken = lock.tryLock();
            lock.unlock();
            return taken;
        }).get());
    }

    @Test
    void rlockIsReentrant() throws Exception
    {
        final Lock rlock = context.rlock("reentrant");
        rlock.lock();
        rlock.lock();
        rlock.unlock();
        assertFalse(CompletableFuture.supplyAsync(rlock::tryLock).get(), "still held once");
        rlock.unlock();
        assertTrue(CompletableFuture.supplyAsync(() ->
        {
            final boolean taken = rlock.tryLock();
            rlock.unlock();
            return taken;
        }).get());
    }

    @Test
    void conditionWakesAWaiter() throws Exception
    {
        final SharedCondition condition = context.condition("ready");
        final SharedLong flag = context.longValue("ready-flag", 0);
        final CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
        {
            condition.lock().lock();
            try
            {
                flag.set(1); // under the lock: the signaller sees it only once this thread waits
                while (flag.get() != 2)
                {
                    if (!condition.await(60, TimeUnit.SECONDS))
                    {
                        return false;
                    }
                }
                return true;
            }
            catch (final InterruptedException ex)
            {
                return false;
            }
            finally
            {
                condition.lock().unlock();
            }
        });
        while (true)
        {
            condition.lock().lock();
            try
            {
                if (flag.get() == 1)
                {
                    flag.set(2);
                    condition.signalAll();
                    break;
                }
            }
            finally
            {
                condition.lock().unlock();
            }
            Thread.onSpinWait();
        }
        assertTrue(waiter.get(60, TimeUnit.SECONDS));
    }

    @Test
    void semaphoreCountsPermits() throws Exception
    {
        final SharedSemaphore semaphore = context.semaphore("slots", 2);
        assertTrue(semaphore.tryAcquire(2));
        assertFalse(semaphore.tryAcquire());
        assertFalse(semaphore.tryAcquire(1, 10, TimeUnit.MILLISECONDS));
        semaphore.release();
        assertEquals(1, semaphore.availablePermits());
        semaphore.acquire();
        semaphore.release(2);
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> semaphore.acquire(0));
        assertTrue(bad.getMessage().contains("permits must be at least 1: 0"), bad.getMessage());
    }

    @Test
    void semaphoreWaitsAreInterruptibleAndTakeNothingAndAnOverflowingReleaseIsRefused() throws Exception
    {
        final SharedSemaphore semaphore = context.semaphore("interrupted", 0);
        final CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                semaphore.acquire(2);
                outcome.complete(null);
            }
            catch (final Throwable ex)
            {
                outcome.complete(ex);
            }
        });
        waiter.start();
        Await.until("the waiter waits", Duration.ofSeconds(60),
            () -> waiter.getState() == Thread.State.TIMED_WAITING || waiter.getState() == Thread.State.WAITING);
        waiter.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(60, TimeUnit.SECONDS));
        semaphore.release();
        assertEquals(1, semaphore.availablePermits(), "the interrupted acquire took nothing");

        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> semaphore.tryAcquire(1, 10, TimeUnit.SECONDS));
        assertEquals(1, semaphore.availablePermits());

        final Lock lock = context.lock("uninterruptible");
        Thread.currentThread().interrupt();
        lock.lock();
        assertTrue(Thread.interrupted(), "lock() keeps an interrupt for after");
        lock.unlock();

        semaphore.release(Integer.MAX_VALUE - 1);
        final IllegalStateException overflow = assertThrows(IllegalStateException.class, semaphore::release);
        assertTrue(overflow.getMessage().contains("overflow") && overflow.getMessage().contains("interrupted"),
            overflow.getMessage());
        assertEquals(Integer.MAX_VALUE, semaphore.availablePermits());
    }

    @Test
    void eventWakesWaitersAndTimesOut() throws Exception
    {
        final SharedEvent event = context.event("go");
        assertFalse(event.isSet());
        assertFalse(event.await(10, TimeUnit.MILLISECONDS));
        final CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return event.await(60, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                return false;
            }
        });
        event.set();
        assertTrue(waiter.get(60, TimeUnit.SECONDS));
        assertTrue(event.isSet());
        event.await();
        event.clear();
        assertFalse(event.isSet());
    }

    @Test
    void barrierReleasesAllPartiesAndBreaksOnTimeout() throws Exception
    {
        final SharedBarrier barrier = context.barrier("meet", 2);
        assertEquals(2, barrier.parties());
        final CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return barrier.await(60, TimeUnit.SECONDS);
            }
            catch (final Exception ex)
            {
                return -1;
            }
        });
        final int mine = barrier.await(60, TimeUnit.SECONDS);
        assertEquals(1, mine + other.get(60, TimeUnit.SECONDS), "one arrived first (1), one last (0)");

        assertThrows(TimeoutException.class, () -> barrier.await(10, TimeUnit.MILLISECONDS));
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, barrier::await);
        barrier.reset();
        assertFalse(barrier.isBroken());

        final CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                barrier.await(60, TimeUnit.SECONDS);
                return null;
            }
            catch (final Exception ex)
            {
                return ex;
            }
        });
        while (barrier.numberWaiting() < 1)
        {
            Thread.onSpinWait();
        }
        barrier.reset();
        assertInstanceOf(BrokenBarrierException.class, waiting.get(60, TimeUnit.SECONDS),
            "a reset breaks the waiting generation");
        assertFalse(barrier.isBroken(), "and starts a fresh one");
    }

    @Test
    void queueCarriesRecordsInOrder() throws Exception
    {
        final BlockingQueue<Object> queue = context.queue("orders");
        queue.put(new Order("apple", 3));
        queue.put(List.of(1, 2, 3));
        queue.put("done");
        assertEquals(3, queue.size());
        assertEquals(new Order("apple", 3), queue.take());
        assertEquals(List.of(1, 2, 3), queue.poll(1, TimeUnit.SECONDS));
        assertEquals("done", queue.poll());
        assertNull(queue.poll(10, TimeUnit.MILLISECONDS));
        assertThrows(NullPointerException.class, () -> queue.put(null));
    }

    @Test
    void dictAndList()
    {
        final Map<Object, Object> dict = context.dict("stock");
        assertNull(dict.put(new Order("pear", 1), 5));
        assertEquals(5, dict.put(new Order("pear", 1), 6));
        dict.put("total", 6L);
        assertEquals(6, dict.get(new Order("pear", 1)));
        assertEquals(Map.of(new Order("pear", 1), 6, "total", 6L), Map.copyOf(dict));
        assertEquals(6L, dict.remove("total"));
        assertEquals(1, dict.size());

        final List<Object> list = context.list("log");
        list.add("a");
        list.add(new Order("fig", 2));
        list.add(0, "first");
        assertEquals(List.of("first", "a", new Order("fig", 2)), new ArrayList<>(list));
        assertEquals("a", list.remove(1));
        assertEquals(2, list.size());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(5));
    }

    private static final AtomicInteger INITIALIZED = new AtomicInteger();
    private static final AtomicInteger INITIALIZER_CALLS = new AtomicInteger();

    /** A pool initializer: runs on the server node (this JVM), so the test sees what it did. */
    static void initialize()
    {
        INITIALIZED.incrementAndGet();
    }

    /** A pool initializer that fails the first time it runs. */
    static void initializeButFailTheFirstTime()
    {
        if (0 == INITIALIZER_CALLS.getAndIncrement())
        {
            throw new IllegalStateException("initializer failed once");
        }
        INITIALIZED.incrementAndGet();
    }

    static int initializedCount(final int ignored)
    {
        return INITIALIZED.get();
    }

    /** Before: a cluster pool ignored its initializer (with a warning), so every task saw 0. */
    @Test
    void poolInitializerRunsOncePerNodeAndPoolBeforeTheNodesFirstTask() throws Exception
    {
        final int before = INITIALIZED.get();
        final List<Integer> twenty = new ArrayList<>(Collections.nCopies(20, 0));
        try (Pool first = new ClusterPool(context.ignite(), 2, "init-1", IgniteContextTest::initialize))
        {
            assertEquals(Collections.nCopies(20, before + 1), first.map(IgniteContextTest::initializedCount, twenty, 1),
                "every task, the first included, ran after the initializer, which ran once on the node");
        }
        try (Pool second = new ClusterPool(context.ignite(), 2, "init-2", IgniteContextTest::initialize))
        {
            assertEquals(Collections.nCopies(20, before + 2),
                second.map(IgniteContextTest::initializedCount, twenty, 1), "a second pool's initializer runs too, once");
        }
        try (Pool failing = new ClusterPool(context.ignite(), 1, "init-3",
            IgniteContextTest::initializeButFailTheFirstTime))
        {
            final RemoteTaskException thrown = assertThrows(RemoteTaskException.class,
                () -> failing.map(IgniteContextTest::initializedCount, List.of(0), 1));
            assertEquals("initializer failed once", thrown.remoteMessage(), "the task says why");
            assertEquals(List.of(before + 3), failing.map(IgniteContextTest::initializedCount, List.of(0), 1),
                "the next task runs the initializer again, and it succeeds");
        }
    }

    @Test
    void poolRunsPythonsVerbs() throws Exception
    {
        try (Pool pool = context.pool())
        {
            assertEquals(2, pool.workerCount());
            assertEquals(List.of(0, 2, 4, 6, 8), pool.map((Integer x) -> x * 2, List.of(0, 1, 2, 3, 4)));
            assertEquals(List.of(1, 4), pool.map((Integer x) -> x * x, List.of(1, 2), 1));
            assertEquals(List.of(3, 7), pool.starmap((Integer a, Integer b) -> a + b, List.of(Map.entry(1, 2),
                Map.entry(3, 4))));
            assertEquals(new Order("kiwi", 2), pool.apply((String item) -> new Order(item, 2), "kiwi"));
            assertEquals(List.of(10, 20), pool.mapAsync((Integer x) -> x * 10, List.of(1, 2)).get());
            final Iterator<Integer> ordered = pool.imap((Integer x) -> x + 1, List.of(1, 2, 3));
            final List<Integer> seen = new ArrayList<>();
            ordered.forEachRemaining(seen::add);
            assertEquals(List.of(2, 3, 4), seen);
            final List<Integer> unordered = new ArrayList<>();
            pool.imapUnordered((Integer x) -> x, List.of(5, 6, 7)).forEachRemaining(unordered::add);
            unordered.sort(null);
            assertEquals(List.of(5, 6, 7), unordered);
            final Future<String> submitted = pool.submit((java.util.concurrent.Callable<String> & java.io.Serializable)
                () -> "called");
            assertEquals("called", submitted.get());
        }
    }

    @Test
    void poolReportsTheTasksException() throws Exception
    {
        try (Pool pool = context.pool(1))
        {
            final SerializableFunction<Integer, Integer> fails = (x) ->
            {
                if (x == 2)
                {
                    throw new IllegalStateException("bad item " + x);
                }
                return x;
            };
            final RemoteTaskException thrown = assertThrows(RemoteTaskException.class,
                () -> pool.map(fails, List.of(1, 2, 3), 1));
            assertEquals("java.lang.IllegalStateException", thrown.remoteClassName());
            assertEquals("bad item 2", thrown.remoteMessage());
            final IllegalArgumentException notSerializable = assertThrows(IllegalArgumentException.class,
                () -> pool.submit(() -> "a plain lambda is not serializable"));
            assertTrue(notSerializable.getMessage().contains("not serializable"), notSerializable.getMessage());
        }
    }

    @Test
    void handlesTravelByNameAndArriveWorking() throws Exception
    {
        final SharedLong counter = context.longValue("sent", 1);
        final SharedLong received = roundTrip(counter);
        assertEquals(2, received.incrementAndGet());
        assertEquals(2, counter.get());
        final BlockingQueue<String> queue = context.queue("sent-queue");
        queue.put("hello");
        assertEquals("hello", roundTrip(queue).take());
        final Lock lock = roundTrip(context.lock("sent-lock"));
        assertTrue(lock.tryLock());
        assertFalse(context.lock("sent-lock").tryLock());
        lock.unlock();
        assertEquals(3, roundTrip(context.semaphore("sent-semaphore", 3)).availablePermits());

        final BlockingQueue<Object> handles = context.queue("handles");
        handles.put(counter);
        assertEquals(3, ((SharedLong)handles.take()).incrementAndGet(), "a handle on a queue arrives working");

        try (Pool pool = context.pool(1))
        {
            assertEquals(4L, pool.apply((SharedLong value) -> value.incrementAndGet(), counter),
                "a handle passed to a pool task arrives working");
        }
    }

    @Test
    void badNamesAndUrisAreRefusedWithTheReason()
    {
        final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
            () -> context.longValue("", 0));
        assertTrue(empty.getMessage().contains("needs a non-empty name"), empty.getMessage());
        final IllegalArgumentException parties = assertThrows(IllegalArgumentException.class,
            () -> context.barrier("b", 0));
        assertTrue(parties.getMessage().contains("parties must be at least 1: 0"), parties.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(final T handle) throws IOException, ClassNotFoundException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            return (T)in.readObject();
        }
    }
}
