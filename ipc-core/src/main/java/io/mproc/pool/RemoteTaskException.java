package io.mproc.pool;

/**
 * A task threw in a worker process: carries the remote exception's class name, message and stack trace (as this
 * exception's own stack trace). It is the cause of the {@link java.util.concurrent.ExecutionException} of the
 * task's future, or thrown by {@link ProcessPool#map} and friends. The worker survives.
 */
public class RemoteTaskException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;
    private final String remoteMessage;

    /**
     * @param remoteClassName  class of the exception thrown in the worker.
     * @param remoteMessage    its message, or null.
     * @param remoteStackTrace its stack trace.
     */
    public RemoteTaskException(
        final String remoteClassName, final String remoteMessage, final StackTraceElement[] remoteStackTrace)
    {
        super(remoteClassName + (null == remoteMessage ? "" : ": " + remoteMessage));
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        setStackTrace(remoteStackTrace);
    }

    /**
     * @return class name of the exception thrown in the worker.
     */
    public String remoteClassName()
    {
        return remoteClassName;
    }

    /**
     * @return message of the exception thrown in the worker, or null.
     */
    public String remoteMessage()
    {
        return remoteMessage;
    }
}
