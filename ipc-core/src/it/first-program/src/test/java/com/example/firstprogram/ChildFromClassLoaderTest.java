package com.example.firstprogram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A child started by code that a class loader of its own loaded, whose class path is not {@code java.class.path}:
 * what happens under an application server, an IDE runner or {@code mvn exec:java}. The surefire execution
 * "child-from-class-loader" leaves this program's classes off the test JVM's class path and names their folder in
 * {@code first-program.classes}.
 * <p>
 * PENDING the "launch from anywhere" work on io.mproc.process.ChildProcess (skipped by default: see the pom's
 * {@code first-program.skipClassLoaderChild}).
 */
class ChildFromClassLoaderTest
{
    @Test
    @Timeout(120)
    void shouldStartAChildThatRunsATaskOfAClassOffTheJavaClassPath() throws Exception
    {
        final Path classes = Paths.get(System.getProperty("first-program.classes")).toAbsolutePath();
        assertFalse(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
            .anyMatch((entry) -> Paths.get(entry).toAbsolutePath().equals(classes)),
            "the program's classes are not on java.class.path");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.example.firstprogram.CounterChild"),
            "the application class loader cannot see the program's classes");

        final Thread thread = Thread.currentThread();
        final ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, before))
        {
            thread.setContextClassLoader(loader);
            final Class<?> program = loader.loadClass("com.example.firstprogram.CounterChild");
            assertEquals(7L, program.getMethod("runChildThatAdds", long.class).invoke(null, 7L));
        }
        finally
        {
            thread.setContextClassLoader(before);
        }
    }
}
