package io.mproc.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How cluster events and barriers wait: they re-read their atomic, backing off from 0.1 ms to {@link #MAX_PAUSE_MS}
 * ms between reads. Not Ignite's reentrant lock and its conditions, which were measured to hang forever when the
 * node holding the lock's entry is killed while a process takes the lock (GridCacheLockImpl never wakes its waiter
 * after the failed compare-and-set); an atomic read is retried by Ignite on the surviving copy. A read is a network
 * round trip (about 0.5 ms on loopback), so a waiter costs one round trip per pause: cheap next to the work a
 * cluster is for, and no wait ever depends on a node that died.
 */
final class Polling
{
    /** The longest pause between two reads: how late a waiter may see a change. */
    static final long MAX_PAUSE_MS = 10;
    private static final long FIRST_PAUSE_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private Polling()
    {
    }

    /**
     * @param done     true once the wait is over.
     * @param timed    false to wait as long as it takes.
     * @param deadline {@link System#nanoTime()} by which to give up, when timed.
     * @return true when done, false on timeout.
     * @throws InterruptedException when interrupted while waiting.
     */
    static boolean await(final BooleanSupplier done, final boolean timed, final long deadline)
        throws InterruptedException
    {
        long pause = FIRST_PAUSE_NS;
        while (!done.getAsBoolean())
        {
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
            final long left = deadline - System.nanoTime();
            if (timed && left <= 0)
            {
                return false;
            }
            LockSupport.parkNanos(Polling.class, timed ? Math.min(pause, left) : pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(MAX_PAUSE_MS));
        }
        return true;
    }
}
