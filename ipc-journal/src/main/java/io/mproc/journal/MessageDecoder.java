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
    private int timeInCycleMs;

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
            timeInCycleMs = UnsafeApi.getInt(null, address + JournalDescriptor.TIME_IN_CYCLE_OFFSET);
            view.wrap(address + JournalDescriptor.MESSAGE_HEADER_LENGTH, length);
        }
        else
        {
            typeId = bytes.readInt();
            timeInCycleMs = bytes.readInt();
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
     * @return its header's time within its cycle ({@link CycleTime}), without decoding the body.
     */
    static int timeInCycleMs(final DocumentContext document)
    {
        final Bytes<?> bytes = document.wire().bytes();
        return bytes.readInt(bytes.readPosition() + JournalDescriptor.TIME_IN_CYCLE_OFFSET);
    }

    /**
     * @return the header's time within its cycle of the message last decoded ({@link CycleTime}).
     */
    int lastTimeInCycleMs()
    {
        return timeInCycleMs;
    }
}
