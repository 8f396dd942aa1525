package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.NotSerializableException;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool as an {@link java.util.concurrent.ExecutorService}: the everyday calls compile (lambdas and method
 * references, with and without a result) and run in worker JVMs, and a task that cannot be sent is rejected as
 * ExecutorService callers expect.
 */
class ProcessPoolExecutorServiceTest extends PoolTestFixture
{
    static String workerName()
    {
        return ChildProcess.current().name();
    }

    static void touch(final LongValue value)
    {
        value.incrementAndGet();
    }

    @Test
    @Timeout(90)
    void shouldCompileAndRunTheCommonSubmitCalls() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final LongValue ran = LongValue.create(namespace, "ran", 0);

        // the call that used to be "reference to submit is ambiguous"
        final Future<?> printed = pool.submit(() -> System.out.println("x"));
        assertNull(printed.get(60, TimeUnit.SECONDS));
        assertNull(pool.submit(() -> touch(ran)).get(60, TimeUnit.SECONDS));                 // statement lambda
        assertNull(pool.submit(() -> { ran.incrementAndGet(); }).get(60, TimeUnit.SECONDS));  // block, no result
        assertEquals(3L, (long)pool.submit(() -> ran.incrementAndGet()).get(60, TimeUnit.SECONDS)); // a result
        assertEquals(42, (int)pool.submit(() -> 42).get(60, TimeUnit.SECONDS));
        assertEquals("done", pool.submit(() -> touch(ran), "done").get(60, TimeUnit.SECONDS));
        assertTrue(pool.submit(ProcessPoolExecutorServiceTest::workerName).get(60, TimeUnit.SECONDS)
            .startsWith("PoolWorker-"));                                                         // method reference
        pool.execute(() -> touch(ran));
        assertEquals(5L, (long)pool.submit(ran::get).get(60, TimeUnit.SECONDS), "execute ran too");
    }

    @Test
    @Timeout(90)
    void shouldRejectATaskThatCannotBeSentWithTheReasonAsCause()
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final Callable<Integer> notSerializable = () -> 1;
        final RejectedExecutionException callable = assertThrows(RejectedExecutionException.class,
            () -> pool.submit(notSerializable));
        assertInstanceOf(NotSerializableException.class, callable.getCause());
        assertTrue(callable.getMessage().contains("is not serializable"), callable.getMessage());
        assertTrue(callable.getMessage().contains("SerializableCallable"), callable.getMessage());

        final Runnable notSerializableRunnable = () -> { };
        final RejectedExecutionException runnable = assertThrows(RejectedExecutionException.class,
            () -> pool.execute(notSerializableRunnable));
        assertTrue(runnable.getMessage().contains("SerializableTask"), runnable.getMessage());

        final Object unsendable = new Object();
        final RejectedExecutionException captured = assertThrows(RejectedExecutionException.class,
            () -> pool.submit(() -> unsendable.hashCode()));
        assertInstanceOf(IllegalArgumentException.class, captured.getCause()); // UnsendableValueException is one
        assertTrue(captured.getMessage().contains("java.lang.Object"), captured.getMessage());
        assertEquals(0, pool.unfinishedChunks(), "a rejected task leaves nothing queued");
    }
}
