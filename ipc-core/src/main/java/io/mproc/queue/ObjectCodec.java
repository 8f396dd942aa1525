package io.mproc.queue;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * The codec of Python-like queues, pipes and the pool, which take any value. The message type id says how each
 * message is encoded:
 * <ul>
 *   <li>primitives' boxes, {@code String} (UTF-8), {@code byte[]}, {@link ByteBuffer} and {@link DirectBuffer}:
 *   written straight into the ring, without Chronicle or reflection;</li>
 *   <li>{@link #VALUE}: everything else that travels <b>by default</b>, as a tree of tagged values (layout in
 *   {@link ValueTags}): {@code BigInteger}, {@code BigDecimal}, {@code UUID}, the {@code java.time} values, the
 *   JDK's lists, sets, maps and queues (immutable forms included; a sorted one keeps its comparator, which must
 *   itself be allowed), arrays, enums (the existing constant, by {@code Enum.valueOf}: no new instance), records (rebuilt by
 *   their canonical constructor, each component under the same rules) and mproc's shared-object handles (they
 *   reopen the same memory by name), nested as deep as they go. A user object inside such a tree travels only when
 *   the {@link AllowList} names its class;</li>
 *   <li>Chronicle {@code BytesMarshallable} types on the allow-list: the class name then Chronicle's binary
 *   marshalling (Chronicle is loaded only when such a value is first seen);</li>
 *   <li>any other {@link Serializable} class on the allow-list: Java serialisation, every class inside it checked
 *   against the list.</li>
 * </ul>
 * A value that cannot travel is refused at the sender with {@link UnsendableValueException} (naming the class, where
 * it sits in the value, the queue, pipe or pool, and the call that allows it), before anything is written. The
 * receiver checks again with its own allow-list and instantiates nothing outside the rules above. Thread-safe.
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
    /** A tree of JDK values, collections, enums, records and handles, laid out as {@link ValueTags} describes. */
    public static final int VALUE = 15;
    /**
     * Null, with no body: what a {@link Connection} sends for Python's {@code None}. (A {@link SharedQueue}, being a
     * {@code BlockingQueue}, refuses null before it reaches the codec.)
     */
    public static final int NULL = 16;

    private final AllowList allowList;
    private final String place;
    private final String allowCallTemplate;

    /**
     * @param allowList of user classes this process may send and instantiate.
     */
    public ObjectCodec(final AllowList allowList)
    {
        this(allowList, "a queue, pipe or pool", "new ObjectCodec(AllowList.of(%s.class))");
    }

    private ObjectCodec(final AllowList allowList, final String place, final String allowCallTemplate)
    {
        this.allowList = allowList;
        this.place = place;
        this.allowCallTemplate = allowCallTemplate;
    }

    /**
     * @param place             what this codec's handle is, for messages: {@code queue 'q' (/dev/shm/...)}.
     * @param allowCallTemplate the call that allows a class there, with {@code %s} for the class name.
     * @return a codec with the same allow-list whose refusals name that place and call.
     */
    public ObjectCodec at(final String place, final String allowCallTemplate)
    {
        return new ObjectCodec(allowList, place, allowCallTemplate);
    }

    /**
     * @return {@code codec} placed as {@link #at} does when it is an {@code ObjectCodec}, else {@code codec} itself.
     */
    @SuppressWarnings("unchecked")
    static <E> Codec<E> at(final Codec<E> codec, final String place, final String allowCallTemplate)
    {
        return codec instanceof ObjectCodec ?
            (Codec<E>)((ObjectCodec)codec).at(place, allowCallTemplate) : codec;
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
        if (null == value)
        {
            return NULL;
        }
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
        return ValueTags.USER != ValueTypes.tagOf(type) ? VALUE : userTypeId(value, type);
    }

    private int userTypeId(final Object value, final Class<?> type)
    {
        if (!allowList.allows(type))
        {
            throw new UnsendableValueException(type.getName(), "not a JDK value or collection, record, enum or " +
                "shared-object handle, and not on the allow-list", null).at(place, allowCallTemplate);
        }
        if (ChronicleMarshalling.isMarshallable(value))
        {
            return MARSHALLABLE;
        }
        if (value instanceof Serializable)
        {
            return SERIALIZED;
        }
        throw new UnsendableValueException(type.getName(), "on the allow-list but neither Chronicle " +
            "BytesMarshallable nor java.io.Serializable (make it a record, or Serializable)", null)
            .at(place, allowCallTemplate);
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
            case NULL:
                return 0;
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
            case NULL:
                return 0;
            case MARSHALLABLE:
                return ChronicleMarshalling.encode(value, buffer, index);
            case VALUE:
                try
                {
                    return ValueWriter.write(value, allowList, buffer, index);
                }
                catch (final UnsendableValueException ex)
                {
                    throw ex.at(place, allowCallTemplate);
                }
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
            case VALUE:
                return ValueReader.read(allowList, buffer, index, length);
            case NULL:
                return null;
            default:
                throw new MessageDecodingException("unknown message type id: typeId=" + typeId, null);
        }
    }

    private int serialize(final Object value, final MutableDirectBuffer buffer, final int index)
    {
        try
        {
            final byte[] encoded = ValueWriter.serialize(value, allowList);
            buffer.putBytes(index, encoded);
            return encoded.length;
        }
        catch (final UnsendableValueException ex)
        {
            throw ex.at(place, allowCallTemplate);
        }
    }

    private Object deserialize(final DirectBuffer buffer, final int index, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes);
        return ValueReader.deserialize(bytes, allowList);
    }
}
