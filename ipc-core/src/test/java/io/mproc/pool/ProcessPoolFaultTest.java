package io.mproc.pool;

import io.mproc.process.ChildProcess;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Worker deaths, retries, recycling and shutdown, each with its own pool of real worker JVMs.
 */
class ProcessPoolFaultTest extends PoolTestFixture
{
    static Integer spin(final Integer x, final long millis)
    {
        final long endNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < endNs)
        {
            Thread.onSpinWait();
        }
        return x;
    }

    @Test
    @Timeout(90)
    void shouldRetryTheChunksOfAKilledWorkerAndFinishTheMap() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final List<Integer> items = ProcessPoolTest.range(40);
        final CountDownLatch firstDone = new CountDownLatch(1);
        final CompletableFuture<List<Integer>> result =
            pool.mapAsync((Integer x) -> spin(x, 25), items, 1, (done, total) -> firstDone.countDown());
        final List<Long> before = pool.workerPids();
        assertTrue(firstDone.await(60, TimeUnit.SECONDS), "the workers are running the map");
        assertFalse(result.isDone(), "the map is still running");
        ProcessHandle.of(before.get(0)).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL, holding chunks

        assertEquals(items, result.get(60, TimeUnit.SECONDS));
        final List<Long> after = pool.workerPids();
        assertNotEquals(before.get(0), after.get(0), "the dead worker was replaced");
        assertEquals(List.of(2, 3), pool.map((Integer x) -> x + 1, List.of(1, 2)), "the next map works");
    }

    @Test
    @Timeout(90)
    void shouldFailTheTaskThatKillsItsWorkerOnceRetriesAreSpent() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2).maxRetries(1));
        final SerializableCallable<Integer> exits = () ->
        {
            System.exit(3);
            return 0;
        };
        final ExecutionException ex = assertThrows(ExecutionException.class,
            () -> pool.submit(exits).get(60, TimeUnit.SECONDS));
        final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, ex.getCause());
        assertEquals(3, died.exitCode());
        assertTrue(died.workerName().startsWith("PoolWorker-"), died.getMessage());
        assertTrue(died.getMessage().contains("exitCode=3"), died.getMessage());
        assertTrue(died.getMessage().contains("attempts=2"), died.getMessage());

        final List<Integer> items = ProcessPoolTest.range(20);
        assertEquals(items, pool.map((Integer x) -> x, items, 1), "the pool works on with replaced workers");
    }

    @Test
    @Timeout(90)
    void shouldRunTheInitializerOncePerWorker() throws Exception
    {
        final LongValue started = LongValue.create(namespace, "started", 0);
        final ProcessPool pool = pool(ProcessPool.builder().workers(2).initializer(() -> started.incrementAndGet()));
        assertEquals(ProcessPoolTest.range(10), pool.map((Integer x) -> x, ProcessPoolTest.range(10), 1));
        // Both workers were handed chunks of the map at once, and each ran the initializer before its first one.
        assertEquals(2, started.get());
    }

    /**
     * An initializer that throws in every worker started after the first ones (the database went away): workers are
     * restarted with a back-off, and after a few failures in a row the pool fails its tasks, and refuses new ones,
     * with the initializer's error instead of restarting workers for ever. (An initializer that fails in the first
     * workers already makes create() throw: ProcessPoolLifecycleTest.)
     */
    @Test
    @Timeout(90)
    void shouldFailTasksWithTheInitializersErrorWhenItFailsEveryTime() throws Exception
    {
        final LongValue starts = LongValue.create(namespace, "starts", 0);
        final ProcessPool pool = pool(ProcessPool.builder().workers(2).initializer(() ->
        {
            if (starts.incrementAndGet() > 2)
            {
                throw new IllegalStateException("no database");
            }
        }));
        ProcessPoolLifecycleTest.awaitAtLeast(starts, 2); // both first workers are up
        for (final long pid : pool.workerPids())
        {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        final CompletableFuture<Integer> task = pool.submit(() -> 1);

        final ExecutionException ex = assertThrows(ExecutionException.class, () -> task.get(60, TimeUnit.SECONDS));
        final InitializerFailedException failed = assertInstanceOf(InitializerFailedException.class, ex.getCause());
        assertTrue(failed.getMessage().contains("java.lang.IllegalStateException: no database"), failed.getMessage());
        assertInstanceOf(RemoteTaskException.class, failed.getCause());
        final InitializerFailedException refused =
            assertThrows(InitializerFailedException.class, () -> pool.submit(() -> 2));
        assertTrue(refused.getMessage().contains("no database"), refused.getMessage());

        assertTimeoutPreemptively(Duration.ofMinutes(1), pool::close, "close() returns");
        final int mostStarts = 2 + pool.workerCount() + WorkerRestarts.MAX_INITIALIZER_FAILURES - 1;
        assertTrue(starts.get() <= mostStarts, "workers were not restarted for ever: starts=" + starts.get());
    }

    @Test
    @Timeout(90)
    void shouldRecycleWorkersAfterMaxTasksPerChild() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1).maxTasksPerChild(2));
        final List<Long> pids = pool.map((Integer x) -> ChildProcess.current().pid(), ProcessPoolTest.range(6), 1);
        assertEquals(6, pids.size());
        final Set<Long> distinct = new HashSet<>(pids);
        assertEquals(3, distinct.size(), "each worker ran two tasks, then a fresh one took over: " + pids);
    }

    @Test
    @Timeout(90)
    void shouldFailPendingWorkOnShutdownNowAndLeaveNoWorker() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final CompletableFuture<List<Integer>> pending =
            pool.mapAsync((Integer x) -> spin(x, 1_000), ProcessPoolTest.range(20), 1, null);
        final List<Long> pids = pool.workerPids();
        assertTrue(pool.unfinishedChunks() > 0, "the workers hold chunks"); // dispatched at submit
        pool.shutdownNow();
        // A CompletableFuture completed with a CancellationException reports itself cancelled.
        assertThrows(CancellationException.class, () -> pending.get(30, TimeUnit.SECONDS));
        assertTrue(pending.isCompletedExceptionally());
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        for (final long pid : pids)
        {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " left");
        }
    }

    @Test
    @Timeout(90)
    void shouldFinishSubmittedWorkOnCloseAndLeaveNoWorker() throws Exception
    {
        final ProcessPool pool = ProcessPool.create(2);
        final List<Long> pids = pool.workerPids();
        final CompletableFuture<List<Integer>> work =
            pool.mapAsync((Integer x) -> spin(x, 20), ProcessPoolTest.range(20), 1, null);
        pool.close();
        assertEquals(ProcessPoolTest.range(20), work.get(1, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
        for (final long pid : pids)
        {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " left");
        }
    }
}
