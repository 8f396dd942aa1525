package io.mproc.pool;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a submission to a {@link ProcessPool} waits for: results are delivered, and failures reported, item by item
 * under the pool lock by the collector. The kinds: {@link ListJob} (map, starmap), {@link SingleJob} (apply,
 * submit), and {@link ImapJob} (imap, imap_unordered), which reads its input lazily. Also keeps the job's average
 * item time, which sets how deep chunks are queued per worker.
 */
abstract class PoolJob
{
    /**
     * A worker is given more chunks while the ones it holds beyond the one it runs are expected to keep it busy for
     * less than this: long enough to cover the parent's collector waiting for a core while every core runs a worker
     * (a few ms of scheduler slice here), short enough that the last chunks of a job stay spread over the workers.
     */
    static final long TARGET_QUEUED_NS = TimeUnit.MILLISECONDS.toNanos(6);
    private static final int MIN_CHUNKS_PER_WORKER = 2;
    private static final int MAX_CHUNKS_PER_WORKER = 64;

    private long averageItemNs = -1;
    /** Why a chunk of this job could not be sent to a worker, if so: the submit rethrows it. */
    RuntimeException sendError;
    /** The Runnable or Callable given to ExecutorService's submit or execute; null for Python's verbs. */
    Object submittedTask;

    abstract void deliver(int index, Object value);

    abstract void fail(int index, RuntimeException error);

    abstract void failAll(RuntimeException error);

    abstract boolean isDone();

    void complete()
    {
    }

    /**
     * Learns how long the job's items take, as timed by the worker that ran them (not including the time a chunk
     * waited in its task ring, which would make a deeply queued job look slow and keep it shallow).
     *
     * @param busyNs the worker's time over the items.
     * @param items  how many.
     */
    void observeBusyTime(final long busyNs, final int items)
    {
        final long itemNs = Math.max(1, busyNs / Math.max(1, items));
        averageItemNs = averageItemNs < 0 ? itemNs : (averageItemNs * 7 + itemNs) / 8;
    }

    /**
     * @param items of a chunk.
     * @return how long a worker is expected to take over it; 0 until the job's first results have come back.
     */
    long estimatedNs(final int items)
    {
        return averageItemNs < 0 ? 0 : averageItemNs * items;
    }

    /**
     * How many of the job's chunks a worker may hold: the one it runs plus enough queued behind it to last
     * {@link #TARGET_QUEUED_NS}; two until the job's item time is known, and at least two, so that a result
     * travelling back never leaves the worker idle.
     *
     * @param items of the chunk about to be sent.
     */
    int chunksPerWorker(final int items)
    {
        if (averageItemNs < 0)
        {
            return MIN_CHUNKS_PER_WORKER;
        }
        final long queued = TARGET_QUEUED_NS / Math.max(1, estimatedNs(items));
        return (int)Math.max(MIN_CHUNKS_PER_WORKER, Math.min(MAX_CHUNKS_PER_WORKER, 1 + queued));
    }

    /**
     * A job with a future: its outcome is settled under the pool lock and published (the future completed, which
     * runs the user's callbacks) after the lock is released (ProcessPool.publishSettled).
     */
    abstract static class FutureJob<T> extends PoolJob
    {
        final PoolFuture<T> future;
        private final ArrayDeque<FutureJob<?>> toPublish;
        private boolean settled;
        private T value;
        private Throwable error;

        FutureJob(final PoolFuture.Helper helper, final ArrayDeque<FutureJob<?>> toPublish)
        {
            this.future = new PoolFuture<>(helper);
            this.toPublish = toPublish;
        }

        final void settle(final T value, final Throwable error)
        {
            if (!settled)
            {
                settled = true;
                this.value = value;
                this.error = error;
                toPublish.addLast(this);
            }
        }

        final void publish()
        {
            if (null != error)
            {
                future.completeExceptionally(error);
            }
            else
            {
                future.complete(value);
            }
            value = null;
        }

        void fail(final int index, final RuntimeException error)
        {
            settle(null, error);
        }

        void failAll(final RuntimeException error)
        {
            settle(null, error);
        }

        boolean isDone()
        {
            return settled || future.isDone();
        }
    }

    /**
     * map and starmap: all results in order, or the first failure to arrive: once every item has settled (Python's
     * way), or at once when fail-fast ({@link MapOptions#failFast(boolean)}).
     */
    static final class ListJob<R> extends FutureJob<List<R>>
    {
        private final Object[] values;
        private final ProgressListener progress;
        private final boolean failFast;
        private int completed;
        private RuntimeException firstFailure;

        ListJob(
            final PoolFuture.Helper helper,
            final ArrayDeque<FutureJob<?>> toPublish,
            final int total,
            final ProgressListener progress,
            final boolean failFast)
        {
            super(helper, toPublish);
            this.values = new Object[total];
            this.progress = progress;
            this.failFast = failFast;
        }

        void deliver(final int index, final Object value)
        {
            values[index] = value;
            if (null != progress)
            {
                progress.onProgress(completed + 1, values.length);
            }
            if (++completed == values.length)
            {
                complete();
            }
        }

        @SuppressWarnings("unchecked")
        void complete()
        {
            if (null != firstFailure)
            {
                settle(null, firstFailure);
            }
            else
            {
                settle((List<R>)Collections.unmodifiableList(Arrays.asList(values)), null);
            }
        }

        void fail(final int index, final RuntimeException error)
        {
            if (null == firstFailure)
            {
                firstFailure = error;
                if (failFast)
                {
                    settle(null, error); // the job is done: its queued chunks are dropped, late results ignored
                }
            }
            if (++completed == values.length)
            {
                complete();
            }
        }
    }

    /**
     * apply and submit: one result.
     */
    static final class SingleJob<R> extends FutureJob<R>
    {
        SingleJob(final PoolFuture.Helper helper, final ArrayDeque<FutureJob<?>> toPublish)
        {
            super(helper, toPublish);
        }

        @SuppressWarnings("unchecked")
        void deliver(final int index, final Object value)
        {
            settle((R)value, null);
        }
    }
}
