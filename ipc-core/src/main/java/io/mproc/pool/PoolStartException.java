package io.mproc.pool;

/**
 * A pool could not start: its first worker ended before it was ready to take tasks. The message says why, with the
 * worker's own error output (an unknown JVM option, a class path without mproc, ...) or, when the pool's initializer
 * threw, its class and message; the initializer's exception, with its remote stack trace, is then the cause (a
 * {@link RemoteTaskException}). No worker and no file of the pool is left behind.
 */
public class PoolStartException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what to do.
     * @param cause   the initializer's exception, or why the pool gave up waiting; may be null.
     */
    public PoolStartException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
