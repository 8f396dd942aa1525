package io.mproc.journal;

import io.mproc.internal.JvmFlags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Test support (the journal module's twin of ipc-core's test {@code ChildJvm}, which is not published): a separate
 * JVM running a {@code main} of the test class path with mproc's JVM flags. Its stdout lines can be awaited; it is
 * killed by {@link #close()}, by a shutdown hook, and halts itself ({@link #exitWhenParentDies()}) when the test
 * JVM's end of its stdin closes.
 */
final class JournalChild implements AutoCloseable
{
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> stdout = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private JournalChild(final Process process)
    {
        this.process = process;
        LIVE.add(process);
        pump(process.getInputStream(), (line) ->
        {
            synchronized (stdout)
            {
                stdout.add(line);
            }
            lines.add(line);
        });
        pump(process.getErrorStream(), (line) -> stderr.append(line).append('\n'));
    }

    static JournalChild start(final Class<?> mainClass, final String... args)
    {
        return startWithFlags(JvmFlags.required(), mainClass, args);
    }

    static JournalChild startWithFlags(final List<String> flags, final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-Xshare:auto");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // short-lived children: C1 only starts faster on 2 cores
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try
        {
            return new JournalChild(new ProcessBuilder(command).start());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** For a child's main: halt when the parent's end of stdin closes. */
    static void exitWhenParentDies()
    {
        final Thread watcher = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // nothing is sent: wait for end of file
                }
            }
            catch (final IOException ignore)
            {
                // parent gone
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    String awaitLine(final String prefix, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (null == line)
            {
                throw new AssertionError("no line starting with '" + prefix + "' within " + timeout + "; stdout=" +
                    stdout() + ", stderr=" + stderr + ", alive=" + process.isAlive());
            }
            if (line.startsWith(prefix))
            {
                return line;
            }
        }
    }

    int waitFor(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("child still running after " + timeout + "; stdout=" + stdout() +
                ", stderr=" + stderr);
        }
        return process.exitValue();
    }

    void assertSuccess(final Duration timeout) throws InterruptedException
    {
        final int exit = waitFor(timeout);
        if (0 != exit)
        {
            throw new AssertionError("child exit " + exit + "; stdout=" + stdout() + ", stderr=" + stderr);
        }
    }

    /** Writes one line to the child's stdin (children that take commands read them there). */
    void send(final String line) throws IOException
    {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    long pid()
    {
        return process.pid();
    }

    List<String> stdout()
    {
        synchronized (stdout)
        {
            return new ArrayList<>(stdout);
        }
    }

    String stderr()
    {
        return stderr.toString();
    }

    /** SIGKILL, and wait until it is gone. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor();
        LIVE.remove(process);
    }

    @Override
    public void close() throws InterruptedException
    {
        kill();
    }

    private static void pump(final InputStream in, final Consumer<String> sink)
    {
        final Thread thread = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    sink.accept(line);
                }
            }
            catch (final IOException ignore)
            {
                // the child is gone
            }
        });
        thread.setDaemon(true);
        thread.start();
    }
}
