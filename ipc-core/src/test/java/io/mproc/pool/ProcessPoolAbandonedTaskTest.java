package io.mproc.pool;

import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.mproc.pool.ProcessPoolLifecycleTest.awaitAtLeast;
import static io.mproc.pool.ProcessPoolLifecycleTest.startAndWait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasks the pool cancels on its caller's behalf (the losers of {@code invokeAny}, the tasks of a blocking verb whose
 * caller is interrupted, those of a timed {@code invokeAll} that timed out) are abandoned, not stopped: their queued
 * chunks never run, a running one finishes in its worker and its result is dropped, and no worker is killed (which
 * would cost a JVM start each time). They once killed the workers that held them. A caller who wants running tasks
 * stopped says so: {@code future.cancel(true)} or {@link ProcessPool#terminate()}.
 */
class ProcessPoolAbandonedTaskTest extends PoolTestFixture
{
    @Test
    @Timeout(120)
    void shouldNotKillTheWorkerOfALosingTaskOfInvokeAny() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final LongValue started = LongValue.create(namespace, "started", 0);
        final LongValue release = LongValue.create(namespace, "release", 0);
        final LongValue finished = LongValue.create(namespace, "finished", 0);
        final List<Long> pids = pool.workerPids();
        final Callable<Long> slow = (SerializableCallable<Long>)() -> startAndWait(started, release) +
            finished.incrementAndGet();
        final Callable<Long> fast = (SerializableCallable<Long>)() ->
        {
            awaitAtLeast(started, 1); // wins only once the slow one runs in the other worker
            return 42L;
        };

        assertEquals(42L, (long)pool.invokeAny(List.of(slow, fast)));

        assertEquals(pids, pool.workerPids(), "no worker was killed or replaced");
        release.set(1);
        awaitAtLeast(finished, 1); // the abandoned task finished in its worker, its result dropped
        assertEquals(2L, (long)pool.submit(() -> 2L).get(60, TimeUnit.SECONDS));
        assertEquals(pids, pool.workerPids());
    }

    @Test
    @Timeout(120)
    void shouldNotKillTheWorkerOfAMapWhoseCallerIsInterrupted() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final LongValue started = LongValue.create(namespace, "started", 0);
        final LongValue release = LongValue.create(namespace, "release", 0);
        final LongValue ran = LongValue.create(namespace, "ran", 0);
        final List<Long> pids = pool.workerPids();
        final AtomicReference<Throwable> outcome = new AtomicReference<>();
        final Thread caller = new Thread(() ->
        {
            try
            {
                pool.map((Integer x) -> 0 == x ? startAndWait(started, release) : ran.incrementAndGet(),
                    List.of(0, 1, 2, 3, 4, 5, 6, 7), 1);
                outcome.set(new AssertionError("map returned"));
            }
            catch (final Throwable ex)
            {
                outcome.set(ex);
            }
        }, "interrupted-map");
        caller.start();
        awaitAtLeast(started, 1);

        caller.interrupt();
        caller.join();

        assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals(pids, pool.workerPids(), "the worker running the map's task was not killed");
        release.set(1);
        assertEquals(7L, (long)pool.submit(() -> 7L).get(60, TimeUnit.SECONDS), "the worker serves the next task");
        assertEquals(pids, pool.workerPids());
        assertTrue(ran.get() <= 1, "the abandoned map's queued items never ran (at most one sat in the " +
            "worker's task ring): ran=" + ran.get());
    }
}
