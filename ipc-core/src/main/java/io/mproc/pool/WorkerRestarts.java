package io.mproc.pool;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * When a pool restarts a worker whose initializer failed: after a delay that doubles with each failure in a row,
 * and not at all after {@value #MAX_INITIALIZER_FAILURES} failures in a row with no task done in between (the
 * initializer fails for good; restarting would only burn CPU). Any task done resets the count. Keeps, per worker
 * slot, when its restart is due. Used under the pool's lock, except {@link #anyScheduled()}.
 */
final class WorkerRestarts
{
    /** Initializer failures in a row after which the pool gives up. */
    static final int MAX_INITIALIZER_FAILURES = 3;
    private static final long FIRST_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_DELAY_NS = TimeUnit.SECONDS.toNanos(5);

    /** Per slot, when to start a worker in place of one whose initializer failed; 0 for none. */
    private final long[] restartAtNs;
    private volatile boolean anyScheduled;
    private int failuresInARow;
    private RemoteTaskException lastError;

    /**
     * @param slots worker slots of the pool.
     */
    WorkerRestarts(final int slots)
    {
        restartAtNs = new long[slots];
    }

    /**
     * @param error the initializer's exception, as a worker reported it.
     */
    void onInitializerFailed(final RemoteTaskException error)
    {
        failuresInARow++;
        lastError = error;
    }

    /**
     * A worker delivered a result: the initializer works.
     */
    void onTaskDone()
    {
        failuresInARow = 0;
    }

    /**
     * @return true when the initializer failed too often in a row to try again.
     */
    boolean givenUp()
    {
        return failuresInARow >= MAX_INITIALIZER_FAILURES;
    }

    /**
     * @return the exception that queued and later tasks fail with once {@link #givenUp()}.
     */
    InitializerFailedException error()
    {
        return new InitializerFailedException(failuresInARow, lastError);
    }

    /**
     * @return how long to wait before starting a worker in place of one whose initializer failed.
     */
    long restartDelayNs()
    {
        if (0 == failuresInARow)
        {
            return 0;
        }
        return Math.min(MAX_DELAY_NS, FIRST_DELAY_NS << Math.min(20, failuresInARow - 1));
    }

    /**
     * Plans the restart of a slot whose worker's initializer failed, after the current back-off.
     *
     * @param slot  of the worker.
     * @param nowNs {@link System#nanoTime()}.
     */
    void schedule(final int slot, final long nowNs)
    {
        restartAtNs[slot] = nowNs + restartDelayNs();
        anyScheduled = true;
    }

    /**
     * @return true while a restart is planned: a cheap check for the collector, without the lock.
     */
    boolean anyScheduled()
    {
        return anyScheduled;
    }

    /**
     * @param nowNs {@link System#nanoTime()}.
     * @return a slot whose restart is due, no longer planned once returned; -1 when none is due.
     */
    int takeDue(final long nowNs)
    {
        boolean stillPlanned = false;
        for (int slot = 0; slot < restartAtNs.length; slot++)
        {
            if (0 != restartAtNs[slot])
            {
                if (nowNs - restartAtNs[slot] >= 0)
                {
                    restartAtNs[slot] = 0;
                    return slot;
                }
                stillPlanned = true;
            }
        }
        anyScheduled = stillPlanned;
        return -1;
    }

    /**
     * Forgets every planned restart (the pool stops, or gave up on the initializer).
     */
    void cancelAll()
    {
        Arrays.fill(restartAtNs, 0);
        anyScheduled = false;
    }
}
