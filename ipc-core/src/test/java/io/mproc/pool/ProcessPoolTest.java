package io.mproc.pool;

import io.mproc.process.ChildProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One pool of two real worker JVMs serves the tests that leave it healthy; the fault tests make their own.
 */
class ProcessPoolTest
{
    private static ProcessPool pool;

    @BeforeAll
    static void startPool()
    {
        pool = ProcessPool.create(2);
    }

    @AfterAll
    static void stopPool() throws InterruptedException
    {
        pool.close();
        assertTrue(pool.isTerminated());
    }

    static List<Integer> range(final int n)
    {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    @Timeout(60)
    void shouldMapInOrderWithAnyChunkSize() throws Exception
    {
        final List<Integer> expected = range(1000).stream().map((x) -> x * 2).collect(Collectors.toList());
        assertEquals(expected, pool.map((Integer x) -> x * 2, range(1000)));
        assertEquals(expected, pool.map((Integer x) -> x * 2, range(1000), 1));
        assertEquals(expected, pool.map((Integer x) -> x * 2, range(1000), 37));
        assertEquals(List.of(), pool.map((Integer x) -> x * 2, List.of()));
        assertEquals(List.of("a!", "b!"), pool.map((String s) -> s + "!", List.of("a", "b")));
    }

    @Test
    @Timeout(60)
    void shouldReturnNullResultsAsPythonReturnsNone() throws Exception
    {
        final List<Integer> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++)
        {
            expected.add(0 == i % 2 ? i : null);
        }
        assertEquals(expected, pool.map((Integer x) -> 0 == x % 2 ? x : null, range(100), 7));
        assertNull(pool.apply((Integer x) -> null, 1));
    }

    @Test
    @Timeout(60)
    void shouldReportProgress() throws Exception
    {
        final AtomicInteger last = new AtomicInteger();
        pool.map((Integer x) -> x + 1, range(100), 10, (done, total) -> last.set(done * 1000 + total));
        assertEquals(100 * 1000 + 100, last.get());
    }

    @Test
    @Timeout(60)
    void shouldImapInOrderAndImapUnorderedCompletely() throws Exception
    {
        final Iterator<Integer> ordered = pool.imap((Integer x) -> x * x, range(50));
        final List<Integer> squares = new ArrayList<>();
        ordered.forEachRemaining(squares::add);
        assertEquals(range(50).stream().map((x) -> x * x).collect(Collectors.toList()), squares);

        final Iterator<Integer> unordered = pool.imapUnordered((Integer x) -> x + 1, range(50), 3);
        final List<Integer> plusOne = new ArrayList<>();
        unordered.forEachRemaining(plusOne::add);
        Collections.sort(plusOne);
        assertEquals(IntStream.rangeClosed(1, 50).boxed().collect(Collectors.toList()), plusOne);
    }

    @Test
    @Timeout(60)
    void shouldStarmapApplyAndSubmit() throws Exception
    {
        assertEquals(List.of(3, 7, 11), pool.starmap((Integer a, Integer b) -> a + b,
            List.of(Map.entry(1, 2), Map.entry(3, 4), Map.entry(5, 6))));
        assertEquals("x=7", pool.apply((Integer x) -> "x=" + x, 7));
        assertEquals(64L, pool.applyAsync((Long x) -> x * x, 8L).get(30, TimeUnit.SECONDS));

        final SerializableCallable<String> callable = () -> ChildProcess.current().name();
        assertTrue(pool.submit(callable).get(30, TimeUnit.SECONDS).startsWith("PoolWorker-"));
        final io.mproc.process.SerializableRunnable runnable = () -> { };
        assertNull(pool.submit((Runnable & java.io.Serializable)() -> { }).get(30, TimeUnit.SECONDS));
        assertEquals("done", pool.submit((Runnable & java.io.Serializable)() -> { }, "done").get(30, TimeUnit.SECONDS));
        assertTrue(null != runnable);
    }

    @Test
    @Timeout(60)
    void shouldInvokeAllAndAny() throws Exception
    {
        final List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            final int n = i;
            tasks.add((SerializableCallable<Integer>)() -> n * 10);
        }
        final List<Future<Integer>> futures = pool.invokeAll(tasks);
        for (int i = 0; i < 10; i++)
        {
            assertEquals(i * 10, futures.get(i).get());
        }
        final Integer any = pool.invokeAny(tasks);
        assertEquals(0, any % 10);
    }

    @Test
    @Timeout(60)
    void shouldFailTheTaskThatThrowsWithTheRemoteStackTraceAndKeepTheWorker() throws Exception
    {
        // A pool of its own: the shared one may be replacing a worker that an earlier test's invokeAny cancelled.
        try (ProcessPool own = ProcessPool.create(2))
        {
            final List<Long> pidsBefore = own.workerPids();
            final RemoteTaskException ex = assertThrows(RemoteTaskException.class, () -> own.map((Integer x) ->
            {
                if (3 == x)
                {
                    throw new IllegalStateException("bad item " + x);
                }
                return x;
            }, range(10), 1));
            assertEquals("java.lang.IllegalStateException", ex.remoteClassName());
            assertEquals("bad item 3", ex.remoteMessage());
            assertTrue(ex.getStackTrace().length > 0);
            assertTrue(ex.getStackTrace()[0].getClassName().startsWith(ProcessPoolTest.class.getName()), ex.getStackTrace()[0].toString());

            final SerializableCallable<Integer> failing = () ->
            {
                throw new java.io.IOException("disk on fire");
            };
            final ExecutionException wrapped = assertThrows(ExecutionException.class, () -> own.submit(failing).get());
            assertInstanceOf(RemoteTaskException.class, wrapped.getCause());
            assertTrue(wrapped.getCause().getMessage().contains("java.io.IOException: disk on fire"));
            assertEquals(pidsBefore, own.workerPids(), "the workers survived");
            assertEquals(List.of(1, 2), own.map((Integer x) -> x + 1, List.of(0, 1)));
        }
    }

    @Test
    void shouldRejectUnsendableTasksAtSubmit() throws Exception
    {
        final Callable<Integer> notSerializable = () -> 1;
        final RejectedExecutionException ex = assertThrows(RejectedExecutionException.class, () -> pool.submit(notSerializable));
        assertTrue(ex.getMessage().contains("not serializable"), ex.getMessage());

        final Object unserializableCapture = new Object();
        final IllegalArgumentException captured = assertThrows(IllegalArgumentException.class,
            () -> pool.map((Integer x) -> x + unserializableCapture.hashCode(), List.of(1)));
        assertTrue(captured.getMessage().contains("java.lang.Object"), captured.getMessage());

        final IllegalArgumentException item = assertThrows(IllegalArgumentException.class,
            () -> pool.map((Object x) -> 1, List.of(new Object())));
        assertTrue(item.getMessage().startsWith("cannot send java.lang.Object on a process pool's tasks"),
            item.getMessage());

        // an item longer than a task ring's largest message is no longer refused: it travels in pieces
        assertEquals(List.of(600_000), pool.map((byte[] b) -> b.length, List.<byte[]>of(new byte[600_000])));
    }

    @Test
    @Timeout(60)
    void shouldCarryUserRecordsWhenAllowed() throws Exception
    {
        try (ProcessPool withRecords = ProcessPool.builder().workers(1).allow(Point.class).create())
        {
            assertEquals(List.of(new Point(2, 4)), withRecords.map((Point p) -> new Point(p.x * 2, p.y * 2),
                List.of(new Point(1, 2))));
        }
        // Records now travel by default (their components are checked instead); other user classes need the list.
        assertEquals(List.of(1), pool.map((Point p) -> p.x, List.of(new Point(1, 2))));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> pool.map((Object p) -> 1, List.of(new Triple())));
        assertTrue(ex.getMessage().contains("allow-list"), ex.getMessage());
    }

    @Test
    @Timeout(60)
    void shouldRejectWorkAfterShutdown() throws Exception
    {
        final ProcessPool short_ = ProcessPool.create(1);
        final CompletableFuture<List<Integer>> pending = short_.mapAsync((Integer x) ->
        {
            final long endNs = System.nanoTime() + 20_000_000L;
            while (System.nanoTime() < endNs)
            {
                Thread.onSpinWait();
            }
            return x;
        }, range(10), 1, null);
        short_.shutdown();
        assertThrows(RejectedExecutionException.class, () -> short_.map((Integer x) -> x, List.of(1)));
        assertEquals(range(10), pending.get(30, TimeUnit.SECONDS), "work submitted before shutdown finishes");
        assertTrue(short_.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    @Timeout(60)
    void shouldThrowAtTheFailedItemOfImapAndGoOn() throws Exception
    {
        final Iterator<Integer> results = pool.imap((Integer x) ->
        {
            if (2 == x)
            {
                throw new IllegalArgumentException("two");
            }
            return x * 10;
        }, range(4));
        assertEquals(0, results.next());
        assertEquals(10, results.next());
        final RemoteTaskException ex = assertThrows(RemoteTaskException.class, results::next);
        assertEquals("two", ex.remoteMessage());
        assertEquals(30, results.next());
        assertTrue(!results.hasNext());
    }

    @Test
    @Timeout(60)
    void shouldRejectANamedFunctionClassNotOnTheAllowListAtSubmit() throws Exception
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> pool.map(new Triple(), List.of(1)));
        assertTrue(ex.getMessage().contains("class=" + Triple.class.getName()), ex.getMessage());

        try (ProcessPool allowing = ProcessPool.builder().workers(1).allow(Triple.class).create())
        {
            assertEquals(List.of(3, 6), allowing.map(new Triple(), List.of(1, 2)));
        }
    }

    /**
     * A function written as a class: it must be on the pool's allow-list to travel.
     */
    public static final class Triple implements SerializableFunction<Integer, Integer>
    {
        private static final long serialVersionUID = 1L;

        public Integer apply(final Integer x)
        {
            return x * 3;
        }
    }

    public record Point(int x, int y) implements java.io.Serializable
    {
    }
}
