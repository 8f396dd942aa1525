package io.mproc.pool;

import io.mproc.pool.PoolJob.FutureJob;
import io.mproc.pool.PoolJob.ListJob;
import io.mproc.pool.PoolJob.SingleJob;
import io.mproc.process.SerializableRunnable;

import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Turns each of the pool's verbs into a job of the right kind ({@link PoolJob}) and its chunks, encoded on the
 * caller's thread (so that an item that cannot be sent fails the call, with nothing queued), and queues them.
 */
final class JobSubmitter
{
    private final PoolState state;
    private final PoolFuture.Helper helper;
    private final FunctionTable functions;
    private final ChunkEncoder encoder;
    private final TaskDispatcher dispatcher;
    private final JobCanceller canceller;
    private final int workers;

    JobSubmitter(
        final PoolState state,
        final PoolFuture.Helper helper,
        final FunctionTable functions,
        final ChunkEncoder encoder,
        final TaskDispatcher dispatcher,
        final JobCanceller canceller,
        final int workers)
    {
        this.state = state;
        this.helper = helper;
        this.functions = functions;
        this.encoder = encoder;
        this.dispatcher = dispatcher;
        this.canceller = canceller;
        this.workers = workers;
    }

    /**
     * map and map_async: chunk size 0 for Python's automatic one. Reads the whole input first, as Python's map does
     * (it needs the length for the chunk size): an input that throws fails the call with nothing submitted.
     */
    <R> ListJob<R> map(final Object function, final Iterable<?> items, final int chunksize,
        final ProgressListener progress, final boolean failFast)
    {
        final List<Object> list = toList(items);
        final ListJob<R> job = new ListJob<>(helper, state.toPublish, list.size(), progress, failFast);
        submit(job, function, PoolProtocol.MODE_MAP, list, ChunkEncoder.chunksize(chunksize, list.size(), workers));
        return job;
    }

    /**
     * starmap: the pairs travel flattened, two items per task.
     */
    <A, B, R> ListJob<R> starmap(final Object function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, final int chunksize)
    {
        final List<Object> flat = new ArrayList<>();
        for (final Map.Entry<? extends A, ? extends B> pair : pairs)
        {
            flat.add(pair.getKey());
            flat.add(pair.getValue());
        }
        final int count = flat.size() / 2;
        final ListJob<R> job = new ListJob<>(helper, state.toPublish, count, null, false);
        submit(job, function, PoolProtocol.MODE_STARMAP, flat, ChunkEncoder.chunksize(chunksize, count, workers));
        return job;
    }

    /**
     * imap: chunk size at least 1 (Python's default for imap). The input is read lazily, the first chunks here, the
     * rest as the results are consumed ({@link ImapJob}).
     */
    <R> ImapJob<R> imap(final Object function, final Iterable<?> items, final int chunksize)
    {
        state.checkAccepting();
        final ImapJob<R> job = new ImapJob.Ordered<>(items.iterator(), encoder, dispatcher,
            functions.register(function), Math.max(1, chunksize), lookaheadChunks());
        job.refillFirst();
        return job;
    }

    <R> ImapJob<R> imapUnordered(final Object function, final Iterable<?> items, final int chunksize)
    {
        state.checkAccepting();
        final ImapJob<R> job = new ImapJob.Unordered<>(items.iterator(), encoder, dispatcher,
            functions.register(function), Math.max(1, chunksize), lookaheadChunks());
        job.refillFirst();
        return job;
    }

    private int lookaheadChunks()
    {
        return ImapJob.LOOKAHEAD_CHUNKS_PER_WORKER * workers;
    }

    <R> SingleJob<R> apply(final Object function, final Object argument)
    {
        final SingleJob<R> job = new SingleJob<>(helper, state.toPublish);
        submit(job, function, PoolProtocol.MODE_MAP, Collections.singletonList(argument), 1);
        return job;
    }

    /**
     * ExecutorService's submit of a callable: the callable itself travels.
     *
     * @throws RejectedExecutionException when it cannot be sent to a worker, with the reason as its cause.
     */
    <R> SingleJob<R> call(final Callable<R> task)
    {
        requireSerializable(task, "SerializableCallable");
        return callTask(task, task);
    }

    /**
     * ExecutorService's submit of a runnable: it travels itself when a {@link SerializableRunnable}, else wrapped in
     * one.
     *
     * @throws RejectedExecutionException when it cannot be sent to a worker, with the reason as its cause.
     */
    <R> SingleJob<R> run(final Runnable task)
    {
        requireSerializable(task, "SerializableTask");
        return callTask(task instanceof SerializableRunnable ?
            task : new RunnableAdapter((Runnable & Serializable)task), task);
    }

    /**
     * Queues a task of ExecutorService's: one that cannot be sent is rejected, as ExecutorService callers expect.
     *
     * @param original what the caller submitted, given back by shutdownNow if it never starts.
     */
    private <R> SingleJob<R> callTask(final Object task, final Object original)
    {
        final SingleJob<R> job = new SingleJob<>(helper, state.toPublish);
        job.submittedTask = original;
        try
        {
            submit(job, null, PoolProtocol.MODE_CALL, Collections.singletonList(task), 1);
        }
        catch (final IllegalArgumentException ex) // UnsendableValueException, MessageTooLargeException, ...
        {
            throw new RejectedExecutionException("task cannot be sent to a worker: " + ex.getMessage(), ex);
        }
        return job;
    }

    private static void requireSerializable(final Object task, final String lambdaType)
    {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof Serializable))
        {
            throw new RejectedExecutionException("task cannot be sent to a worker: " + task.getClass().getName() +
                " is not serializable (submit a lambda or method reference directly, or declare it as a " +
                lambdaType + ")", new NotSerializableException(task.getClass().getName()));
        }
    }

    private void submit(final PoolJob job, final Object function, final int mode, final List<Object> items,
        final int chunksize)
    {
        state.checkAccepting();
        if (job instanceof FutureJob)
        {
            ((FutureJob<?>)job).future.cancellation(canceller.cancellationOf(job));
        }
        final int fnId = null == function ? -1 : functions.register(function);
        dispatcher.submit(job, encoder.encode(job, fnId, mode, items, chunksize));
    }

    private static List<Object> toList(final Iterable<?> items)
    {
        final List<Object> list = new ArrayList<>();
        for (final Object item : items)
        {
            list.add(item);
        }
        return list;
    }

    /**
     * Waits for a future as Python's blocking verbs do: a task's exception is thrown as is; an interrupt abandons the
     * job ({@link PoolFuture#abandon()}: what has not started never runs, a running task finishes in its worker).
     */
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
        catch (final InterruptedException ex)
        {
            PoolFuture.abandon(future);
            throw ex;
        }
    }
}
