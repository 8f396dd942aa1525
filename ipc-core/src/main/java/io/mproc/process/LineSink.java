package io.mproc.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a pump puts the lines of a child's output: this JVM's file descriptor 2, its {@code System.out} or
 * {@code System.err} (looked up at each line, so that a later {@link System#setOut} is honoured), or a file.
 * Each line is written whole, so that lines of several children never interleave mid-line.
 */
abstract class LineSink
{
    private static final OutputStream RAW_STDERR = new FileOutputStream(FileDescriptor.err);

    /**
     * @param line   bytes of one line, with its line feed (the last line of a stream may lack it).
     * @param length of the line.
     */
    abstract void write(byte[] line, int length);

    /**
     * Called once, when the child's stream has ended.
     */
    void close()
    {
    }

    /**
     * @return a sink that writes to this JVM's file descriptor 2, as the child would have by itself.
     */
    static LineSink rawStderr()
    {
        return new StreamSink(RAW_STDERR, false);
    }

    /**
     * @param toStderr true for {@code System.err}, false for {@code System.out}.
     * @param prefix   before each line, or null.
     * @return a sink that writes to this JVM's current {@code System.out} or {@code System.err}.
     */
    static LineSink system(final boolean toStderr, final String prefix)
    {
        return new SystemSink(toStderr, null == prefix ? new byte[0] : prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param file appended to; created if needed.
     * @return a sink that appends to the file, closed when the stream ends.
     * @throws UncheckedIOException when the file cannot be opened.
     */
    static LineSink appendTo(final Path file)
    {
        try
        {
            return new StreamSink(new FileOutputStream(file.toFile(), true), true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the file for a child's error output: file=" + file, ex);
        }
    }

    private static final class StreamSink extends LineSink
    {
        private final OutputStream out;
        private final boolean closeAtEnd;

        StreamSink(final OutputStream out, final boolean closeAtEnd)
        {
            this.out = out;
            this.closeAtEnd = closeAtEnd;
        }

        void write(final byte[] line, final int length)
        {
            try
            {
                synchronized (out)
                {
                    out.write(line, 0, length);
                }
            }
            catch (final IOException ignore)
            {
                // nowhere left to write: the line is lost, as it would have been for the child
            }
        }

        void close()
        {
            if (closeAtEnd)
            {
                try
                {
                    out.close();
                }
                catch (final IOException ignore)
                {
                    // nothing more to write to it
                }
            }
        }
    }

    private static final class SystemSink extends LineSink
    {
        private final boolean toStderr;
        private final byte[] prefix;

        SystemSink(final boolean toStderr, final byte[] prefix)
        {
            this.toStderr = toStderr;
            this.prefix = prefix;
        }

        void write(final byte[] line, final int length)
        {
            final PrintStream target = toStderr ? System.err : System.out;
            synchronized (target)
            {
                target.write(prefix, 0, prefix.length);
                target.write(line, 0, length);
                target.flush();
            }
        }
    }
}
