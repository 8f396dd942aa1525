package io.mproc.pool;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;

/**
 * The Python verbs of a {@link ProcessPool} ({@code map}, {@code map_async}, {@code starmap}, {@code imap},
 * {@code imap_unordered}, {@code apply}, {@code apply_async}), kept apart from its lifecycle and its
 * {@code ExecutorService} methods; each turns into a job through the pool's {@link JobSubmitter}. Public methods of
 * this package-private class are part of {@link ProcessPool}'s API. A blocking verb whose caller is interrupted
 * abandons its job ({@link PoolFuture#abandon()}).
 */
abstract class PythonPoolVerbs extends AbstractExecutorService
{
    /**
     * @return the pool's job factory.
     */
    abstract JobSubmitter jobs();

    /**
     * Applies {@code function} to every item in the workers, with Python's automatic chunk size, and returns the
     * results in item order. Reads the whole input first, as Python's {@code map} does: an input that throws fails
     * the call before any task is submitted ({@link #imap} reads its input lazily instead). When a task throws, the
     * map still waits for every other task to settle, as Python's does, then throws the first failure to arrive;
     * {@link MapOptions#failFast(boolean)} throws at once instead.
     *
     * @param function to apply.
     * @param items    to apply it to.
     * @param <T>      item type.
     * @param <R>      result type.
     * @return the results, in item order.
     * @throws RemoteTaskException  the first exception a task threw, once every other task has settled.
     * @throws WorkerDiedException  when a worker died holding an item as often as the pool retries.
     * @throws InterruptedException when interrupted while waiting; the map is then abandoned: its tasks not yet
     *                              started never run, those running finish in their workers and their results are
     *                              dropped (no worker is killed; {@link ProcessPool#terminate()} stops them).
     */
    public <T, R> List<R> map(final SerializableFunction<T, R> function, final Iterable<? extends T> items)
        throws InterruptedException
    {
        return map(function, items, 0, null);
    }

    /**
     * As {@link #map(SerializableFunction, Iterable)} with a chunk size.
     *
     * @param function  to apply.
     * @param items     to apply it to.
     * @param chunksize items per chunk; 0 for automatic.
     * @param <T>       item type.
     * @param <R>       result type.
     * @return the results, in item order.
     * @throws InterruptedException when interrupted while waiting.
     */
    public <T, R> List<R> map(final SerializableFunction<T, R> function, final Iterable<? extends T> items,
        final int chunksize) throws InterruptedException
    {
        return map(function, items, chunksize, null);
    }

    /**
     * As {@link #map(SerializableFunction, Iterable)} with a chunk size and a progress listener.
     *
     * @param function  to apply.
     * @param items     to apply it to.
     * @param chunksize items per chunk; 0 for automatic.
     * @param progress  told as items complete, or null.
     * @param <T>       item type.
     * @param <R>       result type.
     * @return the results, in item order.
     * @throws InterruptedException when interrupted while waiting.
     */
    public <T, R> List<R> map(final SerializableFunction<T, R> function, final Iterable<? extends T> items,
        final int chunksize, final ProgressListener progress) throws InterruptedException
    {
        return JobSubmitter.await(mapAsync(function, items, chunksize, progress));
    }

    /**
     * Python's {@code map_async}, with Python's automatic chunk size.
     *
     * @param function to apply.
     * @param items    to apply it to.
     * @param <T>      item type.
     * @param <R>      result type.
     * @return a future of the results in item order, failed by the first task exception once the other tasks have
     * settled.
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(final SerializableFunction<T, R> function,
        final Iterable<? extends T> items)
    {
        return mapAsync(function, items, 0, null);
    }

    /**
     * Python's {@code map_async}.
     *
     * @param function  to apply.
     * @param items     to apply it to.
     * @param chunksize items per chunk; 0 for automatic.
     * @param progress  told as items complete, or null.
     * @param <T>       item type.
     * @param <R>       result type.
     * @return a future of the results in item order, failed by the first task exception once the other tasks have
     * settled.
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(final SerializableFunction<T, R> function,
        final Iterable<? extends T> items, final int chunksize, final ProgressListener progress)
    {
        return jobs().<R>map(function, items, chunksize, progress, false).future;
    }

    /**
     * As {@link #map(SerializableFunction, Iterable)} with options: chunk size, progress, and whether a failed task
     * fails the map at once ({@link MapOptions#failFast(boolean)}) or, by default, once the other tasks settle.
     *
     * @param function to apply.
     * @param items    to apply it to.
     * @param options  of this map.
     * @param <T>      item type.
     * @param <R>      result type.
     * @return the results, in item order.
     * @throws RemoteTaskException  the first exception a task threw.
     * @throws InterruptedException when interrupted while waiting.
     */
    public <T, R> List<R> map(final SerializableFunction<T, R> function, final Iterable<? extends T> items,
        final MapOptions options) throws InterruptedException
    {
        return JobSubmitter.await(mapAsync(function, items, options));
    }

    /**
     * Python's {@code map_async} with options.
     *
     * @param function to apply.
     * @param items    to apply it to.
     * @param options  of this map.
     * @param <T>      item type.
     * @param <R>      result type.
     * @return a future of the results in item order, failed by the first task exception: once the other tasks have
     * settled, or at once when {@link MapOptions#failFast(boolean) fail-fast}.
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(final SerializableFunction<T, R> function,
        final Iterable<? extends T> items, final MapOptions options)
    {
        return jobs().<R>map(function, items, options.chunksize(), options.progress(), options.failFast()).future;
    }

    /**
     * Python's {@code starmap}: applies a two-argument function to each pair.
     *
     * @param function to apply.
     * @param pairs    of arguments, such as {@code Map.entry(a, b)}.
     * @param <A>      first argument type.
     * @param <B>      second argument type.
     * @param <R>      result type.
     * @return the results, in pair order.
     * @throws InterruptedException when interrupted while waiting.
     */
    public <A, B, R> List<R> starmap(final SerializableBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) throws InterruptedException
    {
        return starmap(function, pairs, 0);
    }

    /**
     * Python's {@code starmap} with a chunk size.
     *
     * @param function  to apply.
     * @param pairs     of arguments.
     * @param chunksize pairs per chunk; 0 for automatic.
     * @param <A>       first argument type.
     * @param <B>       second argument type.
     * @param <R>       result type.
     * @return the results, in pair order.
     * @throws InterruptedException when interrupted while waiting.
     */
    public <A, B, R> List<R> starmap(final SerializableBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, final int chunksize)
        throws InterruptedException
    {
        return JobSubmitter.await(jobs().<A, B, R>starmap(function, pairs, chunksize).future);
    }

    /**
     * Python's {@code imap}: results in item order, each as soon as it and those before it are done. The input is
     * read lazily, on the thread that takes the results, at most {@code 8 x workers} chunks ahead of it: memory stays
     * bounded for an input of any length, an infinite one included (stop taking results to stop reading it). An input
     * that throws yields the results of the items before the throw, then its own exception from {@code next}; so
     * does an item that cannot be sent. A task that throws fails its own item only.
     *
     * @param function to apply.
     * @param items    to apply it to.
     * @param <T>      item type.
     * @param <R>      result type.
     * @return an iterator over the results; {@code next} throws {@link RemoteTaskException} for a failed item.
     */
    public <T, R> Iterator<R> imap(final SerializableFunction<T, R> function, final Iterable<? extends T> items)
    {
        return imap(function, items, 1);
    }

    /**
     * Python's {@code imap} with a chunk size.
     *
     * @param function  to apply.
     * @param items     to apply it to.
     * @param chunksize items per chunk (Python's default is 1).
     * @param <T>       item type.
     * @param <R>       result type.
     * @return an iterator over the results in item order.
     */
    public <T, R> Iterator<R> imap(final SerializableFunction<T, R> function, final Iterable<? extends T> items,
        final int chunksize)
    {
        return jobs().imap(function, items, chunksize);
    }

    /**
     * Python's {@code imap_unordered}: results as they complete. Reads its input lazily, as {@link #imap} does.
     *
     * @param function to apply.
     * @param items    to apply it to.
     * @param <T>      item type.
     * @param <R>      result type.
     * @return an iterator over the results in completion order.
     */
    public <T, R> Iterator<R> imapUnordered(final SerializableFunction<T, R> function, final Iterable<? extends T> items)
    {
        return imapUnordered(function, items, 1);
    }

    /**
     * Python's {@code imap_unordered} with a chunk size.
     *
     * @param function  to apply.
     * @param items     to apply it to.
     * @param chunksize items per chunk.
     * @param <T>       item type.
     * @param <R>       result type.
     * @return an iterator over the results in completion order.
     */
    public <T, R> Iterator<R> imapUnordered(final SerializableFunction<T, R> function,
        final Iterable<? extends T> items, final int chunksize)
    {
        return jobs().imapUnordered(function, items, chunksize);
    }

    /**
     * Python's {@code apply}: runs {@code function(argument)} in a worker and waits for it.
     *
     * @param function to apply.
     * @param argument to apply it to.
     * @param <T>      argument type.
     * @param <R>      result type.
     * @return the result.
     * @throws InterruptedException when interrupted while waiting.
     */
    public <T, R> R apply(final SerializableFunction<T, R> function, final T argument) throws InterruptedException
    {
        return JobSubmitter.await(applyAsync(function, argument));
    }

    /**
     * Python's {@code apply_async}.
     *
     * @param function to apply.
     * @param argument to apply it to.
     * @param <T>      argument type.
     * @param <R>      result type.
     * @return a future of the result.
     */
    public <T, R> CompletableFuture<R> applyAsync(final SerializableFunction<T, R> function, final T argument)
    {
        return jobs().<R>apply(function, argument).future;
    }
}
