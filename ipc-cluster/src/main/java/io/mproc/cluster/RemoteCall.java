package io.mproc.cluster;

import io.mproc.pool.RemoteTaskException;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.IgniteException;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.lang.IgniteFutureCancelledException;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cluster pool's future for one {@link ClusterTask}: {@link #run()} (on one of the pool's dispatcher threads)
 * sends the job to the cluster and waits for its reply; the result or the task's exception
 * ({@link RemoteTaskException}) completes {@link #result()}. Cancelling it cancels the job where it runs.
 *
 * @param <T> type of the result: the single result of a call, or the list of a chunk's results.
 */
final class RemoteCall<T> implements RunnableFuture<T>
{
    private final IgniteCompute compute;
    private final ClusterTask task;
    private final boolean single;
    private final Payloads payloads;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile IgniteFuture<byte[]> remote;

    RemoteCall(final IgniteCompute compute, final ClusterTask task, final boolean single, final Payloads payloads)
    {
        this.compute = compute;
        this.task = task;
        this.single = single;
        this.payloads = payloads;
    }

    /** @return the future the result completes. */
    CompletableFuture<T> result()
    {
        return result;
    }

    @Override
    public void run()
    {
        if (result.isDone())
        {
            return;
        }
        try
        {
            final IgniteFuture<byte[]> job = compute.callAsync(task);
            remote = job;
            if (result.isCancelled())
            {
                job.cancel();
                return;
            }
            complete(job.get());
        }
        catch (final IgniteFutureCancelledException ex)
        {
            result.cancel(false);
        }
        catch (final IgniteException | RemoteTaskException ex)
        {
            result.completeExceptionally(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private void complete(final byte[] reply)
    {
        final List<Object> body = payloads.decodeAs(java.util.Arrays.copyOfRange(reply, 1, reply.length));
        if (ClusterTask.OK == reply[0])
        {
            result.complete((T)(single ? body.get(0) : body));
            return;
        }
        final List<String> frames = (List<String>)body.get(2);
        final StackTraceElement[] stack = new StackTraceElement[frames.size()];
        for (int i = 0; i < stack.length; i++)
        {
            final String[] parts = frames.get(i).split("\n", -1);
            stack[i] = new StackTraceElement(parts[0], parts[1], parts[2].isEmpty() ? null : parts[2],
                Integer.parseInt(parts[3]));
        }
        final String message = (String)body.get(1);
        result.completeExceptionally(
            new RemoteTaskException((String)body.get(0), message.isEmpty() ? null : message, stack));
    }

    @Override
    public boolean cancel(final boolean mayInterruptIfRunning)
    {
        final boolean cancelled = result.cancel(mayInterruptIfRunning);
        final IgniteFuture<byte[]> job = remote;
        if (cancelled && null != job)
        {
            try
            {
                job.cancel();
            }
            catch (final IgniteException ex)
            {
                // the job had ended or its node left: nothing left to cancel
            }
        }
        return cancelled;
    }

    @Override
    public boolean isCancelled()
    {
        return result.isCancelled();
    }

    @Override
    public boolean isDone()
    {
        return result.isDone();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException
    {
        return result.get();
    }

    @Override
    public T get(final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        return result.get(timeout, unit);
    }

    /** @return the result, throwing the task's exception itself (not wrapped), as Python's map and apply do. */
    static <T> T await(final CompletableFuture<T> future) throws InterruptedException
    {
        try
        {
            return future.get();
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException)
            {
                throw (RuntimeException)cause;
            }
            if (cause instanceof Error)
            {
                throw (Error)cause;
            }
            throw new IllegalStateException(cause);
        }
        catch (final CancellationException ex)
        {
            throw ex;
        }
    }

    /**
     * As a local pool's future prints: {@code io.mproc.cluster.RemoteCall@1b6d3586[Not completed]}, or
     * {@code [Completed normally]}, ... (the state as {@link CompletableFuture} says it).
     */
    @Override
    public String toString()
    {
        final String future = result.toString();
        return super.toString() + future.substring(future.indexOf('[', future.indexOf('@')));
    }
}
