package io.mproc.sync;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test support: wait for the state a test needs (a sleeper announced on a wait word, a thread inside a strategy's
 * wait) rather than sleeping and hoping. The generous timeout only guards against hanging forever.
 */
final class SyncTestWaits
{
    static final Duration GUARD = Duration.ofSeconds(30);

    private SyncTestWaits()
    {
    }

    /**
     * Waits until exactly {@code sleepers} waiters are announced on the word (asleep in the kernel, or polling
     * where nobody would wake them).
     */
    static void awaitSleepers(final WaitWord word, final int sleepers) throws InterruptedException
    {
        until(() -> word.sleepersVolatile() == sleepers, () -> "sleepers never reached " + sleepers + ": " + word);
    }

    /**
     * Waits until {@code thread} is waiting with {@code strategy}: asleep on {@code word} for a strategy that sleeps,
     * inside the strategy's {@code await} for one that spins.
     */
    static void awaitWaiting(final Thread thread, final WaitStrategy strategy, final WaitWord word)
        throws InterruptedException
    {
        if (strategy.sleeps())
        {
            awaitSleepers(word, 1);
        }
        else
        {
            until(() -> isInside(thread, strategy.getClass().getName()), () -> thread + " never waited in " + strategy);
        }
    }

    static void until(final BooleanSupplier condition, final Supplier<String> failure) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + GUARD.toNanos();
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, failure);
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static boolean isInside(final Thread thread, final String className)
    {
        for (final StackTraceElement frame : thread.getStackTrace())
        {
            if (frame.getClassName().equals(className) && "await".equals(frame.getMethodName()))
            {
                return true;
            }
        }
        return false;
    }
}
