package io.mproc.pool;

import io.mproc.process.ChildProcess;
import io.mproc.process.SerializableRunnable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Whether a new pool came up: {@link ProcessPool.Builder#create()} waits until a first worker is ready (its
 * initializer, if any, has run) or a worker ended before any was ready. In the second case the exception names the
 * initializer's error, or carries the worker JVM's own error output, read from a probe JVM started with the same
 * options (the workers' stderr goes to this JVM's stderr, where it cannot be read back).
 */
final class PoolStartup
{
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_OUTPUT_CHARS = 16 * 1024;

    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();
    private volatile String failedWorker;
    private volatile int exitCode;
    private volatile RemoteTaskException initializerError;

    /**
     * A worker is ready: the pool is up.
     */
    void onReady()
    {
        firstReady.complete(null);
    }

    /**
     * A worker ended before it was ready; fails the start unless a worker was ready before.
     *
     * @param initializerError what its initializer threw, or null.
     */
    void onDiedBeforeReady(final String workerName, final int exitCode, final RemoteTaskException initializerError)
    {
        if (!firstReady.isDone())
        {
            this.failedWorker = workerName;
            this.exitCode = exitCode;
            this.initializerError = initializerError;
            firstReady.completeExceptionally(new IllegalStateException(workerName + " ended before it was ready"));
        }
    }

    /**
     * Waits for the first worker.
     *
     * @return null when it is ready, else the failure, to throw once the pool is terminated.
     * @throws InterruptedException when interrupted while waiting.
     */
    PoolStartException await(final PoolOptions options) throws InterruptedException
    {
        try
        {
            firstReady.get();
            return null;
        }
        catch (final ExecutionException ex)
        {
            return failure(options);
        }
    }

    private PoolStartException failure(final PoolOptions options)
    {
        final RemoteTaskException initializer = initializerError;
        if (null != initializer)
        {
            return new PoolStartException("the pool's initializer failed in " + failedWorker + ": " +
                initializer.getMessage() + " (its stack trace is this exception's cause; fix the initializer and " +
                "create the pool again)", initializer);
        }
        return new PoolStartException(failedWorker + " exited with code " + exitCode + " before it was ready, " +
            "so the pool cannot start (check the pool's jvmOptions and class path); the worker JVM's error output:\n" +
            errorOutputOf(options), null);
    }

    /**
     * Starts a JVM as a worker is started, with a task that does nothing, and returns what it wrote on stderr.
     */
    static String errorOutputOf(final PoolOptions options)
    {
        Path file = null;
        try
        {
            file = Files.createTempFile("mproc-pool-probe", ".err");
            final ChildProcess probe = new ChildProcess((SerializableRunnable & java.io.Serializable)() -> { })
                .name("PoolWorker-probe")
                .jvmOptions(options.jvmOptions.toArray(new String[0]))
                .redirectError(file);
            probe.start();
            if (!probe.join(PROBE_TIMEOUT))
            {
                probe.kill();
                probe.join(PROBE_TIMEOUT);
            }
            probe.close();
            final String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.length() > MAX_OUTPUT_CHARS ? text.substring(0, MAX_OUTPUT_CHARS) + "\n... (cut)" :
                text.isEmpty() ? "(none)" : text;
        }
        catch (final RuntimeException ex) // a ChildProcess that reports the child's error output itself, say
        {
            return String.valueOf(ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "(not read: interrupted)";
        }
        catch (final IOException ex)
        {
            return "(not read: " + new UncheckedIOException(ex).getMessage() + ")";
        }
        finally
        {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            if (null != file)
            {
                Files.deleteIfExists(file);
            }
        }
        catch (final IOException ignore)
        {
            // a temporary file
        }
    }
}
