package io.mproc.pool;

import java.util.Iterator;

/**
 * The input of an imap, read one item at a time as chunks are encoded ({@link ChunkEncoder#encodeNext}). An exception
 * the input throws, or an item that cannot be sent, ends it: the failure is kept, to be thrown to the consumer in the
 * failed item's place, after the results of the items before it (as Python's imap does). Not thread-safe: read under
 * the job's feed lock.
 */
final class StreamInput
{
    private final Iterator<?> items;
    private boolean ended;
    private RuntimeException failure;
    /** The item {@link #advance()} read last, until accepted. */
    private Object current;

    StreamInput(final Iterator<?> items)
    {
        this.items = items;
    }

    /**
     * Reads the next item into {@link #current()}.
     *
     * @return false when the input has ended, or has just thrown (the failure is then kept).
     */
    boolean advance()
    {
        if (ended)
        {
            return false;
        }
        try
        {
            if (!items.hasNext())
            {
                ended = true;
                return false;
            }
            current = items.next();
            return true;
        }
        catch (final RuntimeException ex)
        {
            fail(ex);
            return false;
        }
    }

    Object current()
    {
        return current;
    }

    /**
     * The current item was encoded.
     */
    void accept()
    {
        current = null;
    }

    /**
     * Ends the input with a failure in the current item's place (it could not be sent).
     */
    void fail(final RuntimeException failure)
    {
        this.failure = failure;
        ended = true;
        current = null;
    }

    boolean hasEnded()
    {
        return ended;
    }

    /**
     * @return what ended the input, or null when it ended normally (or has not ended).
     */
    RuntimeException failure()
    {
        return failure;
    }
}
