package io.mproc.queue;

import io.mproc.internal.ChronicleFlagCheck;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.core.util.ObjectUtils;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The part of {@link ChronicleMarshalling} that needs Chronicle on the class path; only ChronicleMarshalling calls
 * it, after checking. Message layout: class name length (2 bytes), class name (UTF-8), then the fields as
 * {@link BytesMarshallable#writeMarshallable} writes them.
 */
final class ChronicleBytesCodec
{
    private ChronicleBytesCodec()
    {
    }

    static boolean isMarshallable(final Object value)
    {
        return value instanceof BytesMarshallable;
    }

    static int encode(final Object value, final MutableDirectBuffer buffer, final int index)
    {
        ChronicleFlagCheck.checkOnce(); // names the flag Chronicle wants, once, instead of Chronicle's vague error
        final byte[] className = value.getClass().getName().getBytes(StandardCharsets.UTF_8);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        try
        {
            ((BytesMarshallable)value).writeMarshallable(bytes);
            final int length = (int)bytes.readRemaining();
            buffer.putShort(index, (short)className.length);
            buffer.putBytes(index + Short.BYTES, className);
            final int fieldsIndex = index + Short.BYTES + className.length;
            for (int i = 0; i < length; i++)
            {
                buffer.putByte(fieldsIndex + i, bytes.readByte(bytes.readPosition() + i));
            }
            return Short.BYTES + className.length + length;
        }
        finally
        {
            bytes.releaseLast();
        }
    }

    /**
     * Decodes a message whose class name (already read and allowed by the caller) is {@code className}.
     */
    static Object decode(final String className, final DirectBuffer buffer, final int index, final int length)
    {
        ChronicleFlagCheck.checkOnce();
        final Class<?> type;
        try
        {
            final ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(className, false, null == loader ? ChronicleBytesCodec.class.getClassLoader() : loader);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new MessageDecodingException("class of message not found: class=" + className, ex);
        }
        if (!BytesMarshallable.class.isAssignableFrom(type))
        {
            throw new MessageDecodingException("class is not BytesMarshallable: class=" + className, null);
        }
        final int classNameLength = buffer.getShort(index);
        final int fieldsLength = length - Short.BYTES - classNameLength;
        final byte[] fields = new byte[fieldsLength];
        buffer.getBytes(index + Short.BYTES + classNameLength, fields);
        final BytesMarshallable value = (BytesMarshallable)ObjectUtils.newInstance(type);
        final Bytes<byte[]> bytes = Bytes.wrapForRead(fields);
        try
        {
            value.readMarshallable(bytes);
        }
        finally
        {
            bytes.releaseLast();
        }
        return value;
    }
}
