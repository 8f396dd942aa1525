package io.mproc.journal;

import io.mproc.queue.Codec;
import io.mproc.queue.ObjectCodec;
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
    /** The codec is {@link BufferCodec}: the view is the value, with no call through {@link Codec}. */
    private final boolean bytesView;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private byte[] copy = new byte[64];
    private int firstInt;
    private long longFormAppendTimeMs;

    MessageDecoder(final Codec<E> codec)
    {
        this.codec = codec;
        this.bytesView = BufferCodec.INSTANCE == codec;
    }

    /**
     * @param document a present data document.
     * @return its value.
     */
    E decode(final DocumentContext document)
    {
        final Bytes<?> bytes = document.wire().bytes();
        final long position = bytes.readPosition();
        final int documentLength = (int)(bytes.readLimit() - position);
        final int typeId;
        final int length;
        if (bytes.isDirectMemory())
        {
            // Chronicle maps the whole document it hands out: header and body are read in place, with plain loads.
            final long address = bytes.addressForRead(position);
            firstInt = UnsafeApi.getInt(null, address);
            if (0 != firstInt)
            {
                typeId = JournalDescriptor.shortTypeId(firstInt);
            }
            else
            {
                typeId = UnsafeApi.getInt(null, address + JournalDescriptor.LONG_TYPE_ID_OFFSET);
                longFormAppendTimeMs = UnsafeApi.getLong(null, address + JournalDescriptor.LONG_APPEND_TIME_OFFSET);
            }
            final int headerLength = JournalDescriptor.headerLength(firstInt);
            length = documentLength - headerLength;
            view.wrap(address + headerLength, length);
        }
        else
        {
            firstInt = bytes.readInt();
            if (0 != firstInt)
            {
                typeId = JournalDescriptor.shortTypeId(firstInt);
            }
            else
            {
                typeId = bytes.readInt();
                longFormAppendTimeMs = bytes.readLong();
            }
            length = documentLength - JournalDescriptor.headerLength(firstInt);
            if (copy.length < length)
            {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            bytes.read(copy, 0, length);
            view.wrap(copy, 0, length);
        }
        if (bytesView && ObjectCodec.DIRECT_BUFFER == typeId)
        {
            // what BufferCodec.decode returns, without the interface call and its checks on every message
            @SuppressWarnings("unchecked")
            final E value = (E)view;
            return value;
        }
        return codec.decode(typeId, view, 0, length);
    }

    /**
     * @param document     a present data document.
     * @param cycleStartMs start of the Chronicle cycle it lies in, epoch ms.
     * @return its append time, without decoding the body.
     */
    static long appendTimeMs(final DocumentContext document, final long cycleStartMs)
    {
        final Bytes<?> bytes = document.wire().bytes();
        final long position = bytes.readPosition();
        final int firstInt = bytes.readInt(position);
        return 0 != firstInt ? cycleStartMs + JournalDescriptor.shortTimeInCycleMs(firstInt) :
            bytes.readLong(position + JournalDescriptor.LONG_APPEND_TIME_OFFSET);
    }

    /**
     * @param cycleStartMs start of the Chronicle cycle the message last decoded lies in, epoch ms.
     * @return the append time of the message last decoded.
     */
    long lastAppendTimeMs(final long cycleStartMs)
    {
        return 0 != firstInt ? cycleStartMs + JournalDescriptor.shortTimeInCycleMs(firstInt) : longFormAppendTimeMs;
    }
}
