package io.mproc.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one polling wait of the tests: for a state another process brings about (a waiter count, a child's exit),
 * which no callback announces. The timeout only guards against hanging forever; it is never a performance bound.
 */
public final class Await
{
    private static final long POLL_INTERVAL_MS = 5;

    private Await()
    {
    }

    /**
     * Waits until {@code condition} holds, failing the test after {@code timeout}.
     *
     * @param what      the state, for the failure message.
     * @param timeout   guard against hanging forever.
     * @param condition true once reached.
     */
    public static void until(final String what, final Duration timeout, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("not reached within " + timeout + ": " + what);
            }
            try
            {
                Thread.sleep(POLL_INTERVAL_MS); // polling for another process's state, not waiting for time to pass
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
