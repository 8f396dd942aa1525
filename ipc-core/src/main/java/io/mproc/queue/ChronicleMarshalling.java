package io.mproc.queue;

import io.mproc.internal.ChronicleFlagCheck;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.core.util.ObjectUtils;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Chronicle Bytes marshalling of user types, kept in its own class so that a JVM loads Chronicle only when it first
 * meets such a value (Chronicle adds hundreds of milliseconds to a JVM's start). Message layout: class name length
 * (2 bytes), class name (UTF-8), then the fields as {@link BytesMarshallable#writeMarshallable} writes them.
 */
final class ChronicleMarshalling
{
    private static final String MARSHALLABLE = "net.openhft.chronicle.bytes.BytesMarshallable";

    private ChronicleMarshalling()
    {
    }

    /**
     * Tests without loading Chronicle unless the value's class could be one of its types at all.
     */
    static boolean isMarshallable(final Object value)
    {
        return implementsByName(value.getClass()) && value instanceof BytesMarshallable;
    }

    private static boolean implementsByName(final Class<?> type)
    {
        for (Class<?> current = type; null != current; current = current.getSuperclass())
        {
            for (final Class<?> face : current.getInterfaces())
            {
                if (MARSHALLABLE.equals(face.getName()) || implementsByName(face))
                {
                    return true;
                }
            }
        }
        return false;
    }

    static int encode(final Object value, final MutableDirectBuffer buffer, final int index)
    {
        ChronicleFlagCheck.checkOnce();
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

    static Object decode(final AllowList allowList, final DirectBuffer buffer, final int index, final int length)
    {
        ChronicleFlagCheck.checkOnce();
        final int classNameLength = buffer.getShort(index);
        final String className = buffer.getStringWithoutLengthUtf8(index + Short.BYTES, classNameLength);
        if (!allowList.allows(className))
        {
            throw new MessageDecodingException("class not on the allow-list, not instantiated: class=" + className +
                " (" + allowList + ")", null);
        }
        final Class<?> type;
        try
        {
            final ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(className, false, null == loader ? ChronicleMarshalling.class.getClassLoader() : loader);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new MessageDecodingException("class of message not found: class=" + className, ex);
        }
        if (!BytesMarshallable.class.isAssignableFrom(type))
        {
            throw new MessageDecodingException("class is not BytesMarshallable: class=" + className, null);
        }
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
