package io.mproc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * The JVM flags every mproc JVM needs, read from the one list the build keeps in the parent pom.
 * <p>
 * Agrona 2.x creates {@code UnsafeBuffer}s through {@code jdk.internal.misc}, Chronicle reaches into
 * {@code sun.nio.ch} and {@code java.lang.reflect}, and JNA (futex waits) wants native access on newer JDKs.
 * Child JVMs and benchmark forks are started with {@link #required()}, so that they behave like the parent.
 */
public final class JvmFlags
{
    private static final String RESOURCE = "jvm-flags.properties";
    private static final List<String> REQUIRED = Collections.unmodifiableList(load());

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

    private static List<String> load()
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
            // JDK 23+ warns about (and later denies) sun.misc.Unsafe memory access, which Agrona relies on.
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
