package io.mproc.pool;

import java.util.concurrent.TimeUnit;

/**
 * When a pool restarts a worker whose initializer failed: after a delay that doubles with each failure in a row,
 * and not at all after {@value #MAX_INITIALIZER_FAILURES} failures in a row with no task done in between (the
 * initializer fails for good; restarting would only burn CPU). Any task done resets the count. Not thread-safe:
 * used under the pool's lock.
 */
final class WorkerRestarts
{
    /** Initializer failures in a row after which the pool gives up. */
    static final int MAX_INITIALIZER_FAILURES = 3;
    private static final long FIRST_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_DELAY_NS = TimeUnit.SECONDS.toNanos(5);

    private int failuresInARow;
    private RemoteTaskException lastError;

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
}
