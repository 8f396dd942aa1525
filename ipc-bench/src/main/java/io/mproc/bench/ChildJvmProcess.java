package io.mproc.bench;

import io.mproc.internal.JvmFlags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The second JVM of a benchmark: a {@code main} of this jar started with mproc's flags, this JVM's class path, and
 * stdin as a lifeline (it halts when the benchmark JVM goes, see {@link #exitWhenParentDies()}).
 */
public final class ChildJvmProcess implements AutoCloseable
{
    private final Process process;
    private final BufferedReader stdout;

    private ChildJvmProcess(final Process process)
    {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts the child and waits for it to print {@code READY}.
     *
     * @param mainClass with a {@code main}.
     * @param args      for it.
     * @return the running child.
     */
    public static ChildJvmProcess startAndAwaitReady(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try
        {
            final ChildJvmProcess child = new ChildJvmProcess(
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            String line;
            while (null != (line = child.stdout.readLine()))
            {
                if ("READY".equals(line))
                {
                    return child;
                }
            }
            child.close();
            throw new IllegalStateException("child exited before READY: " + command);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * For the child's {@code main}: halt when stdin (a pipe from the benchmark JVM) closes.
     */
    public static void exitWhenParentDies()
    {
        final Thread watcher = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // only EOF matters
                }
            }
            catch (final IOException ignore)
            {
                // as EOF
            }
            Runtime.getRuntime().halt(99);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * @return the child's pid.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * Waits briefly for the child to exit by itself, then kills it.
     */
    public void close()
    {
        try
        {
            if (!process.waitFor(2, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
