package io.mproc.queue;

/**
 * Thrown to a producer when the queue was closed, and to a consumer when it was closed and is empty (the twin of
 * Python's {@code ValueError: Queue is closed}). Blocked producers and consumers are woken with it.
 */
public class QueueClosedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message naming the queue.
     */
    public QueueClosedException(final String message)
    {
        super(message);
    }
}
