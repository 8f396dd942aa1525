package io.mproc.queue;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A part of a byte array to send as raw bytes ({@link ObjectCodec#BYTES}, what {@link Connection#recvBytes} reads),
 * without copying it into a new array first: {@link Connection#sendBytes(byte[], int, int)} fills one per end and
 * the ring copies straight from the caller's array. Not thread-safe: one sending thread per end, as in Python.
 */
final class ByteSlice
{
    /** Writes a slice as a {@link ObjectCodec#BYTES} message; decodes as {@link ObjectCodec} does. */
    static final Codec<ByteSlice> CODEC = new Codec<>()
    {
        public int typeId(final ByteSlice slice)
        {
            return ObjectCodec.BYTES;
        }

        public int encodedLength(final ByteSlice slice)
        {
            return slice.length;
        }

        public int encode(final ByteSlice slice, final MutableDirectBuffer buffer, final int index)
        {
            buffer.putBytes(index, slice.array, slice.offset, slice.length);
            return slice.length;
        }

        public ByteSlice decode(final int typeId, final DirectBuffer buffer, final int index, final int length)
        {
            throw new UnsupportedOperationException("a send-only codec: received bytes are read by Connection");
        }
    };

    private byte[] array;
    private int offset;
    private int length;

    /**
     * Points this slice at {@code array[offset, offset + size)}, checked as Python's {@code send_bytes} checks.
     *
     * @return this slice.
     * @throws IndexOutOfBoundsException naming the values, when the part does not lie inside the array.
     */
    ByteSlice set(final byte[] array, final int offset, final int size)
    {
        if (offset < 0)
        {
            throw new IndexOutOfBoundsException("offset is negative: offset=" + offset);
        }
        if (offset > array.length)
        {
            throw new IndexOutOfBoundsException(
                "buffer length < offset: offset=" + offset + ", buffer length=" + array.length);
        }
        if (size < 0)
        {
            throw new IndexOutOfBoundsException("size is negative: size=" + size);
        }
        if (size > array.length - offset)
        {
            throw new IndexOutOfBoundsException("buffer length < offset + size: offset=" + offset + ", size=" + size +
                ", buffer length=" + array.length);
        }
        this.array = array;
        this.offset = offset;
        this.length = size;
        return this;
    }

    /**
     * Drops the reference to the caller's array once it is sent.
     */
    void clear()
    {
        array = null;
    }
}
