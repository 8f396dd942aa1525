package io.mproc.queue;

/**
 * Thrown by {@link Connection#recvBytesInto} when the message does not fit in the buffer from the offset on: Python's
 * {@code multiprocessing.BufferTooShort}. The message has been received (taken off the pipe), and is not lost: it is
 * here, whole, in {@link #message()}, as Python's {@code args[0]} holds it.
 */
public final class BufferTooShortException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final byte[] message;

    /**
     * @param message   the whole message received.
     * @param offset    where the caller wanted it written.
     * @param bufferLength length of the caller's buffer.
     */
    public BufferTooShortException(final byte[] message, final int offset, final int bufferLength)
    {
        super("message of " + message.length + " bytes does not fit in the buffer from the offset on: offset=" +
            offset + ", buffer length=" + bufferLength + "; it was received and is in message()");
        this.message = message;
    }

    /**
     * @return the whole message, which was received and is no longer in the pipe.
     */
    public byte[] message()
    {
        return message;
    }
}
