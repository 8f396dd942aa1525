package io.mproc.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * The threads that read a child's pipes: its stderr always (an {@link ErrorPump}: the child's status lines come that
 * way), its stdout when it is piped ({@link OutputMode#PIPE}, {@link OutputMode#PREFIXED}).
 * <p>
 * Where stderr goes: with {@link OutputMode#INHERIT}, to this JVM's file descriptor 2 as the child would have
 * written it (so it no longer goes on once this JVM has died); with a file ({@link ChildProcess#redirectError}),
 * appended to it; otherwise to {@code System.err}, prefixed or not.
 */
final class OutputPumps
{
    private static final long DRAIN_MS = 1_000;

    private final Thread stdoutPump;
    private final Thread stderrThread;
    private final ErrorPump stderrPump;

    private OutputPumps(final Thread stdoutPump, final Thread stderrThread, final ErrorPump stderrPump)
    {
        this.stdoutPump = stdoutPump;
        this.stderrThread = stderrThread;
        this.stderrPump = stderrPump;
    }

    /**
     * @param options of the child.
     * @return where the child's stderr lines go; opened before the child starts, so that a bad file fails first.
     */
    static LineSink stderrSink(final ChildOptions options)
    {
        if (null != options.errorFile)
        {
            return LineSink.appendTo(options.errorFile);
        }
        if (OutputMode.INHERIT == options.outputMode)
        {
            return LineSink.rawStderr();
        }
        return LineSink.system(true, prefix(options));
    }

    /**
     * Starts the pumps of a child.
     *
     * @param process    of the child.
     * @param stderr     the child's stderr: the process's, or a spare's with what it wrote before ({@link Spare}).
     * @param options    of the child: which streams are piped, and the prefix of each line.
     * @param stderrSink from {@link #stderrSink(ChildOptions)}.
     * @param token      of the child's status lines.
     * @return the pumps.
     */
    static OutputPumps start(final Process process, final InputStream stderr, final ChildOptions options,
        final LineSink stderrSink, final String token)
    {
        final boolean stdoutPiped = OutputMode.INHERIT != options.outputMode && null == options.outputFile;
        final Thread stdout = stdoutPiped ?
            daemon(() -> copyLines(process.getInputStream(), LineSink.system(false, prefix(options))),
            options.name + "-stdout") : null;
        final ErrorPump errorPump = new ErrorPump(stderr, stderrSink, token);
        return new OutputPumps(stdout, daemon(errorPump, options.name + "-stderr"), errorPump);
    }

    ErrorPump stderr()
    {
        return stderrPump;
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
        for (final Thread pump : new Thread[]{stdoutPump, stderrThread})
        {
            if (null != pump)
            {
                pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
            }
        }
    }

    private static String prefix(final ChildOptions options)
    {
        return OutputMode.PREFIXED == options.outputMode ? "[" + options.name + "] " : null;
    }

    private static Thread daemon(final Runnable pump, final String threadName)
    {
        final Thread thread = new Thread(pump, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void copyLines(final InputStream in, final LineSink sink)
    {
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
                        sink.write(line.toByteArray(), line.size());
                        line.reset();
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
            sink.write(line.toByteArray(), line.size());
        }
        sink.close();
    }
}
