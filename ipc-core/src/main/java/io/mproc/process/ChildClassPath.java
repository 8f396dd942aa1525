package io.mproc.process;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path of a child JVM when none is given: this JVM's {@code java.class.path}, made absolute, and, when
 * that does not hold the classes the child needs (under {@code mvn exec:java}, in an IDE's or an application
 * server's class loader), what the class loaders that did load them were given: the URLs of each
 * {@link URLClassLoader} on their chains, parents first, then the code source of each class (mproc's own, its
 * dependencies', the task's).
 */
final class ChildClassPath
{
    /** Classes of mproc's dependencies that a child loads: their jars must be on its class path too. */
    private static final List<String> DEPENDENCY_CLASSES = List.of(
        "org.agrona.DirectBuffer", "com.sun.jna.Native", "org.slf4j.LoggerFactory");

    private ChildClassPath()
    {
    }

    /**
     * @param taskClasses the classes of the task and its arguments (or the entry class).
     * @return the class path for the child, entries separated by {@link File#pathSeparator}.
     */
    static String derive(final Collection<Class<?>> taskClasses)
    {
        final Set<String> entries = new LinkedHashSet<>(javaClassPath());
        final List<Class<?>> needed = new ArrayList<>(taskClasses);
        needed.add(ChildMain.class);
        for (final String name : DEPENDENCY_CLASSES)
        {
            final Class<?> dependency = loadQuietly(name, ChildMain.class.getClassLoader());
            if (null != dependency)
            {
                needed.add(dependency);
            }
        }
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (null != context && !isSystemLoaderOrParent(context))
        {
            addUrls(context, entries);
        }
        for (final Class<?> each : needed)
        {
            final Class<?> type = named(each);
            if (!isOnJavaClassPath(type))
            {
                addUrls(type.getClassLoader(), entries);
                addCodeSource(type, entries);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * @return the entries of {@code java.class.path}, absolute.
     */
    static List<String> javaClassPath()
    {
        final List<String> entries = new ArrayList<>();
        for (final String entry : System.getProperty("java.class.path", "").split(File.pathSeparator))
        {
            entries.add(Paths.get(entry.isEmpty() ? "." : entry).toAbsolutePath().normalize().toString());
        }
        return entries;
    }

    /**
     * @return the class itself, or for a lambda's hidden class the class that made it, for an array its element's.
     */
    private static Class<?> named(final Class<?> type)
    {
        Class<?> named = type;
        while (named.isArray())
        {
            named = named.getComponentType();
        }
        return named.isHidden() ? named.getNestHost() : named;
    }

    /**
     * A class the system class loader finds as the same class is one a child with {@code java.class.path} finds.
     */
    private static boolean isOnJavaClassPath(final Class<?> type)
    {
        final ClassLoader loader = type.getClassLoader();
        return null == loader || isSystemLoaderOrParent(loader) ||
            loadQuietly(type.getName(), ClassLoader.getSystemClassLoader()) == type;
    }

    private static boolean isSystemLoaderOrParent(final ClassLoader loader)
    {
        for (ClassLoader system = ClassLoader.getSystemClassLoader(); null != system; system = system.getParent())
        {
            if (system == loader)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the URLs of every {@link URLClassLoader} from the top of the loader's chain down to it, so that the
     * child searches them in the order the loaders delegate.
     */
    private static void addUrls(final ClassLoader loader, final Set<String> entries)
    {
        final List<ClassLoader> chain = new ArrayList<>();
        for (ClassLoader each = loader; null != each && !isSystemLoaderOrParent(each); each = each.getParent())
        {
            chain.add(0, each);
        }
        for (final ClassLoader each : chain)
        {
            if (each instanceof URLClassLoader)
            {
                for (final URL url : ((URLClassLoader)each).getURLs())
                {
                    addFileUrl(url, entries);
                }
            }
        }
    }

    private static void addCodeSource(final Class<?> type, final Set<String> entries)
    {
        final CodeSource source = type.getProtectionDomain().getCodeSource();
        if (null != source && null != source.getLocation())
        {
            addFileUrl(source.getLocation(), entries);
        }
    }

    private static void addFileUrl(final URL url, final Set<String> entries)
    {
        if (!"file".equals(url.getProtocol()))
        {
            return; // a child can only read files
        }
        try
        {
            entries.add(Path.of(url.toURI()).toAbsolutePath().normalize().toString());
        }
        catch (final URISyntaxException | IllegalArgumentException ex)
        {
            ProcessLogging.debug("class path entry skipped, not a file: " + url);
        }
    }

    private static Class<?> loadQuietly(final String name, final ClassLoader loader)
    {
        try
        {
            return Class.forName(name, false, loader);
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            return null;
        }
    }
}
