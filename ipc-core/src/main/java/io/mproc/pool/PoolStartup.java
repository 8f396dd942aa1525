package io.mproc.pool;

import io.mproc.process.ChildProcess;
import io.mproc.process.ChildStartException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a new pool came up: {@link ProcessPoolBuilder#create()} waits until a first worker is ready (its
 * initializer, if any, has run) or a worker ended before any was ready. In the second case the exception names the
 * initializer's error, or carries the worker JVM's own error output, as its {@link ChildProcess#startAsync()} reported
 * it ({@link ChildStartException#errorOutput()}).
 */
final class PoolStartup
{
    /** How long the start of a worker that already ended may take to report why (its output pumps draining). */
    private static final Duration START_REPORT_TIMEOUT = Duration.ofSeconds(30);

    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();
    private volatile String failedWorker;
    private volatile int exitCode;
    private volatile RemoteTaskException initializerError;
    private volatile CompletableFuture<ChildProcess> failedStart;

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
    void onDiedBeforeReady(final String workerName, final int exitCode, final RemoteTaskException initializerError,
        final CompletableFuture<ChildProcess> started)
    {
        if (!firstReady.isDone())
        {
            this.failedWorker = workerName;
            this.failedStart = started;
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
            errorOutputOf(failedStart), null);
    }

    /**
     * @return what the worker JVM wrote on stderr before it ended, as its start reported it.
     */
    private static String errorOutputOf(final CompletableFuture<ChildProcess> started)
    {
        if (null == started)
        {
            return "(none)";
        }
        try
        {
            started.get(START_REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return "(none: its JVM started, then ended)";
        }
        catch (final ExecutionException ex)
        {
            return ex.getCause() instanceof ChildStartException ?
                ((ChildStartException)ex.getCause()).errorOutput() : String.valueOf(ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            return "(not reported within " + START_REPORT_TIMEOUT + ")";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "(not read: interrupted)";
        }
    }
}
