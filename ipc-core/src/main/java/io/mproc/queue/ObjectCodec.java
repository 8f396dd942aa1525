package io.mproc.queue;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * The codec of Python-like queues that take any value. The message type id says how each message is encoded:
 * <ul>
 *   <li>primitives' boxes, {@code String} (UTF-8), {@code byte[]}, {@link ByteBuffer} and {@link DirectBuffer}:
 *   written straight into the ring, without Chronicle or reflection;</li>
 *   <li>Chronicle {@code BytesMarshallable} types: the class name then Chronicle's binary marshalling (the fast path
 *   for user types; Chronicle is loaded only when such a value is first seen);</li>
 *   <li>any other {@link Serializable} value: Java serialisation, the fallback.</li>
 * </ul>
 * Decoding user types instantiates only classes on the {@link AllowList}. Thread-safe.
 */
public final class ObjectCodec implements Codec<Object>
{
    public static final int LONG = 1;
    public static final int INT = 2;
    public static final int DOUBLE = 3;
    public static final int FLOAT = 4;
    public static final int SHORT = 5;
    public static final int BYTE = 6;
    public static final int CHAR = 7;
    public static final int BOOLEAN = 8;
    public static final int STRING = 9;
    public static final int BYTES = 10;
    public static final int BYTE_BUFFER = 11;
    public static final int DIRECT_BUFFER = 12;
    public static final int MARSHALLABLE = 13;
    public static final int SERIALIZED = 14;

    private final AllowList allowList;

    /**
     * @param allowList of user classes consumers may instantiate.
     */
    public ObjectCodec(final AllowList allowList)
    {
        this.allowList = allowList;
    }

    /**
     * @return the allow-list of this codec.
     */
    public AllowList allowList()
    {
        return allowList;
    }

    public int typeId(final Object value)
    {
        final Class<?> type = value.getClass();
        if (Long.class == type)
        {
            return LONG;
        }
        if (String.class == type)
        {
            return STRING;
        }
        if (Integer.class == type)
        {
            return INT;
        }
        if (byte[].class == type)
        {
            return BYTES;
        }
        if (Double.class == type)
        {
            return DOUBLE;
        }
        if (Boolean.class == type)
        {
            return BOOLEAN;
        }
        if (Float.class == type)
        {
            return FLOAT;
        }
        if (Short.class == type)
        {
            return SHORT;
        }
        if (Byte.class == type)
        {
            return BYTE;
        }
        if (Character.class == type)
        {
            return CHAR;
        }
        if (value instanceof ByteBuffer)
        {
            return BYTE_BUFFER;
        }
        if (value instanceof DirectBuffer)
        {
            return DIRECT_BUFFER;
        }
        if (ChronicleMarshalling.isMarshallable(value))
        {
            return MARSHALLABLE;
        }
        if (value instanceof Serializable)
        {
            return SERIALIZED;
        }
        throw new IllegalArgumentException("cannot encode a value of this type, it is neither a primitive, String, " +
            "byte[], buffer, Chronicle BytesMarshallable nor Serializable: type=" + type.getName());
    }

    public int encodedLength(final Object value)
    {
        switch (typeId(value))
        {
            case LONG:
            case DOUBLE:
                return Long.BYTES;
            case INT:
            case FLOAT:
                return Integer.BYTES;
            case SHORT:
            case CHAR:
                return Short.BYTES;
            case BYTE:
            case BOOLEAN:
                return Byte.BYTES;
            case STRING:
                return Utf8.encodedLength((String)value);
            case BYTES:
                return ((byte[])value).length;
            case BYTE_BUFFER:
                return ((ByteBuffer)value).remaining();
            case DIRECT_BUFFER:
                return ((DirectBuffer)value).capacity();
            default:
                return UNKNOWN_LENGTH;
        }
    }

    public int encode(final Object value, final MutableDirectBuffer buffer, final int index)
    {
        switch (typeId(value))
        {
            case LONG:
                buffer.putLong(index, (Long)value);
                return Long.BYTES;
            case DOUBLE:
                buffer.putDouble(index, (Double)value);
                return Double.BYTES;
            case INT:
                buffer.putInt(index, (Integer)value);
                return Integer.BYTES;
            case FLOAT:
                buffer.putFloat(index, (Float)value);
                return Float.BYTES;
            case SHORT:
                buffer.putShort(index, (Short)value);
                return Short.BYTES;
            case CHAR:
                buffer.putChar(index, (Character)value);
                return Character.BYTES;
            case BYTE:
                buffer.putByte(index, (Byte)value);
                return Byte.BYTES;
            case BOOLEAN:
                buffer.putByte(index, (byte)((Boolean)value ? 1 : 0));
                return Byte.BYTES;
            case STRING:
                return Utf8.encode((String)value, buffer, index);
            case BYTES:
            {
                final byte[] bytes = (byte[])value;
                buffer.putBytes(index, bytes);
                return bytes.length;
            }
            case BYTE_BUFFER:
            {
                final ByteBuffer byteBuffer = (ByteBuffer)value;
                final int length = byteBuffer.remaining();
                buffer.putBytes(index, byteBuffer, byteBuffer.position(), length);
                return length;
            }
            case DIRECT_BUFFER:
            {
                final DirectBuffer directBuffer = (DirectBuffer)value;
                buffer.putBytes(index, directBuffer, 0, directBuffer.capacity());
                return directBuffer.capacity();
            }
            case MARSHALLABLE:
                return ChronicleMarshalling.encode(value, buffer, index);
            default:
                return serialize(value, buffer, index);
        }
    }

    public Object decode(final int typeId, final DirectBuffer buffer, final int index, final int length)
    {
        switch (typeId)
        {
            case LONG:
                return buffer.getLong(index);
            case DOUBLE:
                return buffer.getDouble(index);
            case INT:
                return buffer.getInt(index);
            case FLOAT:
                return buffer.getFloat(index);
            case SHORT:
                return buffer.getShort(index);
            case CHAR:
                return buffer.getChar(index);
            case BYTE:
                return buffer.getByte(index);
            case BOOLEAN:
                return 0 != buffer.getByte(index);
            case STRING:
                return buffer.getStringWithoutLengthUtf8(index, length);
            case BYTES:
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(index, bytes);
                return bytes;
            }
            case BYTE_BUFFER:
            {
                final ByteBuffer copy = ByteBuffer.allocate(length);
                buffer.getBytes(index, copy, length);
                return copy.flip();
            }
            case DIRECT_BUFFER:
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(index, bytes);
                return new UnsafeBuffer(bytes);
            }
            case MARSHALLABLE:
                return ChronicleMarshalling.decode(allowList, buffer, index, length);
            case SERIALIZED:
                return deserialize(buffer, index, length);
            default:
                throw new MessageDecodingException("unknown message type id: typeId=" + typeId, null);
        }
    }

    private static int serialize(final Object value, final MutableDirectBuffer buffer, final int index)
    {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(value);
            out.flush();
            final byte[] encoded = bytes.toByteArray();
            buffer.putBytes(index, encoded);
            return encoded.length;
        }
        catch (final NotSerializableException ex)
        {
            throw new IllegalArgumentException("value is not serializable: type=" + value.getClass().getName() +
                ", offending class=" + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot serialize value: type=" + value.getClass().getName(), ex);
        }
    }

    private Object deserialize(final DirectBuffer buffer, final int index, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            in.setObjectInputFilter(allowList.filter());
            return in.readObject();
        }
        catch (final java.io.InvalidClassException ex)
        {
            throw new MessageDecodingException("class not on the allow-list, not deserialised: " + ex.getMessage() +
                " (" + allowList + ")", ex);
        }
        catch (final IOException | ClassNotFoundException ex)
        {
            throw new MessageDecodingException("cannot deserialize message: length=" + length, ex);
        }
    }
}
