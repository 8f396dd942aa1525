package io.mproc.journal;

import io.mproc.queue.Codec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads mproc's message header ({@link JournalDescriptor}) and decodes the body of the Chronicle document being
 * read, straight from the mapped file: the codec gets a view of the memory, not a copy. One per reader (not
 * thread-safe).
 *
 * @param <E> type of the values.
 */
final class MessageDecoder<E>
{
    private final Codec<E> codec;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private byte[] copy = new byte[64];
    private long appendTimeMs;

    MessageDecoder(final Codec<E> codec)
    {
        this.codec = codec;
    }

    /**
     * @param document a present data document.
     * @return its value.
     */
    E decode(final DocumentContext document)
    {
        final Bytes<?> bytes = document.wire().bytes();
        final long position = bytes.readPosition();
        final int length = (int)(bytes.readLimit() - position) - JournalDescriptor.MESSAGE_HEADER_LENGTH;
        final int typeId;
        if (bytes.isDirectMemory())
        {
            // Chronicle maps the whole document it hands out: header and body are read in place, with plain loads.
            final long address = bytes.addressForRead(position);
            typeId = UnsafeApi.getInt(null, address + JournalDescriptor.TYPE_ID_OFFSET);
            appendTimeMs = UnsafeApi.getLong(null, address + JournalDescriptor.APPEND_TIME_OFFSET);
            view.wrap(address + JournalDescriptor.MESSAGE_HEADER_LENGTH, length);
        }
        else
        {
            typeId = bytes.readInt();
            appendTimeMs = bytes.readLong();
            if (copy.length < length)
            {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            bytes.read(copy, 0, length);
            view.wrap(copy, 0, length);
        }
        return codec.decode(typeId, view, 0, length);
    }

    /**
     * @param document a present data document.
     * @return its append time, without decoding the body.
     */
    static long appendTimeMs(final DocumentContext document)
    {
        final Bytes<?> bytes = document.wire().bytes();
        return bytes.readLong(bytes.readPosition() + JournalDescriptor.APPEND_TIME_OFFSET);
    }

    /**
     * @return the append time of the message last decoded.
     */
    long lastAppendTimeMs()
    {
        return appendTimeMs;
    }
}
