package io.mproc.internal;

import com.sun.jna.Native;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * The JVM flags mproc uses: the full list every child JVM gets, read from the one list the build keeps in the parent
 * pom, and the checks of which flags this JVM lacks. Not API: the public face is {@code io.mproc.JvmFlags}, which
 * documents what each feature needs, as measured.
 * <p>
 * Agrona 2.x creates {@code UnsafeBuffer}s through {@code jdk.internal.misc} (a hard requirement), JNA (futex waits)
 * wants native access on JDK 22+ (a warning without it), and Chronicle Bytes wants {@code java.lang.reflect} open
 * (an error logged without it); the durable journal (ipc-journal) runs on Chronicle Queue, which needs
 * {@code sun.nio.ch} and {@code jdk.internal.ref} exported (in {@link #required()}).
 * Child JVMs and benchmark forks are started with {@link #required()}, so that they behave like the parent.
 */
public final class JvmFlags
{
    private static final String RESOURCE = "jvm-flags.properties";
    private static final Properties LISTS = loadLists();
    private static final List<String> REQUIRED = Collections.unmodifiableList(load());
    private static final List<String> CLUSTER = Collections.unmodifiableList(loadCluster());
    /** The first JDK that has {@code Module.isNativeAccessEnabled()} and warns when JNA loads without native access. */
    private static final int NATIVE_ACCESS_JDK = 22;
    /** The first JDK that warns when Chronicle's native layer (jffi) uses {@code sun.misc.Unsafe} memory access. */
    private static final int UNSAFE_MEMORY_ACCESS_WARNING_JDK = 24;

    private JvmFlags()
    {
    }

    /**
     * The flags to put on the command line of a JVM that uses mproc, in order: exports, opens, native
     * access, flags only newer JDKs accept, then system properties.
     *
     * @return an unmodifiable list of flags.
     */
    public static List<String> required()
    {
        return REQUIRED;
    }

    /**
     * The flags of a JVM that joins an Apache Ignite cluster (module {@code ipc-cluster}): {@link #required()},
     * then Ignite's {@code --add-opens} and the system properties that keep a node quiet and off the network
     * beyond its cluster (no update check).
     *
     * @return an unmodifiable list of flags.
     */
    public static List<String> cluster()
    {
        return CLUSTER;
    }

    /**
     * The fewest flags with which mproc's shared memory, sync, queues, pipes, child processes and pools work on this
     * JDK without an error or a warning: the export of {@code jdk.internal.misc} to Agrona, and on JDK 22+ native
     * access for JNA.
     *
     * @return an unmodifiable list of flags.
     */
    public static List<String> minimal()
    {
        final List<String> flags = new ArrayList<>();
        flags.add(exportFlag("java.base/jdk.internal.misc", targetOf(UnsafeBuffer.class.getModule())));
        if (Runtime.version().feature() >= NATIVE_ACCESS_JDK)
        {
            flags.add(nativeAccessFlag());
        }
        return Collections.unmodifiableList(flags);
    }

    /**
     * The flags without which this JVM cannot map shared memory at all (Agrona's {@code UnsafeBuffer} fails with an
     * {@code IllegalAccessError}): empty when it has them.
     *
     * @return an unmodifiable list of the missing flags.
     */
    public static List<String> missingForSharedMemory()
    {
        final Module agrona = UnsafeBuffer.class.getModule();
        if (Object.class.getModule().isExported("jdk.internal.misc", agrona))
        {
            return List.of();
        }
        return List.of(exportFlag("java.base/jdk.internal.misc", targetOf(agrona)));
    }

    /**
     * The flags of {@link #minimal()} this JVM lacks.
     *
     * @return an unmodifiable list of the missing flags.
     */
    public static List<String> missing()
    {
        final List<String> missing = new ArrayList<>(missingForSharedMemory());
        if (!nativeAccessEnabled())
        {
            missing.add(nativeAccessFlag());
        }
        return Collections.unmodifiableList(missing);
    }

    /**
     * The flags Chronicle Bytes marshalling lacks in this JVM: without {@code java.lang.reflect} open it logs an error
     * at first use (and still works); the JDK 24+ flag that silences its {@code sun.misc.Unsafe} warning cannot be
     * detected, so it is never listed here.
     *
     * @param chronicleClass any class of Chronicle Bytes, so that this class never loads Chronicle itself.
     * @return an unmodifiable list of the missing flags.
     */
    public static List<String> missingForChronicle(final Class<?> chronicleClass)
    {
        final Module chronicle = chronicleClass.getModule();
        if (Object.class.getModule().isOpen("java.lang.reflect", chronicle))
        {
            return List.of();
        }
        return List.of("--add-opens=java.base/java.lang.reflect=" + targetOf(chronicle));
    }

    /**
     * @return whether this JDK warns about Chronicle's {@code sun.misc.Unsafe} memory access unless it is started with
     * {@code --sun-misc-unsafe-memory-access=allow}.
     */
    public static boolean warnsAboutUnsafeMemoryAccess()
    {
        return Runtime.version().feature() >= UNSAFE_MEMORY_ACCESS_WARNING_JDK;
    }

    private static boolean nativeAccessEnabled()
    {
        if (Runtime.version().feature() < NATIVE_ACCESS_JDK)
        {
            return true; // nothing to enable: JNA loads without a word
        }
        try
        {
            // Module.isNativeAccessEnabled() is JDK 22+; mproc compiles for 17.
            return (Boolean)Module.class.getMethod("isNativeAccessEnabled").invoke(Native.class.getModule());
        }
        catch (final NoSuchMethodException | IllegalAccessException | InvocationTargetException ex)
        {
            return true; // cannot tell: do not claim a flag is missing
        }
    }

    private static String nativeAccessFlag()
    {
        return "--enable-native-access=" + targetOf(Native.class.getModule());
    }

    private static String exportFlag(final String modulePackage, final String target)
    {
        return "--add-exports=" + modulePackage + "=" + target;
    }

    /**
     * @return the name to give a flag for the library in that module: its name when it runs as a named module,
     * otherwise {@code ALL-UNNAMED} (the class path).
     */
    private static String targetOf(final Module module)
    {
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }

    private static List<String> loadCluster()
    {
        final List<String> flags = new ArrayList<>(REQUIRED);
        for (final String open : words(LISTS.getProperty("clusterAddOpens")))
        {
            flags.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        flags.addAll(words(LISTS.getProperty("clusterSystemProperties")));
        return flags;
    }

    private static Properties loadLists()
    {
        final Properties properties = new Properties();
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("missing resource io/mproc/internal/" + RESOURCE);
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }

    private static List<String> load()
    {
        final Properties properties = LISTS;
        final List<String> flags = new ArrayList<>();
        for (final String export : words(properties.getProperty("addExports")))
        {
            flags.add("--add-exports=" + export + "=ALL-UNNAMED");
        }
        for (final String open : words(properties.getProperty("addOpens")))
        {
            flags.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        flags.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23)
        {
            // JDK 24+ warns about (and later denies) sun.misc.Unsafe memory access, which Chronicle's jffi uses;
            // JDK 23 is the first to accept the flag.
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        flags.addAll(words(properties.getProperty("systemProperties")));
        return flags;
    }

    private static List<String> words(final String value)
    {
        final List<String> words = new ArrayList<>();
        if (null != value)
        {
            for (final String word : value.trim().split("\\s+"))
            {
                if (!word.isEmpty())
                {
                    words.add(word);
                }
            }
        }
        return words;
    }
}
