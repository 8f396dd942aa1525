package io.mproc.pool;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Python's {@code multiprocessing.Pool} for any backend: an {@link ExecutorService} with Python's verbs.
 * {@link ProcessPool} runs the tasks in worker JVMs on this machine; the {@code ipc-cluster} backend runs them
 * on a cluster's nodes. Functions and their arguments travel to another process, so they are serializable.
 * <p>
 * {@link #close()} (try-with-resources) is the graceful end of {@code ExecutorService.close()} in JDK 19 and
 * later: submitted work finishes first. {@link #terminate()} stops running tasks, as Python's {@code with Pool()}.
 */
public interface Pool extends ExecutorService, AutoCloseable
{
    /** @return the number of workers tasks run on at once. */
    int workerCount();

    /**
     * Python's {@code map}: applies {@code function} to every item and returns the results in item order.
     *
     * @throws RemoteTaskException  the first exception a task threw, once every other task has settled.
     * @throws InterruptedException when interrupted while waiting.
     */
    <T, R> List<R> map(SerializableFunction<T, R> function, Iterable<? extends T> items) throws InterruptedException;

    /** Python's {@code map} with a chunk size (items per message to a worker; 0 for automatic). */
    <T, R> List<R> map(SerializableFunction<T, R> function, Iterable<? extends T> items, int chunksize)
        throws InterruptedException;

    /** Python's {@code map_async}. */
    <T, R> CompletableFuture<List<R>> mapAsync(SerializableFunction<T, R> function, Iterable<? extends T> items);

    /** Python's {@code starmap}: each pair's key and value are the function's two arguments. */
    <A, B, R> List<R> starmap(
        SerializableBiFunction<A, B, R> function, Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
        throws InterruptedException;

    /** Python's {@code imap}: results in item order as they come, reading the input lazily. */
    <T, R> Iterator<R> imap(SerializableFunction<T, R> function, Iterable<? extends T> items);

    /** Python's {@code imap_unordered}: results in completion order, reading the input lazily. */
    <T, R> Iterator<R> imapUnordered(SerializableFunction<T, R> function, Iterable<? extends T> items);

    /** Python's {@code apply}: runs one call in a worker and waits for its result. */
    <T, R> R apply(SerializableFunction<T, R> function, T argument) throws InterruptedException;

    /** Python's {@code apply_async}. */
    <T, R> CompletableFuture<R> applyAsync(SerializableFunction<T, R> function, T argument);

    /** Python's {@code terminate()}: stops running tasks, cancels queued ones and waits for the workers to end. */
    void terminate() throws InterruptedException;

    /** Python's {@code join()}: after {@link #shutdown()} or {@link #terminate()}, waits for the workers to end. */
    void join() throws InterruptedException;

    /** A graceful end: shuts down, lets submitted work finish and waits for the workers to end. */
    @Override
    void close();
}
