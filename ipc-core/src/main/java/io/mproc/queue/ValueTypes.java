package io.mproc.queue;

import io.mproc.memory.SharedObject;

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
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static io.mproc.queue.ValueTags.*;

/**
 * Which {@link ValueTags} tag a Java class travels as: an exact JDK value or collection class, an enum, a record, a
 * shared-object handle, another JDK collection as the nearest standard one, or {@link ValueTags#USER} for every
 * other class (opt-in through the allow-list). Decided once per class and cached.
 */
final class ValueTypes
{
    private static final Map<Class<?>, Byte> EXACT = exactTags();

    private static final ClassValue<Byte> TAGS = new ClassValue<>()
    {
        protected Byte computeValue(final Class<?> type)
        {
            return classify(type);
        }
    };

    private ValueTypes()
    {
    }

    /**
     * @return the tag a value of this class is written with, or {@link ValueTags#USER} for a user class; cached
     * per class.
     */
    static byte tagOf(final Class<?> type)
    {
        return TAGS.get(type);
    }

    private static byte classify(final Class<?> type)
    {
        final Byte exact = EXACT.get(type);
        if (null != exact)
        {
            return exact;
        }
        if (type.isArray())
        {
            return type.getComponentType().isPrimitive() ? USER : OBJECT_ARRAY;
        }
        if (Enum.class.isAssignableFrom(type))
        {
            return ENUM;
        }
        if (type.isRecord())
        {
            return RECORD;
        }
        if (SharedObject.class.isAssignableFrom(type))
        {
            return HANDLE;
        }
        return null == type.getClassLoader() ? classifyJdkType(type) : USER;
    }

    /**
     * The JDK's other collections travel as the nearest standard one: immutable views and {@code List.of} forms as
     * immutable, sorted ones as {@code TreeSet}/{@code TreeMap}, other lists as {@code ArrayList}, other sets and
     * maps as their {@code Linked} form (iteration order kept), other queues as {@code ArrayDeque}.
     */
    private static byte classifyJdkType(final Class<?> type)
    {
        final String name = type.getName();
        final boolean immutable = name.startsWith("java.util.ImmutableCollections$") ||
            name.startsWith("java.util.Collections$Unmodifiable") || name.startsWith("java.util.Collections$Empty") ||
            name.startsWith("java.util.Collections$Singleton");
        if (List.class.isAssignableFrom(type))
        {
            return immutable ? IMMUTABLE_LIST : ARRAY_LIST;
        }
        if (SortedSet.class.isAssignableFrom(type))
        {
            return TREE_SET;
        }
        if (Set.class.isAssignableFrom(type))
        {
            return immutable ? IMMUTABLE_SET : LINKED_HASH_SET;
        }
        if (SortedMap.class.isAssignableFrom(type))
        {
            return TREE_MAP;
        }
        if (Map.class.isAssignableFrom(type))
        {
            return immutable ? IMMUTABLE_MAP : LINKED_HASH_MAP;
        }
        if (java.util.Queue.class.isAssignableFrom(type))
        {
            return ARRAY_DEQUE;
        }
        if (ZoneId.class.isAssignableFrom(type))
        {
            return ZONE_ID;
        }
        return USER;
    }

    private static Map<Class<?>, Byte> exactTags()
    {
        final Map<Class<?>, Byte> tags = new HashMap<>();
        tags.put(Boolean.class, TRUE);
        tags.put(Byte.class, BYTE);
        tags.put(Short.class, SHORT);
        tags.put(Character.class, CHAR);
        tags.put(Integer.class, INT);
        tags.put(Long.class, LONG);
        tags.put(Float.class, FLOAT);
        tags.put(Double.class, DOUBLE);
        tags.put(String.class, STRING);
        tags.put(byte[].class, BYTES);
        tags.put(BigInteger.class, BIG_INTEGER);
        tags.put(BigDecimal.class, BIG_DECIMAL);
        tags.put(UUID.class, UUID);
        tags.put(Instant.class, INSTANT);
        tags.put(Duration.class, DURATION);
        tags.put(LocalDate.class, LOCAL_DATE);
        tags.put(LocalTime.class, LOCAL_TIME);
        tags.put(LocalDateTime.class, LOCAL_DATE_TIME);
        tags.put(OffsetDateTime.class, OFFSET_DATE_TIME);
        tags.put(ZonedDateTime.class, ZONED_DATE_TIME);
        tags.put(Period.class, PERIOD);
        tags.put(YearMonth.class, YEAR_MONTH);
        tags.put(ArrayList.class, ARRAY_LIST);
        tags.put(LinkedList.class, LINKED_LIST);
        tags.put(ArrayDeque.class, ARRAY_DEQUE);
        tags.put(HashSet.class, HASH_SET);
        tags.put(LinkedHashSet.class, LINKED_HASH_SET);
        tags.put(TreeSet.class, TREE_SET);
        tags.put(HashMap.class, HASH_MAP);
        tags.put(LinkedHashMap.class, LINKED_HASH_MAP);
        tags.put(TreeMap.class, TREE_MAP);
        tags.put(int[].class, INT_ARRAY);
        tags.put(long[].class, LONG_ARRAY);
        tags.put(double[].class, DOUBLE_ARRAY);
        tags.put(float[].class, FLOAT_ARRAY);
        tags.put(short[].class, SHORT_ARRAY);
        tags.put(char[].class, CHAR_ARRAY);
        tags.put(boolean[].class, BOOLEAN_ARRAY);
        return Map.copyOf(tags);
    }
}
