package io.mproc.manager;

/**
 * An exception thrown inside the manager's server by an operation, brought back to the caller: its class name and
 * message. (JDK exceptions of {@code java.lang} and {@code java.util} that an operation may throw by contract, such
 * as {@link IndexOutOfBoundsException} or {@link NullPointerException}, come back as themselves instead.)
 */
public class RemoteManagerException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    /**
     * @param remoteClassName class of the exception thrown in the server.
     * @param remoteMessage   its message (may be null).
     */
    public RemoteManagerException(final String remoteClassName, final String remoteMessage)
    {
        super(remoteClassName + (null == remoteMessage ? "" : ": " + remoteMessage) + " (thrown in the manager)");
        this.remoteClassName = remoteClassName;
    }

    /**
     * @return the class name of the exception thrown in the server.
     */
    public String remoteClassName()
    {
        return remoteClassName;
    }
}
