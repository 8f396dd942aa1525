package io.mproc.pool;

import java.util.concurrent.RejectedExecutionException;

/**
 * The pool's initializer failed in several worker starts in a row with no task done in between: the pool cannot run
 * tasks, so it fails the queued ones and refuses new ones with this exception. The cause is the initializer's own
 * exception, as a {@link RemoteTaskException}. Fix the initializer and create a new pool.
 */
public class InitializerFailedException extends RejectedExecutionException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param failures worker starts in a row whose initializer threw.
     * @param cause    the initializer's exception, as the last worker reported it.
     */
    public InitializerFailedException(final int failures, final RemoteTaskException cause)
    {
        super("the pool's initializer failed in " + failures + " worker starts in a row, no task can run: " +
            cause.getMessage() + " (fix the initializer and create a new pool)", cause);
    }
}
