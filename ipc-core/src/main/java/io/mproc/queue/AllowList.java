package io.mproc.queue;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The user classes a process agrees to send and to instantiate from messages, beyond what travels by default.
 * <p>
 * <b>What travels without an entry</b> (on queues, pipes and the pool; see {@link ObjectCodec}): primitives and
 * their boxes, {@code String}, {@code byte[]} and buffers; {@code BigInteger}, {@code BigDecimal}, {@code UUID} and
 * the {@code java.time} values; the JDK's lists, sets, maps and queues, immutable forms included
 * ({@code List.of}, {@code Map.of}, ...), and arrays; any enum (the existing constant, by {@code Enum.valueOf}: no
 * new instance is made); any record whose components are themselves allowed (rebuilt by its canonical constructor); mproc's
 * shared-object handles (they travel by name and reopen the same memory). Nested as deep as they go.
 * <p>
 * <b>What needs an entry</b>: every other class, by name or by package; such objects travel by Chronicle
 * marshalling ({@code BytesMarshallable}) or Java serialisation, and every class inside them needs an entry too.
 * A sorted set or map with a custom comparator needs the comparator's class. The sender checks its own list and
 * refuses an unlisted class at {@code put}/{@code send}/{@code submit} ({@link UnsendableValueException}); the
 * receiver checks its list again, and instantiates nothing else ({@link MessageDecodingException} naming the class).
 * Immutable.
 * <pre>
 * AllowList.of(Order.class, Fill.class).allowPackage("com.acme.events")
 * </pre>
 */
public final class AllowList
{
    /** Allows no user class. */
    public static final AllowList NONE = new AllowList(Set.of(), List.of());

    /**
     * The JDK classes that may appear in a Java-serialised object by default (the values and collections above, as
     * serialisation writes them: their serialisable superclasses and serial proxies included). Exact names: no
     * other JDK class, whatever it does when read, is ever instantiated from a stream.
     */
    private static final Set<String> ALWAYS = Set.of(
        "java.lang.Number", "java.lang.Enum", "java.lang.Long", "java.lang.Integer", "java.lang.Short",
        "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Character", "java.lang.Boolean",
        "java.lang.String", "java.math.BigInteger", "java.math.BigDecimal", "java.util.UUID",
        "java.time.Ser", "java.time.Instant", "java.time.Duration", "java.time.LocalDate", "java.time.LocalTime",
        "java.time.LocalDateTime", "java.time.OffsetDateTime", "java.time.ZonedDateTime", "java.time.ZoneId",
        "java.time.ZoneOffset", "java.time.ZoneRegion", "java.time.Period", "java.time.YearMonth",
        "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Arrays$ArrayList",
        "java.util.HashMap", "java.util.Map$Entry", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet",
        "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.CollSer", "java.util.ImmutableCollections$ListN",
        "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$SetN",
        "java.util.ImmutableCollections$Set12", "java.util.ImmutableCollections$MapN",
        "java.util.ImmutableCollections$Map1", "java.util.Collections$UnmodifiableCollection",
        "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableRandomAccessList",
        "java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableMap",
        "java.util.Collections$EmptyList", "java.util.Collections$EmptySet", "java.util.Collections$EmptyMap",
        "java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
        "java.util.Collections$SingletonMap", "java.util.concurrent.ConcurrentHashMap",
        "java.util.concurrent.ConcurrentHashMap$Segment", "java.util.concurrent.locks.ReentrantLock",
        "java.util.concurrent.locks.ReentrantLock$Sync", "java.util.concurrent.locks.ReentrantLock$NonfairSync",
        "java.util.concurrent.locks.AbstractQueuedSynchronizer",
        "java.util.concurrent.locks.AbstractOwnableSynchronizer", "java.util.concurrent.CopyOnWriteArrayList",
        "io.mproc.memory.SharedObjectRef");

    private final Set<String> classNames;
    private final List<String> packagePrefixes;
    private final ObjectInputFilter filter;

    private AllowList(final Set<String> classNames, final List<String> packagePrefixes)
    {
        this.classNames = classNames;
        this.packagePrefixes = packagePrefixes;
        this.filter = this::check;
    }

    /**
     * @param classes to allow.
     * @return an allow-list of exactly these classes.
     */
    public static AllowList of(final Class<?>... classes)
    {
        return NONE.allow(classes);
    }

    /**
     * @param classes to allow as well.
     * @return a new allow-list.
     */
    public AllowList allow(final Class<?>... classes)
    {
        final Set<String> names = new LinkedHashSet<>(classNames);
        for (final Class<?> type : classes)
        {
            names.add(type.getName());
        }
        return new AllowList(Collections.unmodifiableSet(names), packagePrefixes);
    }

    /**
     * @param names of classes to allow as well, fully qualified (for a process that should not load them to say so).
     * @return a new allow-list.
     */
    public AllowList allowClassNames(final String... names)
    {
        final Set<String> all = new LinkedHashSet<>(classNames);
        all.addAll(List.of(names));
        return new AllowList(Collections.unmodifiableSet(all), packagePrefixes);
    }

    /**
     * @param packageName whose classes (and sub-packages' classes) to allow as well.
     * @return a new allow-list.
     */
    public AllowList allowPackage(final String packageName)
    {
        if (packageName.isBlank() || packageName.startsWith("java.") || packageName.equals("java"))
        {
            throw new IllegalArgumentException("package must be a specific non-JDK package: packageName=" + packageName);
        }
        final List<String> prefixes = new ArrayList<>(packagePrefixes);
        prefixes.add(packageName + ".");
        return new AllowList(classNames, Collections.unmodifiableList(prefixes));
    }

    /**
     * @param className fully qualified.
     * @return true when values of that class may be instantiated: a JDK value or collection named above, or a class
     * or package on this list (records and enums are recognised only by {@link #allows(Class)}).
     */
    public boolean allows(final String className)
    {
        if (ALWAYS.contains(className) || classNames.contains(className))
        {
            return true;
        }
        for (final String prefix : packagePrefixes)
        {
            if (className.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param type of an object about to be sent or received.
     * @return true when it may travel: a primitive, a JDK value or collection named above, an enum, a record (its
     * components are checked on their own), a shared-object handle (it travels by name, as a
     * {@link io.mproc.memory.SharedObjectRef}, and is what that reference opens), or a class or package on this list.
     */
    public boolean allows(final Class<?> type)
    {
        return type.isPrimitive() || Enum.class.isAssignableFrom(type) || type.isRecord() ||
            io.mproc.memory.SharedObject.class.isAssignableFrom(type) || allows(type.getName());
    }

    /**
     * @return the filter to install on an {@link java.io.ObjectInputStream}: it rejects every class not allowed.
     */
    public ObjectInputFilter filter()
    {
        return filter;
    }

    private ObjectInputFilter.Status check(final ObjectInputFilter.FilterInfo info)
    {
        Class<?> type = info.serialClass();
        if (null == type)
        {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray())
        {
            type = type.getComponentType();
        }
        // Object: arrays of it, which collections such as ArrayList allocate through the filter when read.
        return Object.class == type || allows(type) ?
            ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    public String toString()
    {
        return "AllowList{classes=" + classNames + ", packages=" + packagePrefixes + '}';
    }
}
