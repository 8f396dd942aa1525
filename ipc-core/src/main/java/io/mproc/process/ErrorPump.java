package io.mproc.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads a child's stderr pipe: takes out the child's {@link StatusLine}s (it is ready; how it exits) and copies
 * every other line to the child's {@link LineSink}. Until the child is ready it also keeps the start of that output,
 * for the {@link ChildStartException} of a child that fails to start.
 */
final class ErrorPump implements Runnable
{
    private static final int MAX_STARTUP_OUTPUT = 16 * 1024;

    private final InputStream in;
    private final LineSink sink;
    private final byte[] marker;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final ByteArrayOutputStream startupOutput = new ByteArrayOutputStream(256);
    private volatile int exitLine = StatusLine.NONE;

    ErrorPump(final InputStream in, final LineSink sink, final String token)
    {
        this.in = in;
        this.sink = sink;
        this.marker = StatusLine.marker(token);
    }

    /**
     * @return completed when the child says it is ready; the caller completes it exceptionally when it is not.
     */
    CompletableFuture<Void> ready()
    {
        return ready;
    }

    /**
     * @return {@link StatusLine#EXIT}, the signal number of the child's exit line, or {@link StatusLine#NONE}.
     */
    int exitLine()
    {
        return exitLine;
    }

    /**
     * @return the start of what the child wrote on stderr before it was ready.
     */
    String startupOutput()
    {
        synchronized (startupOutput)
        {
            final String text = startupOutput.toString(StandardCharsets.UTF_8);
            return startupOutput.size() >= MAX_STARTUP_OUTPUT ? text + "\n... (cut)" : text;
        }
    }

    /**
     * Waits until the stream has ended, at most {@code timeoutMs}.
     *
     * @return true when it has.
     */
    boolean awaitEnd(final long timeoutMs) throws InterruptedException
    {
        return ended.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public void run()
    {
        final byte[] buffer = new byte[8192];
        final LineBuffer line = new LineBuffer();
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
                        line.append(buffer, lineStart, i + 1 - lineStart);
                        endOfLine(line);
                        lineStart = i + 1;
                    }
                }
                line.append(buffer, lineStart, length - lineStart);
            }
        }
        catch (final IOException ignore)
        {
            // the child is gone
        }
        if (line.length > 0)
        {
            copy(line);
        }
        sink.close();
        ended.countDown();
    }

    /**
     * A line is complete: a status line, written in one piece, may end it after other output that had no line
     * feed yet; that output stays in the buffer, to be continued.
     */
    private void endOfLine(final LineBuffer line)
    {
        final int markerAt = line.lastIndexOf(marker);
        if (markerAt < 0)
        {
            copy(line);
            return;
        }
        final String word = new String(line.bytes, markerAt + marker.length, line.length - 1 - markerAt - marker.length,
            StandardCharsets.US_ASCII);
        line.length = markerAt;
        if (StatusLine.READY.equals(word))
        {
            ready.complete(null);
        }
        else if (StatusLine.NONE == exitLine)
        {
            exitLine = StatusLine.parseExit(word);
        }
    }

    private void copy(final LineBuffer line)
    {
        sink.write(line.bytes, line.length);
        if (!ready.isDone())
        {
            synchronized (startupOutput)
            {
                startupOutput.write(line.bytes, 0, Math.min(line.length, MAX_STARTUP_OUTPUT - startupOutput.size()));
            }
        }
        line.length = 0;
    }

    /**
     * A growable line, reused for every line.
     */
    private static final class LineBuffer
    {
        byte[] bytes = new byte[256];
        int length;

        void append(final byte[] source, final int offset, final int count)
        {
            if (length + count > bytes.length)
            {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        int lastIndexOf(final byte[] pattern)
        {
            for (int start = length - pattern.length; start >= 0; start--)
            {
                if (bytes[start] == pattern[0] && Arrays.equals(bytes, start, start + pattern.length, pattern, 0,
                    pattern.length))
                {
                    return start;
                }
            }
            return -1;
        }
    }
}
