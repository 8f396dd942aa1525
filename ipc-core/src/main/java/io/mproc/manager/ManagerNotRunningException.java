package io.mproc.manager;

/**
 * A call to a manager that is not running: shut down, or its server process died (SIGKILLed, crashed). Thrown
 * within a bounded time (about {@link Manager#LIVENESS_CHECK_INTERVAL_MS} ms after the server's end), never a hang.
 * Whether a call in flight when the server died took effect is unknown.
 */
public class ManagerNotRunningException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message naming the manager and what happened to it.
     */
    public ManagerNotRunningException(final String message)
    {
        super(message);
    }

    /**
     * @param message naming the manager and what happened to it.
     * @param cause   of it.
     */
    public ManagerNotRunningException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
