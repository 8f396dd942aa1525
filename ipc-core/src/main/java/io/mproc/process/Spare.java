package io.mproc.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A warm spare: a child JVM started ahead of need, with the command line of the children of one
 * {@link SpareProfile}, that has done its start-up work ({@link ChildMain} as a spare: {@link SpareWarmUp}) and
 * then blocks reading its stdin, using no CPU, until this JVM sends it a {@link ChildLaunch}; it then is that child.
 * <p>
 * Its stderr is read here only until its {@link StatusLine#SPARE_READY_LINE}; what came before it (a JVM warning)
 * is kept and handed, with the rest of the stream, to the child's {@link ErrorPump}, so the child's output is what a
 * cold start would have shown. A spare dies with this JVM: when this JVM dies, however, its end of the spare's
 * stdin closes, and a spare reads end of file and exits; {@link #dismiss()} does the same on purpose.
 */
final class Spare
{
    /** A spare that is not ready in this time is hung: it is killed, so the thread waiting for it goes on. */
    private static final long READY_TIMEOUT_MS = 60_000;

    private final SpareProfile profile;
    private final Process process;
    private byte[] prelude = new byte[0];

    private Spare(final SpareProfile profile, final Process process)
    {
        this.profile = profile;
        this.process = process;
    }

    /**
     * @param profile of the spare.
     * @return the spare, started, not yet ready.
     * @throws IOException when the JVM cannot be started.
     */
    static Spare start(final SpareProfile profile) throws IOException
    {
        return new Spare(profile, profile.spareBuilder().start());
    }

    SpareProfile profile()
    {
        return profile;
    }

    Process process()
    {
        return process;
    }

    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Reads the spare's stderr until its ready line, keeping what came before it. Called by one thread, before the
     * spare is handed out.
     *
     * @return true when the spare is ready; false when it exited (or hung and was killed) first.
     */
    boolean awaitReady()
    {
        final CompletableFuture<Void> guard = new CompletableFuture<>();
        guard.completeOnTimeout(null, READY_TIMEOUT_MS, TimeUnit.MILLISECONDS).thenRun(process::destroyForcibly);
        try
        {
            return readUntilReady(process.getErrorStream());
        }
        finally
        {
            guard.cancel(false);
        }
    }

    private boolean readUntilReady(final InputStream stderr)
    {
        final byte[] marker = StatusLine.SPARE_READY_LINE;
        final ByteArrayOutputStream read = new ByteArrayOutputStream(256);
        final byte[] buffer = new byte[1024];
        try
        {
            int length;
            while ((length = stderr.read(buffer)) > 0)
            {
                read.write(buffer, 0, length);
                final byte[] bytes = read.toByteArray();
                final int markerAt = indexOf(bytes, marker);
                if (markerAt >= 0)
                {
                    final byte[] rest = new byte[bytes.length - marker.length];
                    System.arraycopy(bytes, 0, rest, 0, markerAt);
                    System.arraycopy(bytes, markerAt + marker.length, rest, markerAt, rest.length - markerAt);
                    prelude = rest;
                    return true;
                }
            }
        }
        catch (final IOException ex)
        {
            ProcessLogging.debug("cannot read the stderr of spare " + process.pid() + ": " + ex);
        }
        return false;
    }

    /**
     * @return the spare's stderr as its child's {@link ErrorPump} reads it: what came before the ready line, then
     * the rest of the stream.
     */
    InputStream stderr()
    {
        return new SequenceInputStream(new ByteArrayInputStream(prelude), process.getErrorStream());
    }

    /**
     * Closes the spare's stdin: it reads end of file and exits at once, without output.
     */
    void dismiss()
    {
        try
        {
            process.getOutputStream().close();
        }
        catch (final IOException ignore)
        {
            // already gone
        }
    }

    private static int indexOf(final byte[] bytes, final byte[] pattern)
    {
        for (int start = 0; start <= bytes.length - pattern.length; start++)
        {
            if (Arrays.equals(bytes, start, start + pattern.length, pattern, 0, pattern.length))
            {
                return start;
            }
        }
        return -1;
    }

    /**
     * @return the spare's pid and profile, for logs.
     */
    public String toString()
    {
        return "Spare{pid=" + process.pid() + ", " + profile + '}';
    }
}
