package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.sync.Event;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a task of a map fails: by default the map waits for the other tasks to settle and then reports the first
 * failure (Python's {@code Pool.map}); with fail-fast it reports it at once and drops the rest. Across two real worker
 * JVMs; the other tasks wait on a shared event that the test sets.
 */
class ProcessPoolMapFailureTest
{
    private static ProcessPool pool;
    private Namespace namespace;

    @BeforeAll
    static void startPool()
    {
        pool = ProcessPool.create(2);
    }

    @AfterAll
    static void stopPool()
    {
        pool.close();
        assertTrue(pool.isTerminated());
    }

    @BeforeEach
    void createNamespace()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void deleteNamespace()
    {
        namespace.close();
    }

    /**
     * Waits until no more than {@code chunks} of the pool's chunks are queued or held (the failed one came back).
     */
    static void awaitUnfinishedChunksAtMost(final int chunks)
    {
        while (pool.unfinishedChunks() > chunks)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * In a worker: waits for the test's event.
     */
    static void awaitEvent(final Event event)
    {
        try
        {
            event.await();
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    @Timeout(60)
    void shouldReportTheFirstFailureOnlyOnceEveryOtherTaskSettledByDefault() throws Exception
    {
        final Event release = Event.create(namespace, "release");
        final LongValue finished = LongValue.create(namespace, "finished", 0);
        final CompletableFuture<List<Integer>> future = pool.mapAsync((Integer x) ->
        {
            if (0 == x)
            {
                throw new IllegalStateException("first");
            }
            awaitEvent(release);
            finished.incrementAndGet();
            return x;
        }, ProcessPoolTest.range(6), 1, null);

        awaitUnfinishedChunksAtMost(5);
        release.set();
        final ExecutionException ex = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(RemoteTaskException.class, ex.getCause());
        assertEquals("first", ((RemoteTaskException)ex.getCause()).remoteMessage());
        assertEquals(5, finished.get(), "every other task ran to its end before the map failed");
        assertEquals(0, pool.unfinishedChunks());
    }

    @Test
    @Timeout(60)
    void shouldThrowTheFirstFailureOfABlockingMapAfterTheOthers() throws Exception
    {
        final LongValue finished = LongValue.create(namespace, "finished", 0);
        final RemoteTaskException ex = assertThrows(RemoteTaskException.class, () -> pool.map((Integer x) ->
        {
            if (x < 2)
            {
                throw new IllegalArgumentException("bad " + x);
            }
            finished.incrementAndGet();
            return x;
        }, ProcessPoolTest.range(40), 1));
        assertTrue(ex.remoteMessage().startsWith("bad "), ex.remoteMessage());
        assertEquals(38, finished.get(), "the other tasks all ran");
        assertEquals(0, pool.unfinishedChunks());
        assertEquals(List.of(1, 2), pool.map((Integer x) -> x + 1, List.of(0, 1)), "the pool works on");
    }

    @Test
    @Timeout(60)
    void shouldFailAtOnceAndDropTheRestWhenFailFast() throws Exception
    {
        final Event release = Event.create(namespace, "release");
        final LongValue started = LongValue.create(namespace, "started", 0);
        final MapOptions failFast = MapOptions.defaults().chunksize(1).failFast(true);
        // the other tasks wait for the test, which lets them go only once the map has failed: a map that waited
        // for them would never return
        final RemoteTaskException ex = assertThrows(RemoteTaskException.class, () -> pool.map((Integer x) ->
        {
            if (0 == x)
            {
                throw new IllegalStateException("first");
            }
            started.incrementAndGet();
            awaitEvent(release);
            return x;
        }, ProcessPoolTest.range(100), failFast));
        assertEquals("first", ex.remoteMessage());
        release.set();

        awaitUnfinishedChunksAtMost(0);
        assertTrue(started.get() < 99, "the tasks not yet sent were dropped: started=" + started.get());
        assertEquals(List.of(1, 2), pool.map((Integer x) -> x + 1, List.of(0, 1), failFast), "the pool works on");
        assertEquals(List.of(1, 2), pool.mapAsync((Integer x) -> x + 1, List.of(0, 1), failFast).get());
    }

    @Test
    void shouldRefuseANegativeChunkSizeNamingIt()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> MapOptions.defaults().chunksize(-3));
        assertTrue(ex.getMessage().contains("chunksize=-3"), ex.getMessage());
        assertEquals(0, MapOptions.defaults().chunksize());
        assertTrue(!MapOptions.defaults().failFast(), "Python's way is the default");
    }
}
