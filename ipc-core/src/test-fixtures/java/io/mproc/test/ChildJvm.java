package io.mproc.test;

import io.mproc.internal.JvmFlags;

import java.io.BufferedReader;
import java.io.IOException;
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

/**
 * Test support: a separate JVM running a {@code main} class of the test class path, with the JVM flags mproc
 * needs. Its stdout is read line by line so a test can wait for a marker; stderr is collected for failure messages.
 * <p>
 * The child can never outlive the test run: {@link #close()} kills it, a shutdown hook kills any left when the
 * test JVM exits, and a child that calls {@link #exitWhenParentDies()} halts as soon as its stdin (a pipe from this
 * JVM) reaches end of file, which also covers the test JVM being SIGKILLed.
 */
public final class ChildJvm implements AutoCloseable
{
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "child-jvm-reaper"));
    }

    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final List<String> stdout = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ChildJvm(final Process process)
    {
        this.process = process;
        LIVE.add(process);
        stdoutReader = pump(process.getInputStream(), (line) ->
        {
            synchronized (stdout)
            {
                stdout.add(line);
            }
            stdoutLines.add(line);
        }, "stdout-" + process.pid());
        stderrReader = pump(process.getErrorStream(), (line) -> stderr.append(line).append('\n'), "stderr-" + process.pid());
    }

    /**
     * Starts {@code mainClass} in a new JVM with this JVM's class path and mproc's flags.
     *
     * @param mainClass with a {@code main}.
     * @param args      for it.
     * @return the running child.
     */
    public static ChildJvm start(final Class<?> mainClass, final String... args)
    {
        return start(List.of(), mainClass, args);
    }

    /**
     * Starts {@code mainClass} in a new JVM with extra JVM options.
     *
     * @param jvmOptions extra options, such as {@code -Dname=value}.
     * @param mainClass  with a {@code main}.
     * @param args       for it.
     * @return the running child.
     */
    public static ChildJvm start(final List<String> jvmOptions, final Class<?> mainClass, final String... args)
    {
        return start(jvmOptions, System.getProperty("java.class.path"), mainClass, args);
    }

    /**
     * Starts {@code mainClass} in a new JVM with extra JVM options and a class path of the caller's choosing (for
     * example this JVM's class path less an optional dependency).
     *
     * @param jvmOptions extra options, such as {@code -Dname=value}.
     * @param classPath  the child's class path.
     * @param mainClass  with a {@code main}.
     * @param args       for it.
     * @return the running child.
     */
    public static ChildJvm start(
        final List<String> jvmOptions, final String classPath, final Class<?> mainClass, final String... args)
    {
        return start(JvmFlags.required(), jvmOptions, classPath, mainClass, args);
    }

    /**
     * Starts {@code mainClass} in a new JVM with exactly the given mproc flags instead of {@link JvmFlags#required()}
     * (an empty list: none at all), to test what a JVM launched by a user without them does.
     *
     * @param mprocFlags the flags in place of mproc's own, such as {@code --add-exports=...}.
     * @param jvmOptions extra options, such as {@code -Dname=value}.
     * @param mainClass  with a {@code main}.
     * @param args       for it.
     * @return the running child.
     */
    public static ChildJvm startWithFlags(final List<String> mprocFlags, final List<String> jvmOptions,
        final Class<?> mainClass, final String... args)
    {
        return start(mprocFlags, jvmOptions, System.getProperty("java.class.path"), mainClass, args);
    }

    private static ChildJvm start(final List<String> mprocFlags, final List<String> jvmOptions,
        final String classPath, final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(mprocFlags);
        command.add("-Xshare:auto");
        command.add("-XX:+UseSerialGC"); // small children start faster and take less memory with the serial GC
        final String root = System.getProperty("mproc.root");
        if (null != root)
        {
            command.add("-Dmproc.root=" + root);
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try
        {
            return new ChildJvm(new ProcessBuilder(command).start());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * For the child's {@code main}: halt this JVM when the parent's end of stdin closes (the parent exited or was
     * killed), so that no test child is ever orphaned.
     */
    public static void exitWhenParentDies()
    {
        final Thread watcher = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // the parent never writes: only EOF matters
                }
            }
            catch (final IOException ignore)
            {
                // treat as EOF
            }
            Runtime.getRuntime().halt(99);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * For the child's {@code main}: blocks until the process is killed (a test kills it, or the parent's death ends it
     * through {@link #exitWhenParentDies()}). Unlike a long sleep, it never returns on its own on a slow machine.
     *
     * @throws InterruptedException if the thread is interrupted.
     */
    public static void blockUntilKilled() throws InterruptedException
    {
        while (!Thread.currentThread().isInterrupted())
        {
            java.util.concurrent.locks.LockSupport.park(ChildJvm.class);
        }
        throw new InterruptedException("interrupted while waiting to be killed");
    }

    /**
     * @return the child's pid.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * @return the child process.
     */
    public Process process()
    {
        return process;
    }

    /**
     * Waits for the next stdout line that starts with {@code prefix}, skipping others.
     *
     * @param prefix  of the line.
     * @param timeout to wait.
     * @return the line.
     * @throws AssertionError on timeout or if the child exits first, with its output.
     */
    public String awaitLine(final String prefix, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        try
        {
            while (true)
            {
                final long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0)
                {
                    throw new AssertionError("timed out waiting for a line starting with '" + prefix + "'" + describe());
                }
                final String line = stdoutLines.poll(Math.min(remainingNs, TimeUnit.MILLISECONDS.toNanos(50)),
                    TimeUnit.NANOSECONDS);
                if (null != line)
                {
                    if (line.startsWith(prefix))
                    {
                        return line;
                    }
                }
                else if (!process.isAlive() && !stdoutReader.isAlive() && stdoutLines.isEmpty())
                {
                    throw new AssertionError("child exited before printing a line starting with '" + prefix + "'" +
                        describe());
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    /**
     * Waits for the child to exit.
     *
     * @param timeout to wait.
     * @return its exit code.
     * @throws AssertionError on timeout, with its output; the child is killed.
     */
    public int waitFor(final Duration timeout)
    {
        try
        {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                final String description = describe();
                close();
                throw new AssertionError("child did not exit within " + timeout + description);
            }
            stdoutReader.join(5_000);
            stderrReader.join(5_000);
            LIVE.remove(process);
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    /**
     * Waits for the child to exit and checks it succeeded.
     *
     * @param timeout to wait.
     * @throws AssertionError when it did not exit 0, with its output.
     */
    public void assertSuccess(final Duration timeout)
    {
        final int exitCode = waitFor(timeout);
        if (0 != exitCode)
        {
            throw new AssertionError("child exited with " + exitCode + describe());
        }
    }

    /**
     * @return every stdout line so far.
     */
    public List<String> stdout()
    {
        synchronized (stdout)
        {
            return new ArrayList<>(stdout);
        }
    }

    /**
     * @return stderr so far.
     */
    public String stderr()
    {
        return stderr.toString();
    }

    /**
     * SIGKILLs the child and waits for it to be gone.
     */
    public void kill()
    {
        process.destroyForcibly();
        try
        {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    /**
     * Kills the child if it still runs.
     */
    public void close()
    {
        if (process.isAlive())
        {
            kill();
        }
        LIVE.remove(process);
    }

    private String describe()
    {
        return "\n--- child " + process.pid() + " stdout:\n" + String.join("\n", stdout()) + "\n--- stderr:\n" + stderr;
    }

    private static Thread pump(final java.io.InputStream in, final java.util.function.Consumer<String> sink, final String name)
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
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
