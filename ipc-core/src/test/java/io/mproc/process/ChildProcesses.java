package io.mproc.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

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
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail(message + " (waited " + TIMEOUT + ")");
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
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
