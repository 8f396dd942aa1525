package io.mproc.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The threads that copy a child's piped stdout and stderr to this JVM's {@link System#out} and {@link System#err},
 * line by line, so that lines of several children never interleave mid-line.
 */
final class OutputPumps
{
    private static final long DRAIN_MS = 1_000;

    private final Thread stdoutPump;
    private final Thread stderrPump;

    private OutputPumps(final Thread stdoutPump, final Thread stderrPump)
    {
        this.stdoutPump = stdoutPump;
        this.stderrPump = stderrPump;
    }

    /**
     * Starts a pump for each of the child's streams that is a pipe.
     *
     * @param process of the child.
     * @param options of the child: which streams are piped, and the prefix of each line.
     * @return the pumps.
     */
    static OutputPumps start(final Process process, final ChildOptions options)
    {
        final boolean piped = OutputMode.INHERIT != options.outputMode;
        final String prefix = OutputMode.PREFIXED == options.outputMode ? "[" + options.name + "] " : null;
        final Thread stdout = piped && null == options.outputFile ?
            pump(process.getInputStream(), false, prefix, options.name + "-stdout") : null;
        final Thread stderr = piped && null == options.errorFile ?
            pump(process.getErrorStream(), true, prefix, options.name + "-stderr") : null;
        return new OutputPumps(stdout, stderr);
    }

    /**
     * Waits, boundedly, for the last output of the child to be copied: a grandchild that inherited the pipe may keep
     * it open long after the child exited.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    void drain() throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
        for (final Thread pump : new Thread[]{stdoutPump, stderrPump})
        {
            if (null != pump)
            {
                pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
            }
        }
    }

    private static Thread pump(final InputStream in, final boolean toStderr, final String prefix, final String threadName)
    {
        final Thread thread = new Thread(() -> copyLines(in, toStderr, prefix), threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Copies whole lines; looks up System.out/err at each line so that a later {@link System#setOut} is honoured.
     */
    private static void copyLines(final InputStream in, final boolean toStderr, final String prefix)
    {
        final byte[] prefixBytes = null == prefix ? new byte[0] : prefix.getBytes(StandardCharsets.UTF_8);
        final byte[] buffer = new byte[8192];
        final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (InputStream input = in)
        {
            int length;
            while ((length = input.read(buffer)) > 0)
            {
                int lineStart = 0;
                for (int i = 0; i < length; i++)
                {
                    if ('\n' == buffer[i])
                    {
                        line.write(buffer, lineStart, i + 1 - lineStart);
                        emit(line, prefixBytes, toStderr);
                        lineStart = i + 1;
                    }
                }
                line.write(buffer, lineStart, length - lineStart);
            }
        }
        catch (final IOException ignore)
        {
            // the child is gone
        }
        if (line.size() > 0)
        {
            emit(line, prefixBytes, toStderr);
        }
    }

    private static void emit(final ByteArrayOutputStream line, final byte[] prefixBytes, final boolean toStderr)
    {
        final PrintStream target = toStderr ? System.err : System.out;
        synchronized (target)
        {
            target.write(prefixBytes, 0, prefixBytes.length);
            target.write(line.toByteArray(), 0, line.size());
            target.flush();
        }
        line.reset();
    }
}
