package io.mproc.queue;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes a consumer agrees to instantiate from queue messages, for Chronicle-marshalled and Java-serialised
 * values. Nothing else is ever instantiated from shared memory: a message naming another class fails with
 * {@link MessageDecodingException} naming it. Primitives, their boxes, {@code String}, {@code byte[]} and buffers
 * need no entry. Immutable.
 * <pre>
 * AllowList.of(Order.class, Fill.class).allowPackage("com.acme.events")
 * </pre>
 */
public final class AllowList
{
    /** Allows no user class. */
    public static final AllowList NONE = new AllowList(Set.of(), List.of());

    private static final Set<String> ALWAYS = Set.of(
        "java.lang.Number", "java.lang.Enum", "java.lang.Long", "java.lang.Integer", "java.lang.Short",
        "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Character", "java.lang.Boolean",
        "java.lang.String");

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
     * @return true when values of that class may be instantiated.
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
        return type.isPrimitive() || allows(type.getName()) ?
            ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    public String toString()
    {
        return "AllowList{classes=" + classNames + ", packages=" + packagePrefixes + '}';
    }
}
