package io.mproc.journal;

import io.mproc.queue.Codec;
import io.mproc.queue.MessageDecodingException;
import io.mproc.queue.ObjectCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Zero-copy bytes: appends the bytes of a {@link DirectBuffer} (from its index 0 to its capacity) and hands each
 * reader a view of the message in the mapped journal file, valid only during its handler's call (copy what you
 * keep). The type id is {@link ObjectCodec#DIRECT_BUFFER}, so an {@link ObjectCodec} reader of the same journal
 * reads these messages as {@code byte[]}-backed buffers.
 */
public final class BufferCodec implements Codec<DirectBuffer>
{
    /** The codec; stateless apart from one view per reading thread. */
    public static final BufferCodec INSTANCE = new BufferCodec();

    private static final ThreadLocal<UnsafeBuffer> VIEWS = ThreadLocal.withInitial(() -> new UnsafeBuffer(0, 0));

    private BufferCodec()
    {
    }

    public int typeId(final DirectBuffer value)
    {
        return ObjectCodec.DIRECT_BUFFER;
    }

    public int encodedLength(final DirectBuffer value)
    {
        return value.capacity();
    }

    public int encode(final DirectBuffer value, final MutableDirectBuffer buffer, final int index)
    {
        buffer.putBytes(index, value, 0, value.capacity());
        return value.capacity();
    }

    public DirectBuffer decode(final int typeId, final DirectBuffer buffer, final int index, final int length)
    {
        if (ObjectCodec.DIRECT_BUFFER != typeId && ObjectCodec.BYTES != typeId && ObjectCodec.BYTE_BUFFER != typeId)
        {
            throw new MessageDecodingException("not a bytes message: typeId=" + typeId +
                "; read this journal with the codec that wrote it", null);
        }
        if (0 == index && buffer.capacity() == length)
        {
            return buffer; // the journal's reader already hands a view of exactly the message
        }
        final UnsafeBuffer view = VIEWS.get();
        view.wrap(buffer, index, length);
        return view;
    }
}
