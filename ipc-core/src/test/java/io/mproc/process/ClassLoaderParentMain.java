package io.mproc.process;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A parent JVM as {@code mvn exec:java}, an IDE or an application server makes it: its {@code java.class.path}
 * holds only this class's folder, and the application (mproc, its dependencies, {@link ClassLoaderApp}) is loaded by
 * an isolated {@link URLClassLoader}, also the context class loader. Uses nothing but the JDK itself.
 */
public final class ClassLoaderParentMain
{
    private ClassLoaderParentMain()
    {
    }

    /**
     * @param args the application's class path, entries separated by {@link File#pathSeparator}.
     */
    public static void main(final String[] args) throws Exception
    {
        final String[] entries = args[0].split(File.pathSeparator);
        final URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++)
        {
            urls[i] = Path.of(entries[i]).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader("app", urls, ClassLoader.getPlatformClassLoader()))
        {
            Thread.currentThread().setContextClassLoader(loader);
            final Class<?> app = Class.forName("io.mproc.process.ClassLoaderApp", true, loader);
            app.getMethod("main", String[].class).invoke(null, (Object)new String[0]);
        }
    }
}
