package io.mproc.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a child tells its parent, in lines on its stderr pipe, which the parent reads (see {@link ErrorPump}) and
 * removes from the output it copies: that it is ready (it has read its launch and loaded its task, so the class path
 * and the JVM options work), and, as it exits, whether the exit is its own or a signal's. Each line is one
 * {@code write} of fewer than {@code PIPE_BUF} bytes, so it is never split by other output:
 * <pre>
 *   NUL "mproc " token " ready" LF          the task is loaded and about to run
 *   NUL "mproc " token " exit" LF           the JVM exits by System.exit (or the end of the task): its exit code
 *                                           is its own, even when it is 128 + n
 *   NUL "mproc " token " signal " n LF      the JVM exits because of signal n (SIGTERM, SIGINT, SIGHUP, or 1 for
 *                                           a daemon whose parent died): its exit code is 128 + n
 *   NUL "mproc spare ready" LF              a warm spare ({@link Spare}) has done its start-up work and waits for a
 *                                           launch; written before any user code runs, so it needs no token, and
 *                                           read by the parent before the spare becomes a child
 * </pre>
 * {@code token} is 16 hex digits, random per child, sent in its {@link ChildLaunch}: output of the child's own code
 * cannot pass for a status line by accident. Only the first exit line counts. A child that writes no exit line
 * was stopped without running its shutdown hooks (SIGKILL, a crash, {@code Runtime.halt}): an exit code above 128
 * then reads as the signal 128 less, as a shell reads it.
 */
final class StatusLine
{
    /** No exit line was seen. */
    static final int NONE = -1;
    /** The exit line said the JVM exited by itself. */
    static final int EXIT = 0;

    static final String READY = "ready";
    static final String EXIT_WORD = "exit";
    static final String SIGNAL_WORD = "signal";
    private static final String PREFIX = "\0mproc ";
    /** The line of a warm spare that is ready to become a child: see {@link Spare}. */
    static final byte[] SPARE_READY_LINE = (PREFIX + "spare ready\n").getBytes(StandardCharsets.US_ASCII);

    private StatusLine()
    {
    }

    /**
     * @return a new random token for a child.
     */
    static String newToken()
    {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    /**
     * @param token of a child.
     * @return the bytes every status line of that child starts with.
     */
    static byte[] marker(final String token)
    {
        return (PREFIX + token + ' ').getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The child's side: writes its status lines straight on file descriptor 2, whatever {@code System.err} has
     * become. Written for a fast child start-up: no lambdas, no string concatenation.
     */
    static final class Writer
    {
        private final FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
        private final byte[] marker;
        private final AtomicBoolean exitDeclared = new AtomicBoolean();

        Writer(final String token)
        {
            this.marker = marker(token);
        }

        /**
         * The task is loaded; it runs next.
         */
        void ready()
        {
            write(READY);
        }

        /**
         * The JVM is exiting by itself; a no-op when an exit line was written before.
         */
        void exit()
        {
            if (exitDeclared.compareAndSet(false, true))
            {
                write(EXIT_WORD);
            }
        }

        /**
         * The JVM is exiting because of a signal; a no-op when an exit line was written before.
         *
         * @param signal number.
         */
        void signal(final int signal)
        {
            if (exitDeclared.compareAndSet(false, true))
            {
                write(new StringBuilder(SIGNAL_WORD).append(' ').append(signal).toString());
            }
        }

        private void write(final String word)
        {
            final byte[] line = new byte[marker.length + word.length() + 1];
            System.arraycopy(marker, 0, line, 0, marker.length);
            for (int i = 0; i < word.length(); i++)
            {
                line[marker.length + i] = (byte)word.charAt(i);
            }
            line[line.length - 1] = '\n';
            try
            {
                stderr.write(line);
            }
            catch (final IOException ignore)
            {
                // the parent is gone: nobody to tell
            }
        }
    }

    /**
     * A warm spare's side: tells the parent, straight on file descriptor 2, that its start-up work is done.
     */
    static void writeSpareReady()
    {
        try
        {
            new FileOutputStream(FileDescriptor.err).write(SPARE_READY_LINE);
        }
        catch (final IOException ignore)
        {
            // the parent is gone: the spare reads end of file next and exits
        }
    }

    /**
     * The parent's side: what an exit line says.
     *
     * @param word the text after the marker, without the line feed.
     * @return {@link #EXIT}, a signal number, or {@link #NONE} for a line that is not an exit line.
     */
    static int parseExit(final String word)
    {
        if (EXIT_WORD.equals(word))
        {
            return EXIT;
        }
        if (word.startsWith(SIGNAL_WORD + ' '))
        {
            try
            {
                final int signal = Integer.parseInt(word.substring(SIGNAL_WORD.length() + 1));
                return signal > 0 ? signal : NONE;
            }
            catch (final NumberFormatException ignore)
            {
                return NONE;
            }
        }
        return NONE;
    }
}
