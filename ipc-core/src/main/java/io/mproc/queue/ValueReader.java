package io.mproc.queue;

import io.mproc.memory.SharedObject;
import io.mproc.memory.SharedObjectRef;
import org.agrona.DirectBuffer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static io.mproc.queue.ValueTags.*;

/**
 * Reads a value tree in the layout of {@link ValueTags}. It instantiates only JDK values and collections, enums
 * (by {@code Enum.valueOf}), records (by their canonical constructor, after reading and checking every component
 * under the same rules) and, inside SERIALIZED, classes the allow-list names. The message comes from another
 * process, so every count and length is checked against the message before anything is allocated. One instance
 * per message.
 */
final class ValueReader extends ValueInput
{
    private static final ClassLoader OWN_LOADER = ValueReader.class.getClassLoader();
    private static final java.util.concurrent.ConcurrentHashMap<String, Class<?>> RESOLVED =
        new java.util.concurrent.ConcurrentHashMap<>();

    private final AllowList allowList;
    private int depth;
    private ArrayList<Class<?>> classes;

    private ValueReader(final AllowList allowList, final DirectBuffer buffer, final int index, final int length)
    {
        super(buffer, index, length);
        this.allowList = allowList;
    }

    static Object read(final AllowList allowList, final DirectBuffer buffer, final int index, final int length)
    {
        final ValueReader reader = new ValueReader(allowList, buffer, index, length);
        final Object value = reader.readValue();
        if (reader.position != reader.limit)
        {
            throw corrupt("value ends before the message: end=" + (reader.position - index) + ", length=" + length);
        }
        return value;
    }

    /**
     * An array's component type that may be created: the JDK's (including interfaces such as {@code List}), an
     * enum, a record, a shared-object handle, or an allowed class.
     */
    static boolean isAllowedComponentType(final Class<?> component, final AllowList allowList)
    {
        Class<?> type = component;
        while (type.isArray())
        {
            type = type.getComponentType();
        }
        return type.isPrimitive() || null == type.getClassLoader() || type.isEnum() || type.isRecord() ||
            SharedObject.class.isAssignableFrom(type) || allowList.allows(type);
    }

    private Object readValue()
    {
        if (++depth > MAX_DEPTH)
        {
            throw corrupt("value nested more than " + MAX_DEPTH + " levels deep");
        }
        try
        {
            final byte tag = getByte();
            if (tag < ENUM)
            {
                return readScalar(tag);
            }
            if (tag < OBJECT_ARRAY)
            {
                return readStructure(tag);
            }
            return readArrayOrUser(tag);
        }
        finally
        {
            depth--;
        }
    }

    private Object readScalar(final byte tag)
    {
        return switch (tag)
        {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case BYTE -> getByte();
            case SHORT -> getShort();
            case CHAR -> (char)getShort();
            case INT -> getZigZag();
            case LONG -> getLong();
            case FLOAT -> Float.intBitsToFloat(getInt());
            case DOUBLE -> Double.longBitsToDouble(getLong());
            case STRING -> getString();
            case BYTES -> getBytes();
            case BIG_INTEGER -> new BigInteger(getBytes());
            case BIG_DECIMAL ->
            {
                final int scale = getInt();
                yield new BigDecimal(new BigInteger(getBytes()), scale);
            }
            case UUID -> new UUID(getLong(), getLong());
            default -> readTime(tag);
        };
    }

    private Object readTime(final byte tag)
    {
        try
        {
            return switch (tag)
            {
                case INSTANT -> Instant.ofEpochSecond(getLong(), getInt());
                case DURATION -> Duration.ofSeconds(getLong(), getInt());
                case LOCAL_DATE -> LocalDate.ofEpochDay(getLong());
                case LOCAL_TIME -> LocalTime.ofNanoOfDay(getLong());
                case LOCAL_DATE_TIME -> getDateTime();
                case OFFSET_DATE_TIME -> OffsetDateTime.of(getDateTime(), ZoneOffset.ofTotalSeconds(getInt()));
                case ZONED_DATE_TIME -> getZonedDateTime();
                case ZONE_ID -> ZoneId.of(getString());
                case PERIOD -> Period.of(getInt(), getInt(), getInt());
                case YEAR_MONTH -> YearMonth.of(getInt(), getInt());
                default -> throw corrupt("unknown value tag: tag=" + tag);
            };
        }
        catch (final java.time.DateTimeException ex)
        {
            throw new MessageDecodingException("corrupt date or time in message: " + ex.getMessage(), ex);
        }
    }

    private Object readStructure(final byte tag)
    {
        return switch (tag)
        {
            case ENUM -> readEnum();
            case RECORD -> readRecord();
            case HANDLE -> readHandle();
            case ARRAY_LIST ->
            {
                final int count = getCount();
                yield readElements(new ArrayList<>(count), count);
            }
            case LINKED_LIST -> readElements(new LinkedList<>(), getCount());
            case IMMUTABLE_LIST -> immutableList(readElements(getCount()));
            case ARRAY_DEQUE -> readElements(new ArrayDeque<>(), getCount());
            case HASH_SET ->
            {
                final int count = getCount();
                yield readElements(new HashSet<>(hashCapacity(count)), count);
            }
            case LINKED_HASH_SET -> readElements(new LinkedHashSet<>(), getCount());
            case IMMUTABLE_SET ->
                Collections.unmodifiableSet(readElements(new LinkedHashSet<>(), getCount()));
            case TREE_SET -> readElements(new TreeSet<>(readComparator()), getCount());
            case HASH_MAP ->
            {
                final int count = getCount();
                yield readEntries(new HashMap<>(hashCapacity(count)), count);
            }
            case LINKED_HASH_MAP ->
            {
                final int count = getCount();
                yield readEntries(new LinkedHashMap<>(hashCapacity(count)), count);
            }
            case IMMUTABLE_MAP -> Collections.unmodifiableMap(readEntries(new LinkedHashMap<>(), getCount()));
            case TREE_MAP -> readEntries(new TreeMap<>(readComparator()), getCount());
            default -> throw corrupt("unknown value tag: tag=" + tag);
        };
    }

    private Object readEnum()
    {
        final Class<?> type = getClassRef();
        final String name = getString();
        if (!type.isEnum())
        {
            throw new MessageDecodingException("message names a class as an enum that is not one, not " +
                "instantiated: class=" + type.getName(), null);
        }
        try
        {
            return enumConstant(type, name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new MessageDecodingException("enum has no such constant (sender and receiver have different " +
                "versions of it?): class=" + type.getName() + ", constant=" + name, ex);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(final Class<?> type, final String name)
    {
        return Enum.valueOf((Class)type, name);
    }

    private Object readRecord()
    {
        final Class<?> type = getClassRef();
        final RecordShape shape;
        try
        {
            shape = RecordShape.of(type);
        }
        catch (final RuntimeException ex)
        {
            throw new MessageDecodingException("record cannot be built here: class=" + type.getName() + ", " + ex, ex);
        }
        if (null == shape)
        {
            throw new MessageDecodingException("message names a class as a record that is not one, not " +
                "instantiated: class=" + type.getName(), null);
        }
        final int count = getVarint();
        if (count != shape.componentCount())
        {
            throw new MessageDecodingException("record has " + shape.componentCount() + " components here but " +
                count + " in the message (different versions?): class=" + type.getName(), null);
        }
        final Object[] components = new Object[count];
        for (int i = 0; i < count; i++)
        {
            components[i] = readValue();
            if (!shape.accepts(i, components[i]))
            {
                throw new MessageDecodingException("record component has the wrong type (different versions?): " +
                    "class=" + type.getName() + ", component=" + shape.componentName(i) + ", expected=" +
                    shape.componentType(i).getName() + ", found=" +
                    (null == components[i] ? "null" : components[i].getClass().getName()), null);
            }
        }
        try
        {
            return shape.construct(components);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new MessageDecodingException("record constructor refused the components: class=" +
                type.getName() + ", " + ex.getCause(), ex.getCause());
        }
    }

    private Object readHandle()
    {
        final Object typeName = readValue();
        final Object namespacePath = readValue();
        final Object name = readValue();
        final Object qualifier = readValue();
        if (!(typeName instanceof String) || !(namespacePath instanceof String) || !(name instanceof String) ||
            (null != qualifier && !(qualifier instanceof String)))
        {
            throw corrupt("shared-object handle with fields that are not strings");
        }
        try
        {
            return new SharedObjectRef((String)typeName, (String)namespacePath, (String)name, (String)qualifier)
                .readResolve();
        }
        catch (final ObjectStreamException ex)
        {
            throw new MessageDecodingException("cannot open the shared object the message names: " +
                ex.getMessage() + (null == ex.getCause() ? "" : ", " + ex.getCause()), ex);
        }
    }

    private Comparator<Object> readComparator()
    {
        final Object comparator = readValue();
        if (null != comparator && !(comparator instanceof Comparator))
        {
            throw corrupt("sorted collection's comparator is not a Comparator: " + comparator.getClass().getName());
        }
        @SuppressWarnings("unchecked") final Comparator<Object> typed = (Comparator<Object>)comparator;
        return typed;
    }

    private <C extends Collection<Object>> C readElements(final C collection, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            collection.add(readValue());
        }
        return collection;
    }

    private Object[] readElements(final int count)
    {
        final Object[] elements = new Object[count];
        for (int i = 0; i < count; i++)
        {
            elements[i] = readValue();
        }
        return elements;
    }

    /**
     * {@code List.of} when it can hold the elements (no null), as the sender's was most likely made.
     */
    private static java.util.List<Object> immutableList(final Object[] elements)
    {
        for (final Object element : elements)
        {
            if (null == element)
            {
                return Collections.unmodifiableList(Arrays.asList(elements));
            }
        }
        return java.util.List.of(elements);
    }

    private <M extends Map<Object, Object>> M readEntries(final M map, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final Object key = readValue();
            map.put(key, readValue());
        }
        return map;
    }

    private Object readArrayOrUser(final byte tag)
    {
        if (SERIALIZED == tag)
        {
            return deserialize(getBytes());
        }
        final int count = OBJECT_ARRAY == tag ? -1 : getCount();
        switch (tag)
        {
            case OBJECT_ARRAY:
                return readObjectArray();
            case INT_ARRAY:
            {
                final int[] array = new int[checkRemaining(count, Integer.BYTES)];
                for (int i = 0; i < count; i++)
                {
                    array[i] = getInt();
                }
                return array;
            }
            case LONG_ARRAY:
            {
                final long[] array = new long[checkRemaining(count, Long.BYTES)];
                for (int i = 0; i < count; i++)
                {
                    array[i] = getLong();
                }
                return array;
            }
            case DOUBLE_ARRAY:
            {
                final double[] array = new double[checkRemaining(count, Double.BYTES)];
                for (int i = 0; i < count; i++)
                {
                    array[i] = Double.longBitsToDouble(getLong());
                }
                return array;
            }
            default:
                return readSmallPrimitiveArray(tag, count);
        }
    }

    private Object readSmallPrimitiveArray(final byte tag, final int count)
    {
        switch (tag)
        {
            case FLOAT_ARRAY:
            {
                final float[] array = new float[checkRemaining(count, Float.BYTES)];
                for (int i = 0; i < count; i++)
                {
                    array[i] = Float.intBitsToFloat(getInt());
                }
                return array;
            }
            case SHORT_ARRAY:
            case CHAR_ARRAY:
            {
                final short[] shorts = new short[checkRemaining(count, Short.BYTES)];
                final char[] chars = CHAR_ARRAY == tag ? new char[count] : null;
                for (int i = 0; i < count; i++)
                {
                    shorts[i] = getShort();
                    if (null != chars)
                    {
                        chars[i] = (char)shorts[i];
                    }
                }
                return null != chars ? chars : shorts;
            }
            case BOOLEAN_ARRAY:
            {
                final boolean[] array = new boolean[count];
                for (int i = 0; i < count; i++)
                {
                    array[i] = TRUE == getByte();
                }
                return array;
            }
            default:
                throw corrupt("unknown value tag: tag=" + tag);
        }
    }

    private Object readObjectArray()
    {
        final Class<?> component = getClassRef();
        if (!isAllowedComponentType(component, allowList))
        {
            throw new MessageDecodingException("array of a class that is not on the allow-list, not instantiated: " +
                "class=" + component.getName() + " (" + allowList + ")", null);
        }
        final int count = getCount();
        final Object[] array = (Object[])Array.newInstance(component, count);
        for (int i = 0; i < count; i++)
        {
            final Object element = readValue();
            if (null != element && !component.isInstance(element))
            {
                throw corrupt("array element of the wrong type: array of " + component.getName() + ", element " +
                    element.getClass().getName());
            }
            array[i] = element;
        }
        return array;
    }

    private Object deserialize(final byte[] bytes)
    {
        return deserialize(bytes, allowList);
    }

    /**
     * Java-deserialises a user object under the allow-list's filter.
     *
     * @throws MessageDecodingException naming the first class the filter refused.
     */
    static Object deserialize(final byte[] bytes, final AllowList allowList)
    {
        final String[] rejected = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            in.setObjectInputFilter((info) ->
            {
                final ObjectInputFilter.Status status = allowList.filter().checkInput(info);
                if (ObjectInputFilter.Status.REJECTED == status && null == rejected[0])
                {
                    rejected[0] = info.serialClass().getName();
                }
                return status;
            });
            return in.readObject();
        }
        catch (final InvalidClassException ex)
        {
            throw new MessageDecodingException("class not on the allow-list, not instantiated: class=" +
                rejected[0] + " (" + allowList + ")", ex);
        }
        catch (final IOException | ClassNotFoundException ex)
        {
            throw new MessageDecodingException("cannot deserialize a user object in the message: " + ex, ex);
        }
    }

    private Class<?> getClassRef()
    {
        final int index = getVarint();
        if (null == classes)
        {
            classes = new ArrayList<>();
        }
        if (index >= 0 && index < classes.size())
        {
            return classes.get(index);
        }
        if (index != classes.size())
        {
            throw corrupt("class index out of order: index=" + index + ", classes so far=" + classes.size());
        }
        final Class<?> type = resolve(getString());
        classes.add(type);
        return type;
    }

    /**
     * Loads a class by name without initialising it: nothing of the class runs before it is known to be an enum or
     * a record. Classes of the codec's own loader are remembered (only names that exist are, so the cache is
     * bounded by the class path); another context loader is asked each time.
     */
    private static Class<?> resolve(final String name)
    {
        final ClassLoader loader = Thread.currentThread().getContextClassLoader();
        final boolean ownLoader = null == loader || OWN_LOADER == loader;
        if (ownLoader)
        {
            final Class<?> cached = RESOLVED.get(name);
            if (null != cached)
            {
                return cached;
            }
        }
        try
        {
            final Class<?> type = Class.forName(name, false, null == loader ? OWN_LOADER : loader);
            if (ownLoader)
            {
                RESOLVED.put(name, type);
            }
            return type;
        }
        catch (final ClassNotFoundException ex)
        {
            throw new MessageDecodingException("class of a value in the message not found here: class=" + name, ex);
        }
    }

    private LocalDateTime getDateTime()
    {
        final LocalDate date = LocalDate.ofEpochDay(getLong());
        return LocalDateTime.of(date, LocalTime.ofNanoOfDay(getLong()));
    }

    private ZonedDateTime getZonedDateTime()
    {
        final LocalDateTime dateTime = getDateTime();
        final ZoneOffset offset = ZoneOffset.ofTotalSeconds(getInt());
        final ZoneId zone = ZoneId.of(getString());
        return ZonedDateTime.ofLocal(dateTime, zone, offset);
    }

    /** A hash table's initial capacity that holds count entries without resizing. */
    private static int hashCapacity(final int count)
    {
        return (int)(count / 0.75f) + 1;
    }
}
