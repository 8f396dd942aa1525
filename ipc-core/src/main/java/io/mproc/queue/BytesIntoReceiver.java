package io.mproc.queue;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Reads one raw-bytes message straight from the ring into a caller's array, for
 * {@link Connection#recvBytesInto(byte[], int)}: no allocation when it fits. A message that does not fit is copied
 * into a new array and handed back in a {@link BufferTooShortException}; a message that is not raw bytes is decoded
 * and refused. Not thread-safe: one receiving thread per end.
 */
final class BytesIntoReceiver implements MessageHandler
{
    private final ObjectCodec codec;
    private byte[] target;
    private int offset;
    private int received;
    private RuntimeException failure;

    BytesIntoReceiver(final ObjectCodec codec)
    {
        this.codec = codec;
    }

    /**
     * Checks an offset as Python's {@code recv_bytes_into} does, before anything is received.
     *
     * @throws IndexOutOfBoundsException naming the values, when the offset lies outside the buffer.
     */
    static void checkOffset(final byte[] target, final int offset)
    {
        if (offset < 0)
        {
            throw new IndexOutOfBoundsException("negative offset: offset=" + offset);
        }
        if (offset > target.length)
        {
            throw new IndexOutOfBoundsException(
                "offset out of bounds: offset=" + offset + ", buffer length=" + target.length);
        }
    }

    /**
     * Sets where the next message goes: an offset {@link #checkOffset} accepted.
     */
    void into(final byte[] target, final int offset)
    {
        this.target = target;
        this.offset = offset;
        this.received = 0;
    }

    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (ObjectCodec.BYTES != msgTypeId)
        {
            failure = notBytes(msgTypeId, buffer, index, length);
        }
        else if (length > target.length - offset)
        {
            final byte[] message = new byte[length];
            buffer.getBytes(index, message);
            failure = new BufferTooShortException(message, offset, target.length);
        }
        else
        {
            buffer.getBytes(index, target, offset, length);
            received = length;
        }
    }

    /**
     * Ends the read: forgets the caller's buffer.
     *
     * @return the number of bytes written into the buffer (0 when no message was read).
     * @throws BufferTooShortException when the message did not fit.
     * @throws IllegalStateException   when the message was not raw bytes.
     */
    int take()
    {
        final RuntimeException failure = this.failure;
        this.failure = null;
        target = null;
        if (null != failure)
        {
            throw failure;
        }
        return received;
    }

    private RuntimeException notBytes(final int msgTypeId, final MutableDirectBuffer buffer, final int index,
        final int length)
    {
        try
        {
            final Object value = codec.decode(msgTypeId, buffer, index, length);
            return new IllegalStateException("received a value, not bytes: type=" +
                (null == value ? "null" : value.getClass().getName()));
        }
        catch (final RuntimeException ex)
        {
            return ex;
        }
    }
}
