package io.mproc.journal;

import io.mproc.queue.Codec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;
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
        final int typeId = bytes.readInt();
        appendTimeMs = bytes.readLong();
        final int length = (int)bytes.readRemaining();
        if (bytes.isDirectMemory())
        {
            view.wrap(bytes.addressForRead(bytes.readPosition()), length);
        }
        else
        {
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
