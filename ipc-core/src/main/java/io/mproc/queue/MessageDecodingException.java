package io.mproc.queue;

/**
 * Thrown to a consumer when a message cannot be decoded: an unknown type id, a class that is not on the allow-list,
 * or corrupt bytes. The message has been consumed; the queue keeps working.
 */
public class MessageDecodingException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, with the offending type or class.
     * @param cause   the underlying failure, or null.
     */
    public MessageDecodingException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
