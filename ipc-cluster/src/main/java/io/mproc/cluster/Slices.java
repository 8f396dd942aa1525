package io.mproc.cluster;

import org.apache.ignite.IgniteInterruptedException;

import java.util.concurrent.TimeUnit;

/**
 * How the cluster's reentrant locks, conditions and queues block: as a loop of Ignite's timed attempts of at most
 * {@link #SLICE_MS} ms each, never one untimed wait (semaphores and plain locks poll an entry of their own instead:
 * {@link ClusterPermits}). Ignite wakes a blocked waiter from a cache update it is told about; when that
 * wake-up is lost (seen: a child in acquire(3) never woken after release(2) and release(1)) or the node holding the
 * entry dies (the reentrant lock's waiter then hung forever), an untimed wait never returns. Each attempt reads the
 * shared state again, so a lost wake-up costs at most one slice and no wait depends on one node staying alive.
 */
final class Slices
{
    /** The longest a waiter trusts one of Ignite's wake-ups: how late it may be after a lost one. */
    static final long SLICE_MS = 100;
    static final long SLICE_NS = TimeUnit.MILLISECONDS.toNanos(SLICE_MS);

    /** One of Ignite's timed attempts: a tryAcquire or tryLock with a timeout. */
    @FunctionalInterface
    interface TimedAttempt
    {
        /**
         * @param nanos how long this attempt may wait, in nanoseconds (zero: do not wait).
         * @return true when acquired.
         * @throws IgniteInterruptedException when interrupted while waiting.
         */
        boolean attempt(long nanos);
    }

    private Slices()
    {
    }

    /** Attempts until acquired. */
    static void acquire(final TimedAttempt attempt) throws InterruptedException
    {
        Interrupts.throwIfInterrupted();
        try
        {
            while (!attempt.attempt(SLICE_NS))
            {
                Interrupts.throwIfInterrupted();
            }
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
    }

    /** Attempts until acquired, ignoring interrupts and keeping the thread's interrupt status for after. */
    static void acquireUninterruptibly(final TimedAttempt attempt)
    {
        boolean interrupted = Thread.interrupted();
        try
        {
            while (true)
            {
                try
                {
                    if (attempt.attempt(SLICE_NS))
                    {
                        return;
                    }
                }
                catch (final IgniteInterruptedException ex)
                {
                    Thread.interrupted();
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Attempts until acquired or {@code time} has passed. @return true when acquired. */
    static boolean tryAcquire(final TimedAttempt attempt, final long time, final TimeUnit unit)
        throws InterruptedException
    {
        Interrupts.throwIfInterrupted();
        final long deadline = System.nanoTime() + unit.toNanos(Math.max(0, time));
        try
        {
            while (true)
            {
                final long left = Math.max(0, deadline - System.nanoTime());
                if (attempt.attempt(Math.min(left, SLICE_NS)))
                {
                    return true;
                }
                if (left <= SLICE_NS)
                {
                    return false;
                }
                Interrupts.throwIfInterrupted();
            }
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
    }
}
