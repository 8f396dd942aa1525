package io.mproc.journal;

import io.mproc.queue.Codec;
import net.openhft.chronicle.bytes.Bytes;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes mproc's message header ({@link JournalDescriptor}) and the encoded value into the Chronicle document being
 * written. One per appending thread (not thread-safe).
 * <p>
 * The fast path, for a codec that knows the value's length ({@link Codec#encodedLength}) and a document in mapped
 * memory, writes header and body straight into the mapped file with plain stores and then moves Chronicle's write
 * position once: one Chronicle call per message instead of one per field, and no copy through a scratch buffer.
 * That is what brings the journal's append near raw Chronicle's. It is taken only when the whole message lies
 * inside the mapping Chronicle has made current for the write position ({@code safeLimit}); otherwise, and for
 * values of unknown length (encoded into the scratch first), the message goes through Chronicle's own writes.
 *
 * @param <E> type of the values.
 */
final class MessageEncoder<E>
{
    private final Codec<E> codec;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);

    MessageEncoder(final Codec<E> codec)
    {
        this.codec = codec;
    }

    /**
     * Encodes a value of unknown length into the scratch buffer, before Chronicle's write lock is taken.
     *
     * @return its length.
     */
    int encodeToScratch(final E value)
    {
        return codec.encode(value, scratch, 0);
    }

    /**
     * Writes a message whose body is the first {@code length} bytes of the scratch buffer.
     *
     * @param cycleStartMs start of the Chronicle cycle the message is written in, epoch ms.
     */
    void writeScratch(final Bytes<?> bytes, final int typeId, final long appendTimeMs, final long cycleStartMs,
        final int length)
    {
        final int shortHeader = JournalDescriptor.shortHeader(typeId, appendTimeMs - cycleStartMs);
        bytes.writeInt(shortHeader);
        if (0 == shortHeader)
        {
            bytes.writeInt(typeId);
            bytes.writeLong(appendTimeMs);
        }
        bytes.write(scratch.byteArray(), 0, length);
    }

    /**
     * Writes a message whose body the codec encodes in place, {@code length} bytes exactly.
     *
     * @param cycleStartMs start of the Chronicle cycle the message is written in, epoch ms.
     */
    void writeValue(final Bytes<?> bytes, final int typeId, final long appendTimeMs, final long cycleStartMs,
        final E value, final int length)
    {
        final int shortHeader = JournalDescriptor.shortHeader(typeId, appendTimeMs - cycleStartMs);
        final int headerLength = JournalDescriptor.headerLength(shortHeader);
        final int total = headerLength + length;
        if (bytes.isDirectMemory())
        {
            final long position = bytes.writePosition();
            final long address = bytes.addressForWrite(position); // makes the mapping holding position current
            if (position + total <= bytes.bytesStore().safeLimit())
            {
                UnsafeApi.putInt(null, address, shortHeader);
                if (0 == shortHeader)
                {
                    UnsafeApi.putInt(null, address + JournalDescriptor.LONG_TYPE_ID_OFFSET, typeId);
                    UnsafeApi.putLong(null, address + JournalDescriptor.LONG_APPEND_TIME_OFFSET, appendTimeMs);
                }
                view.wrap(address + headerLength, length);
                codec.encode(value, view, 0);
                bytes.writeSkip(total);
                return;
            }
        }
        codec.encode(value, scratch, 0);
        writeScratch(bytes, typeId, appendTimeMs, cycleStartMs, length);
    }
}
