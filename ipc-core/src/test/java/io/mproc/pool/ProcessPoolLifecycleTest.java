package io.mproc.pool;

import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool's life across real worker JVMs: create() that waits for a first worker and says why it cannot start,
 * cancelling a task for real, and the ways to end a pool (close, shutdown + join, terminate, shutdownNow).
 */
class ProcessPoolLifecycleTest extends PoolTestFixture
{
    /**
     * In a worker: counts itself started, then waits until {@code release} is set.
     */
    static long startAndWait(final LongValue started, final LongValue release)
    {
        started.incrementAndGet();
        while (0 == release.get())
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return 1;
    }

    /**
     * In the test: waits until the value reaches at least {@code least} (the test's timeout guards it).
     */
    static void awaitAtLeast(final LongValue value, final long least)
    {
        while (value.get() < least)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    @Timeout(120)
    void shouldThrowAtCreateWithTheWorkerJvmsErrorOutput()
    {
        final PoolStartException ex = assertThrows(PoolStartException.class,
            () -> pool(ProcessPool.builder().workers(1).jvmOptions("-XX:+ThisOptionDoesNotExist")));
        assertTrue(ex.getMessage().contains("Unrecognized VM option 'ThisOptionDoesNotExist'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("PoolWorker-"), ex.getMessage());
    }

    @Test
    @Timeout(120)
    void shouldStartWorkersWithTheGivenJavaAndClassPathAndSayWhyWhenTheClassPathLacksMproc() throws Exception
    {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (ProcessPool ok = ProcessPool.builder().workers(1).javaExecutable(java)
            .classPath(System.getProperty("java.class.path")).create())
        {
            assertEquals(List.of(2), ok.map((Integer x) -> x + 1, List.of(1)));
        }

        final String noMproc = Files.createTempDirectory("mproc-empty-class-path").toString();
        try
        {
            final PoolStartException ex = assertThrows(PoolStartException.class,
                () -> pool(ProcessPool.builder().workers(1).classPath(noMproc)));
            assertTrue(ex.getMessage().contains("io.mproc.process.ChildMain"), ex.getMessage()); // the JVM's own words
        }
        finally
        {
            Files.delete(Path.of(noMproc));
        }
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().classPath(" "));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().javaExecutable(Path.of(noMproc)));
    }

    @Test
    @Timeout(120)
    @SuppressWarnings("deprecation")
    void shouldNameTheFailingInitializerAtCreate()
    {
        final PoolStartException ex = assertThrows(PoolStartException.class,
            () -> ProcessPool.builder().workers(2).initializer(() ->
            {
                throw new IllegalStateException("no database");
            }).build()); // the deprecated alias of create()
        assertTrue(ex.getMessage().contains("initializer"), ex.getMessage());
        assertTrue(ex.getMessage().contains("java.lang.IllegalStateException: no database"), ex.getMessage());
        final RemoteTaskException cause = assertInstanceOf(RemoteTaskException.class, ex.getCause());
        assertEquals("java.lang.IllegalStateException", cause.remoteClassName());
        assertTrue(cause.getStackTrace()[0].getClassName().startsWith(ProcessPoolLifecycleTest.class.getName()),
            cause.getStackTrace()[0].toString());
    }

    @Test
    @Timeout(120)
    void shouldStopARunningTaskOnCancelTrueAndNotMakeTheNextTaskWait() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final LongValue started = LongValue.create(namespace, "started", 0);
        final LongValue release = LongValue.create(namespace, "release", 0);
        final LongValue effect = LongValue.create(namespace, "effect", 0);
        final Future<Long> running = pool.submit(() -> startAndWait(started, release) + effect.incrementAndGet());
        awaitAtLeast(started, 1);
        final long pid = pool.workerPids().get(0);

        assertTrue(running.cancel(true));
        assertTrue(running.isCancelled());
        assertFalse(isAlive(pid), "the worker running the task is gone when cancel(true) returns");
        release.set(1); // would let the cancelled task make its side effect, were it still running
        assertEquals(0L, (long)pool.submit(effect::get).get(60, TimeUnit.SECONDS), "the next task ran at once, and " +
            "the cancelled task's side effect never happened");
        assertNotEquals(pid, pool.workerPids().get(0), "a new worker took the slot");
        assertEquals(1L, started.get());
    }

    @Test
    @Timeout(120)
    void shouldNeverRunACancelledQueuedTaskAndNotStopARunningOneOnCancelFalse() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final LongValue started = LongValue.create(namespace, "started", 0);
        final LongValue release = LongValue.create(namespace, "release", 0);
        final LongValue ran = LongValue.create(namespace, "ran", 0);
        final Future<Long> first = pool.submit(() -> startAndWait(started, release));
        awaitAtLeast(started, 1);
        final List<Future<Long>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            queued.add(pool.submit(ran::incrementAndGet));
        }

        assertFalse(first.cancel(false), "a running task is not stopped by cancel(false)");
        final Future<Long> last = queued.get(2); // queued in the parent: a worker holds at most two
        assertTrue(last.cancel(false));
        assertTrue(last.isCancelled());
        release.set(1);
        assertEquals(1L, first.get(60, TimeUnit.SECONDS));
        queued.get(0).get(60, TimeUnit.SECONDS);
        queued.get(1).get(60, TimeUnit.SECONDS);
        assertEquals(2L, (long)pool.submit(ran::get).get(60, TimeUnit.SECONDS), "the cancelled task never ran");
        assertFalse(queued.get(0).cancel(true), "a done task cannot be cancelled");
    }

    @Test
    @Timeout(120)
    void shouldReturnTheTasksThatNeverStartedFromShutdownNow() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final LongValue started = LongValue.create(namespace, "started", 0);
        final LongValue release = LongValue.create(namespace, "release", 0);
        final LongValue ran = LongValue.create(namespace, "ran", 0);
        final CompletableFuture<Long> blocker = pool.submit(() -> startAndWait(started, release));
        awaitAtLeast(started, 1);
        final List<Runnable> submitted = new ArrayList<>();
        final List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            final SerializableTask task = ran::incrementAndGet;
            submitted.add(task);
            futures.add(pool.submit(task));
        }
        final SerializableCallable<String> callable = () -> "called";
        pool.submit(callable);

        final List<Runnable> neverStarted = pool.shutdownNow();
        assertTrue(neverStarted.size() >= 49, "all but the one a worker may hold: " + neverStarted.size());
        final int first = 51 - neverStarted.size(); // the tasks queued in the parent are the last ones
        for (int i = 0; i < neverStarted.size() - 1; i++)
        {
            assertSame(submitted.get(first + i), neverStarted.get(i), "the Runnable as submitted, in order");
        }
        final FutureTask<?> call = assertInstanceOf(FutureTask.class, neverStarted.get(neverStarted.size() - 1));
        assertThrows(CancellationException.class, () -> futures.get(49).get(60, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, () -> blocker.get(60, TimeUnit.SECONDS));
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(0L, ran.get(), "none ran in a worker");

        neverStarted.forEach(Runnable::run); // runs them here
        assertEquals(neverStarted.size() - 1, ran.get());
        assertEquals("called", call.get());
    }

    @Test
    @Timeout(120)
    void shouldStopRunningTasksOnTerminate() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final LongValue started = LongValue.create(namespace, "started", 0);
        final LongValue release = LongValue.create(namespace, "release", 0);
        final CompletableFuture<Long> running = pool.submit(() -> startAndWait(started, release));
        awaitAtLeast(started, 1);
        final long pid = pool.workerPids().get(0);

        pool.terminate();
        assertTrue(pool.isTerminated());
        assertFalse(isAlive(pid), "the running task's worker is gone");
        assertThrows(CancellationException.class, () -> running.get(60, TimeUnit.SECONDS));
        assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1));
    }

    @Test
    @Timeout(120)
    void shouldJoinOnlyAfterShutdownAndLetTheWorkFinish() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final LongValue started = LongValue.create(namespace, "started", 0);
        final LongValue release = LongValue.create(namespace, "release", 0);
        final IllegalStateException running = assertThrows(IllegalStateException.class, pool::join);
        assertTrue(running.getMessage().contains("shutdown() or terminate()"), running.getMessage());

        final CompletableFuture<Long> work = pool.submit(() -> startAndWait(started, release));
        awaitAtLeast(started, 1);
        pool.shutdown(); // Python's close()
        release.set(1);
        pool.join();
        assertTrue(pool.isTerminated());
        assertEquals(1L, work.getNow(0L), "the running task finished before join returned");
    }

    @Test
    @Timeout(120)
    void shouldLetRunningTasksFinishOnCloseAsTryWithResourcesDoes() throws Exception
    {
        final LongValue started = LongValue.create(namespace, "started", 0);
        final LongValue release = LongValue.create(namespace, "release", 0);
        final CompletableFuture<Long> work;
        try (ProcessPool pool = ProcessPool.builder().workers(1).create())
        {
            work = pool.submit(() -> startAndWait(started, release));
            awaitAtLeast(started, 1);
            release.set(1);
        }
        assertEquals(1L, work.getNow(0L), "close() waited for the running task");
    }
}
