package io.mproc.inspect;

/**
 * A body holds a value no writer of its layout stores (a count out of range, a position behind another); reported as
 * {@link Health#CORRUPT} with this message, never thrown out of the inspector.
 */
final class CorruptBodyException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    CorruptBodyException(final String message)
    {
        super(message, null, false, false);
    }
}
