package io.mproc.process;

import io.mproc.test.Await;

import java.time.Duration;
import java.util.function.BooleanSupplier;


/**
 * Helpers of the tests that start {@link ChildProcess}es.
 */
final class ChildProcesses
{
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ChildProcesses()
    {
    }

    /**
     * After a test: kills the child if it still runs, waits for it, closes it; harmless on null, on a child never
     * started, and on one already closed.
     */
    static void stopAndClose(final ChildProcess child) throws InterruptedException
    {
        if (null == child)
        {
            return;
        }
        try
        {
            if (child.isAlive())
            {
                child.kill();
                child.join(TIMEOUT);
            }
        }
        catch (final IllegalStateException closedAlready)
        {
            return;
        }
        child.close();
    }

    /**
     * Waits until the condition holds, failing the test after {@link #TIMEOUT}.
     */
    static void await(final BooleanSupplier condition, final String message)
    {
        Await.until(message, TIMEOUT, condition);
    }

    /**
     * For a child task that must run until the test ends it (terminate, kill, its parent's death): blocks for ever,
     * where a long sleep could end on its own on a slow machine.
     */
    static void blockUntilKilled() throws InterruptedException
    {
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
