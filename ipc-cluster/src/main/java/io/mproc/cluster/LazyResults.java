package io.mproc.cluster;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The results of a cluster pool's {@code imap} (in item order) or {@code imapUnordered} (in completion order),
 * reading the input lazily: at most two tasks per worker are out at a time.
 *
 * @param <R> type of the results.
 */
final class LazyResults<R> implements Iterator<R>
{
    private static final int TASKS_PER_WORKER = 2;

    private final ClusterPool pool;
    private final byte[] function;
    private final Iterator<?> items;
    private final boolean ordered;
    private final int window;
    private final ArrayDeque<CompletableFuture<R>> inOrder = new ArrayDeque<>();
    private final LinkedBlockingQueue<CompletableFuture<R>> completed = new LinkedBlockingQueue<>();
    private int outstanding;

    LazyResults(final ClusterPool pool, final byte[] function, final Iterator<?> items, final boolean ordered)
    {
        this.pool = pool;
        this.function = function;
        this.items = items;
        this.ordered = ordered;
        this.window = TASKS_PER_WORKER * pool.workerCount();
        fill();
    }

    private void fill()
    {
        while (outstanding < window && items.hasNext())
        {
            final CompletableFuture<R> result = pool.<R>submitItem(function, items.next()).result();
            outstanding++;
            if (ordered)
            {
                inOrder.add(result);
            }
            else
            {
                result.whenComplete((value, failure) -> completed.add(result));
            }
        }
    }

    @Override
    public boolean hasNext()
    {
        return outstanding > 0;
    }

    @Override
    public R next()
    {
        if (!hasNext())
        {
            throw new NoSuchElementException();
        }
        try
        {
            final CompletableFuture<R> next = ordered ? inOrder.poll() : completed.take();
            outstanding--;
            final R value = RemoteCall.await(next);
            fill();
            return value;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a result", ex);
        }
    }
}
