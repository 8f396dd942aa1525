package io.mproc.queue;

import io.mproc.internal.CheckedObjectOutputStream;
import io.mproc.memory.SharedObject;
import io.mproc.memory.SharedObjectRef;
import org.agrona.MutableDirectBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;

import static io.mproc.queue.ValueTags.*;

/**
 * Writes a value tree in the layout of {@link ValueTags}, refusing (with {@link UnsendableValueException}, before
 * anything reaches the ring) any object that is not a JDK value or collection, an enum, a record, a shared-object
 * handle or a class on the allow-list. One instance per message.
 */
final class ValueWriter
{
    private static final ClassValue<byte[]> CLASS_NAMES = new ClassValue<>()
    {
        protected byte[] computeValue(final Class<?> type)
        {
            return type.getName().getBytes(StandardCharsets.UTF_8);
        }
    };

    private final AllowList allowList;
    private final MutableDirectBuffer buffer;
    private int position;
    private int depth;
    private Class<?>[] classes;
    private int classCount;

    private ValueWriter(final AllowList allowList, final MutableDirectBuffer buffer, final int index)
    {
        this.allowList = allowList;
        this.buffer = buffer;
        this.position = index;
    }

    /**
     * @param buffer an expandable buffer: the length is known only once written.
     * @return bytes written.
     */
    static int write(final Object value, final AllowList allowList, final MutableDirectBuffer buffer, final int index)
    {
        final ValueWriter writer = new ValueWriter(allowList, buffer, index);
        writer.writeValue(value);
        return writer.position - index;
    }

    private void writeValue(final Object value)
    {
        if (null == value)
        {
            putByte(NULL);
            return;
        }
        final Class<?> type = value.getClass();
        final byte tag = ValueTypes.tagOf(type);
        if (++depth > MAX_DEPTH)
        {
            throw new UnsendableValueException(type.getName(),
                "nested more than " + MAX_DEPTH + " levels deep (does the value contain itself?)", null);
        }
        try
        {
            if (USER == tag)
            {
                writeUserObject(value);
            }
            else if (tag < ENUM)
            {
                writeScalar(tag, value);
            }
            else if (tag < OBJECT_ARRAY)
            {
                writeStructure(tag, value);
            }
            else
            {
                writeArray(tag, value);
            }
        }
        finally
        {
            depth--;
        }
    }

    private void writeScalar(final byte tag, final Object value)
    {
        if (TRUE == tag)
        {
            putByte((Boolean)value ? TRUE : FALSE);
            return;
        }
        putByte(tag);
        switch (tag)
        {
            case BYTE -> putByte((Byte)value);
            case SHORT -> putShort((Short)value);
            case CHAR -> putShort((short)(char)(Character)value);
            case INT -> putZigZag((Integer)value);
            case LONG -> putLong((Long)value);
            case FLOAT -> putInt(Float.floatToRawIntBits((Float)value));
            case DOUBLE -> putLong(Double.doubleToRawLongBits((Double)value));
            case STRING -> putString((String)value);
            case BYTES -> putBytes((byte[])value);
            case BIG_INTEGER -> putBytes(((BigInteger)value).toByteArray());
            case BIG_DECIMAL ->
            {
                putInt(((BigDecimal)value).scale());
                putBytes(((BigDecimal)value).unscaledValue().toByteArray());
            }
            case UUID ->
            {
                putLong(((UUID)value).getMostSignificantBits());
                putLong(((UUID)value).getLeastSignificantBits());
            }
            default -> writeTime(tag, value);
        }
    }

    private void writeTime(final byte tag, final Object value)
    {
        switch (tag)
        {
            case INSTANT ->
            {
                putLong(((Instant)value).getEpochSecond());
                putInt(((Instant)value).getNano());
            }
            case DURATION ->
            {
                putLong(((Duration)value).getSeconds());
                putInt(((Duration)value).getNano());
            }
            case LOCAL_DATE -> putLong(((LocalDate)value).toEpochDay());
            case LOCAL_TIME -> putLong(((LocalTime)value).toNanoOfDay());
            case LOCAL_DATE_TIME -> putDateTime((LocalDateTime)value);
            case OFFSET_DATE_TIME ->
            {
                putDateTime(((OffsetDateTime)value).toLocalDateTime());
                putInt(((OffsetDateTime)value).getOffset().getTotalSeconds());
            }
            case ZONED_DATE_TIME ->
            {
                putDateTime(((ZonedDateTime)value).toLocalDateTime());
                putInt(((ZonedDateTime)value).getOffset().getTotalSeconds());
                putString(((ZonedDateTime)value).getZone().getId());
            }
            case ZONE_ID -> putString(((ZoneId)value).getId());
            case PERIOD ->
            {
                putInt(((Period)value).getYears());
                putInt(((Period)value).getMonths());
                putInt(((Period)value).getDays());
            }
            case YEAR_MONTH ->
            {
                putInt(((YearMonth)value).getYear());
                putInt(((YearMonth)value).getMonthValue());
            }
            default -> throw new IllegalStateException("no scalar tag: " + tag);
        }
    }

    private void writeStructure(final byte tag, final Object value)
    {
        putByte(tag);
        switch (tag)
        {
            case ENUM ->
            {
                putClass(((Enum<?>)value).getDeclaringClass());
                putString(((Enum<?>)value).name());
            }
            case RECORD -> writeRecord(value);
            case HANDLE ->
            {
                final SharedObjectRef ref = ((SharedObject)value).ref();
                writeValue(ref.typeName());
                writeValue(ref.namespacePath());
                writeValue(ref.name());
                writeValue(ref.qualifier());
            }
            case TREE_SET ->
            {
                writeComparator(((SortedSet<?>)value).comparator());
                writeElements((Collection<?>)value);
            }
            case TREE_MAP ->
            {
                writeComparator(((SortedMap<?, ?>)value).comparator());
                writeEntries((Map<?, ?>)value);
            }
            case HASH_MAP, LINKED_HASH_MAP, IMMUTABLE_MAP -> writeEntries((Map<?, ?>)value);
            default -> writeElements((Collection<?>)value);
        }
    }

    private void writeRecord(final Object value)
    {
        final RecordShape shape = shapeOf(value.getClass());
        putClass(value.getClass());
        putVarint(shape.componentCount());
        for (int i = 0; i < shape.componentCount(); i++)
        {
            try
            {
                writeValue(shape.component(value, i));
            }
            catch (final UnsendableValueException ex)
            {
                throw ex.within("." + shape.componentName(i) + "()");
            }
        }
    }

    private static RecordShape shapeOf(final Class<?> type)
    {
        try
        {
            return RecordShape.of(type);
        }
        catch (final RuntimeException ex)
        {
            throw new UnsendableValueException(type.getName(), "its record components cannot be read: " + ex, ex);
        }
    }

    private void writeComparator(final Object comparator)
    {
        try
        {
            writeValue(comparator);
        }
        catch (final UnsendableValueException ex)
        {
            throw ex.within(".comparator()");
        }
    }

    private void writeElements(final Collection<?> values)
    {
        putVarint(values.size());
        int i = 0;
        for (final Object element : values)
        {
            try
            {
                writeValue(element);
            }
            catch (final UnsendableValueException ex)
            {
                throw ex.within(values instanceof List ? "[" + i + "]" : ".element(" + i + ")");
            }
            i++;
        }
    }

    private void writeEntries(final Map<?, ?> map)
    {
        putVarint(map.size());
        for (final Map.Entry<?, ?> entry : map.entrySet())
        {
            try
            {
                writeValue(entry.getKey());
            }
            catch (final UnsendableValueException ex)
            {
                throw ex.within(".keySet()");
            }
            try
            {
                writeValue(entry.getValue());
            }
            catch (final UnsendableValueException ex)
            {
                throw ex.within(".get(" + shortText(entry.getKey()) + ")");
            }
        }
    }

    private void writeArray(final byte tag, final Object value)
    {
        putByte(tag);
        switch (tag)
        {
            case OBJECT_ARRAY -> writeObjectArray((Object[])value);
            case INT_ARRAY ->
            {
                final int[] array = (int[])value;
                putVarint(array.length);
                ensure(array.length * Integer.BYTES);
                for (final int element : array)
                {
                    putInt(element);
                }
            }
            case LONG_ARRAY ->
            {
                final long[] array = (long[])value;
                putVarint(array.length);
                ensure(array.length * Long.BYTES);
                for (final long element : array)
                {
                    putLong(element);
                }
            }
            case DOUBLE_ARRAY ->
            {
                final double[] array = (double[])value;
                putVarint(array.length);
                ensure(array.length * Double.BYTES);
                for (final double element : array)
                {
                    putLong(Double.doubleToRawLongBits(element));
                }
            }
            default -> writeSmallPrimitiveArray(tag, value);
        }
    }

    private void writeSmallPrimitiveArray(final byte tag, final Object value)
    {
        final int length = java.lang.reflect.Array.getLength(value);
        putVarint(length);
        for (int i = 0; i < length; i++)
        {
            switch (tag)
            {
                case FLOAT_ARRAY -> putInt(Float.floatToRawIntBits(((float[])value)[i]));
                case SHORT_ARRAY -> putShort(((short[])value)[i]);
                case CHAR_ARRAY -> putShort((short)((char[])value)[i]);
                default -> putByte(((boolean[])value)[i] ? TRUE : FALSE);
            }
        }
    }

    private void writeObjectArray(final Object[] array)
    {
        final Class<?> component = array.getClass().getComponentType();
        if (!ValueReader.isAllowedComponentType(component, allowList))
        {
            throw new UnsendableValueException(array.getClass().getName(),
                "an array of a user class that is not on the allow-list", null);
        }
        putClass(component);
        putVarint(array.length);
        for (int i = 0; i < array.length; i++)
        {
            try
            {
                writeValue(array[i]);
            }
            catch (final UnsendableValueException ex)
            {
                throw ex.within("[" + i + "]");
            }
        }
    }

    /**
     * A user object inside a value: Java serialisation, allowed only when the allow-list names its class and every
     * class it holds, checked here at the sender as well as by the receiver's filter.
     */
    private void writeUserObject(final Object value)
    {
        final Class<?> type = value.getClass();
        if (!allowList.allows(type))
        {
            throw new UnsendableValueException(type.getName(),
                "not a JDK value or collection, record, enum or shared-object handle, and not on the allow-list", null);
        }
        if (!(value instanceof Serializable))
        {
            throw new UnsendableValueException(type.getName(),
                "on the allow-list but not java.io.Serializable (make it a record, or Serializable)", null);
        }
        final byte[] bytes = serialize(value, allowList);
        putByte(SERIALIZED);
        putBytes(bytes);
    }

    /**
     * Java-serialises an allowed user object, refusing at once any class inside it that the allow-list refuses.
     */
    static byte[] serialize(final Object value, final AllowList allowList)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (CheckedObjectOutputStream out = new CheckedObjectOutputStream(bytes, allowList::allows))
        {
            out.writeObject(value);
        }
        catch (final java.io.NotSerializableException ex)
        {
            throw new UnsendableValueException(ex.getMessage(), "held inside a serialised " +
                value.getClass().getName() + ", and not java.io.Serializable", ex);
        }
        catch (final InvalidClassException ex)
        {
            throw new UnsendableValueException(ex.classname,
                "held inside a serialised " + value.getClass().getName() + ", and not on the allow-list", ex);
        }
        catch (final IOException ex)
        {
            throw new UnsendableValueException(value.getClass().getName(), "cannot be serialised: " + ex, ex);
        }
        return bytes.toByteArray();
    }

    private void putClass(final Class<?> type)
    {
        for (int i = 0; i < classCount; i++)
        {
            if (classes[i] == type)
            {
                putVarint(i);
                return;
            }
        }
        if (null == classes)
        {
            classes = new Class<?>[4];
        }
        else if (classCount == classes.length)
        {
            classes = java.util.Arrays.copyOf(classes, classCount * 2);
        }
        classes[classCount] = type;
        putVarint(classCount++);
        putBytes(CLASS_NAMES.get(type));
    }

    private void ensure(final int length)
    {
        buffer.checkLimit(position + length);
    }

    private void putByte(final byte value)
    {
        buffer.putByte(position, value);
        position += Byte.BYTES;
    }

    private void putShort(final short value)
    {
        buffer.putShort(position, value);
        position += Short.BYTES;
    }

    private void putInt(final int value)
    {
        buffer.putInt(position, value);
        position += Integer.BYTES;
    }

    private void putLong(final long value)
    {
        buffer.putLong(position, value);
        position += Long.BYTES;
    }

    private void putDateTime(final LocalDateTime value)
    {
        putLong(value.toLocalDate().toEpochDay());
        putLong(value.toLocalTime().toNanoOfDay());
    }

    private void putBytes(final byte[] bytes)
    {
        putVarint(bytes.length);
        buffer.putBytes(position, bytes);
        position += bytes.length;
    }

    private void putString(final String value)
    {
        // String.getBytes is an intrinsic copy for the usual compact (Latin-1) string: faster than char by char.
        putBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Unsigned LEB128: 7 bits a byte, low bits first; lengths, counts and class indexes. */
    private void putVarint(final int value)
    {
        int rest = value;
        while ((rest & ~0x7F) != 0)
        {
            putByte((byte)((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        putByte((byte)rest);
    }

    /** Signed ints as zig-zag varints: small magnitudes of either sign take one or two bytes. */
    private void putZigZag(final int value)
    {
        putVarint((value << 1) ^ (value >> 31));
    }

    private static String shortText(final Object key)
    {
        final String text = key instanceof String ? '"' + (String)key + '"' : String.valueOf(key);
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
