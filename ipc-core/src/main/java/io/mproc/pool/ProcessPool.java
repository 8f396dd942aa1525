package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageRing;
import io.mproc.queue.ObjectCodec;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool of worker JVMs that spreads CPU-bound work over every core with process isolation: Python's
 * {@code multiprocessing.Pool}, as a {@link java.util.concurrent.ExecutorService}.
 * <pre>
 * try (ProcessPool pool = ProcessPool.create())               // one worker per available processor
 * {
 *     List&lt;Integer&gt; doubled = pool.map(x -&gt; x * 2, List.of(0, 1, 2, 3));
 *     Future&lt;Long&gt; primes = pool.submit(() -&gt; countPrimes(31_000));
 * }
 * </pre>
 * <b>Dispatch.</b> The parent splits each job into chunks (Python's automatic chunk size unless given) and keeps an
 * in-flight table: which worker holds which chunk. Each worker has its own task ring (a {@link MessageRing} in the
 * pool's temporary namespace); all results come back on one result ring, read by the pool's collector thread, which
 * completes the futures and hands the freed worker its next chunk. Short chunks are queued deeper per worker so that
 * tiny tasks do not wait on round trips; long ones two deep, so that the load stays balanced. Idle workers, and the
 * collector, sleep on futexes and use no CPU. Protocol: {@link PoolProtocol}.
 * <p>
 * <b>A worker that dies</b> (SIGKILL, out of memory, {@code System.exit} in a task) is noticed when its JVM exits and
 * replaced at once; the chunks it held are sent to other workers, up to {@code maxRetries} more times each, after
 * which their items fail with {@link WorkerDiedException} naming the worker and its exit code. The pool never hangs
 * on a death (Python's does).
 * <p>
 * <b>Tasks</b> are serialisable functions (lambdas or method references through {@link SerializableFunction},
 * {@link SerializableCallable}, {@link SerializableTask}) and must not rely on the parent's memory; what they
 * capture travels with them, shared-object handles ({@code LongValue}, {@code Semaphore}, queues, ...) by name, so
 * a task works on the parent's shared memory. Items and results travel as {@link ObjectCodec} values: primitives,
 * strings, byte arrays, buffers, JDK values and collections, arrays, enums, records and handles with no
 * configuration; other user classes only when on the pool's {@link AllowList} ({@link ProcessPoolBuilder#allow}). A task, item
 * or capture that cannot be sent fails at submit with the reason ({@link io.mproc.queue.UnsendableValueException}
 * naming the class and the call that allows it); an exception thrown by a task fails that task (as
 * {@link RemoteTaskException}, with the remote class, message and stack trace) and the worker carries on.
 * <p>
 * <b>Parts.</b> This class is the API; it delegates to {@link JobSubmitter} (each verb as a job, see {@link PoolJob},
 * and its chunks, encoded by {@link ChunkEncoder}; functions by id in {@link FunctionTable}), {@link TaskDispatcher}
 * (the queue, the in-flight table and the task rings), {@link WorkerSupervisor} (starting and replacing workers) and
 * {@link ResultCollector} (the collector thread), which share a {@link PoolState} (the pool lock and the run state).
 * A worker process runs {@link PoolWorker}.
 * <p>
 * Thread-safe.
 */
public final class ProcessPool extends AbstractExecutorService implements AutoCloseable
{
    /** Ring sizes: messages up to 1/8 of a ring, so 512 KiB; longer ones travel in pieces. */
    static final int TASK_RING_CAPACITY = 4 * 1024 * 1024;
    static final int RESULT_RING_CAPACITY = 4 * 1024 * 1024;
    private static final String RESULT_RING_NAME = "results";

    private final PoolOptions options;
    private final PoolState state = new PoolState();
    private final TaskDispatcher dispatcher;
    private final JobSubmitter submitter;
    private final WorkerSupervisor supervisor;
    private final ResultCollector collector;
    private final PoolStartup startup = new PoolStartup();

    ProcessPool(final PoolOptions options)
    {
        this.options = options;
        final ObjectCodec codec = new ObjectCodec(options.allowList)
            .at("a process pool's tasks", "ProcessPool.builder().allow(%s.class)");
        final FunctionTable functions = new FunctionTable(state.lock, options.allowList);
        final WorkerHandle[] workers = new WorkerHandle[options.workers];
        this.dispatcher = new TaskDispatcher(state, workers, functions);
        final Namespace namespace = Namespace.temporary();
        try
        {
            final MessageRing results = MessageRing.create(namespace, RESULT_RING_NAME, RESULT_RING_CAPACITY);
            supervisor = new WorkerSupervisor(state, options, namespace, RESULT_RING_NAME, workers, dispatcher,
                startup);
            state.lock.lock();
            try
            {
                supervisor.startAll();
            }
            finally
            {
                state.lock.unlock();
            }
            collector = new ResultCollector(state, results, codec, dispatcher, supervisor, supervisor::closeNamespace,
                this::shutdownNow);
        }
        catch (final RuntimeException ex)
        {
            namespace.close();
            throw ex;
        }
        submitter = new JobSubmitter(state, collector, functions,
            new ChunkEncoder(codec, options.allowList), dispatcher,
            new JobCanceller(state, dispatcher), options.workers);
        collector.start();
    }

    /**
     * Starts a pool and waits for a first worker to be ready, as {@link ProcessPoolBuilder#create()}.
     *
     * @return a pool with one worker per available processor.
     * @throws PoolStartException when its workers cannot start.
     */
    public static ProcessPool create()
    {
        return builder().create();
    }

    /**
     * @param workers number of worker processes.
     * @return a pool of that many workers.
     * @throws PoolStartException when its workers cannot start.
     */
    public static ProcessPool create(final int workers)
    {
        return builder().workers(workers).create();
    }

    /**
     * Waits until a first worker is ready; when a worker ends before that, terminates the pool and throws why.
     */
    ProcessPool awaitFirstWorker()
    {
        final PoolStartException failure;
        try
        {
            failure = startup.await(options);
        }
        catch (final InterruptedException ex)
        {
            shutdownNow();
            Thread.currentThread().interrupt();
            throw new PoolStartException("interrupted while waiting for the pool's first worker to start", ex);
        }
        if (null != failure)
        {
            terminateQuietly();
            throw failure;
        }
        return this;
    }

    private void terminateQuietly()
    {
        try
        {
            terminate();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return a builder for a pool with options.
     */
    public static ProcessPoolBuilder builder()
    {
        return new ProcessPoolBuilder();
    }

    /**
     * @return number of worker processes.
     */
    public int workerCount()
    {
        return options.workers;
    }

    /**
     * @return pids of the current workers, in slot order (for monitoring and tests).
     */
    public List<Long> workerPids()
    {
        state.lock.lock();
        try
        {
            return supervisor.pids();
        }
        finally
        {
            state.lock.unlock();
        }
    }

    /**
     * @return chunks queued or held by workers (for tests: a failed submit must leave none behind).
     */
    int unfinishedChunks()
    {
        state.lock.lock();
        try
        {
            return dispatcher.unfinishedChunks();
        }
        finally
        {
            state.lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Python's verbs
    // ---------------------------------------------------------------------------------------------------------------

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
     * @throws InterruptedException when interrupted while waiting.
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
        return submitter.<R>map(function, items, chunksize, progress, false).future;
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
        return submitter.<R>map(function, items, options.chunksize(), options.progress(), options.failFast()).future;
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
        return JobSubmitter.await(submitter.<A, B, R>starmap(function, pairs, chunksize).future);
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
        return submitter.imap(function, items, chunksize);
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
        return submitter.imapUnordered(function, items, chunksize);
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
        return submitter.<R>apply(function, argument).future;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ExecutorService
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     * <p>
     * The overloads: a lambda or method reference picks {@link #submit(SerializableCallable)} (a result) or
     * {@link #submit(SerializableTask)} (none), and is compiled serialisable; a {@code Callable} or {@code Runnable}
     * object given as such travels if it is serialisable, else is rejected.
     *
     * @throws RejectedExecutionException when the pool is shut down, or when the task cannot be sent to a worker (not
     *                                    serializable, or captures a value that cannot travel), with the reason as its
     *                                    cause.
     */
    public <T> CompletableFuture<T> submit(final Callable<T> task)
    {
        return submitter.call(task).future;
    }

    /**
     * Submits a lambda as a serialisable task: {@code pool.submit(() -> countPrimes(31_000))} picks this overload.
     *
     * @param task to run in a worker.
     * @param <T>  result type.
     * @return a future of its result.
     * @throws RejectedExecutionException as {@link #submit(Callable)}.
     */
    public <T> CompletableFuture<T> submit(final SerializableCallable<T> task)
    {
        return submit((Callable<T>)task);
    }

    /**
     * Submits a lambda without a result as a serialisable task: {@code pool.submit(() -> System.out.println("x"))}
     * picks this overload.
     *
     * @param task to run in a worker.
     * @return a future completed with null when it has run.
     * @throws RejectedExecutionException as {@link #submit(Callable)}.
     */
    public CompletableFuture<?> submit(final SerializableTask task)
    {
        return submit((Runnable)task);
    }

    /**
     * {@inheritDoc}
     *
     * @throws RejectedExecutionException as {@link #submit(Callable)}.
     */
    public CompletableFuture<?> submit(final Runnable task)
    {
        return submitter.run(task).future;
    }

    /**
     * As {@link #submit(Runnable, Object)}, for a lambda: {@code pool.submit(() -> log("x"), "done")}.
     *
     * @param task   to run in a worker.
     * @param result to complete the future with.
     * @param <T>    result type.
     * @return a future completed with {@code result} when the task has run.
     * @throws RejectedExecutionException as {@link #submit(Callable)}.
     */
    public <T> CompletableFuture<T> submit(final SerializableTask task, final T result)
    {
        return submit((Runnable)task, result);
    }

    /**
     * {@inheritDoc}
     *
     * @throws RejectedExecutionException as {@link #submit(Callable)}.
     */
    public <T> CompletableFuture<T> submit(final Runnable task, final T result)
    {
        return submitter.run(task).future.thenApply((ignored) -> result);
    }

    /**
     * Runs a lambda in a worker: {@code pool.execute(() -> System.out.println("x"))} picks this overload.
     *
     * @param command to run in a worker.
     * @throws RejectedExecutionException as {@link #submit(Callable)}.
     */
    public void execute(final SerializableTask command)
    {
        execute((Runnable)command);
    }

    /**
     * {@inheritDoc}
     *
     * @throws RejectedExecutionException as {@link #submit(Callable)}.
     */
    public void execute(final Runnable command)
    {
        submit(command);
    }

    /**
     * {@inheritDoc}
     */
    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks) throws InterruptedException
    {
        return ExecutorInvocations.invokeAll(this::submit, tasks);
    }

    /**
     * {@inheritDoc}
     */
    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks, final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        return ExecutorInvocations.invokeAll(this::submit, tasks, timeout, unit);
    }

    /**
     * {@inheritDoc}
     */
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException
    {
        try
        {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("cannot time out", ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        return ExecutorInvocations.invokeAny(this::submit, tasks, timeout, unit);
    }

    /**
     * Lets the work already submitted finish, then stops the workers; new work is rejected. Python's {@code close()};
     * returns at once: {@link #join()} or {@link #awaitTermination} waits.
     */
    public void shutdown()
    {
        state.lock.lock();
        try
        {
            state.shutdown = true;
            dispatcher.stopWhenIdle();
        }
        finally
        {
            state.lock.unlock();
        }
    }

    /**
     * Stops at once (Python's {@code terminate()}): kills the workers and fails every unfinished future with
     * {@link CancellationException}; returns without waiting for the workers' JVMs to be gone ({@link #terminate()}
     * waits).
     *
     * @return the ExecutorService tasks ({@code submit}, {@code execute}, {@code invokeAll}, ...) that never started,
     * in submission order: each {@code Runnable} as submitted, each {@code Callable} as a {@link FutureTask} of it, so
     * that running one runs the task (in this JVM). Their futures are cancelled. Work of Python's verbs ({@code map},
     * {@code apply}, ...) is not listed: its futures and iterators fail with {@link CancellationException}.
     */
    public List<Runnable> shutdownNow()
    {
        final List<Runnable> neverStarted;
        state.lock.lock();
        try
        {
            neverStarted = dispatcher.queuedTasks();
            state.shutdown = true;
            state.stopping = true;
            state.abandoned = true;
            dispatcher.failAll(new CancellationException("pool terminated"));
            supervisor.killAll();
        }
        finally
        {
            state.lock.unlock();
        }
        state.publishSettled();
        return neverStarted;
    }

    /**
     * Python's {@code terminate()}: {@link #shutdownNow()} and wait for the workers to be gone. Running tasks are
     * stopped (their workers killed) and their futures cancelled.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void terminate() throws InterruptedException
    {
        shutdownNow();
        awaitTermination(30, TimeUnit.SECONDS);
    }

    public boolean isShutdown()
    {
        return state.shutdown;
    }

    public boolean isTerminated()
    {
        return state.isTerminated();
    }

    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return state.terminated.await(timeout, unit);
    }

    /**
     * Python's {@code join()}: waits for every worker to exit, after {@link #shutdown()} (the submitted work finishes
     * first) or {@link #terminate()}/{@link #shutdownNow()}.
     *
     * @throws IllegalStateException when the pool is still running (Python raises ValueError): shut it down first.
     * @throws InterruptedException  when interrupted while waiting.
     */
    public void join() throws InterruptedException
    {
        if (!state.shutdown)
        {
            throw new IllegalStateException("pool is still running, call shutdown() or terminate() before join(): " +
                this);
        }
        while (!awaitTermination(1, TimeUnit.DAYS))
        {
            Thread.onSpinWait();
        }
    }

    /**
     * What try-with-resources does: a graceful end, as {@code ExecutorService.close()} in JDK 19 and later. Shuts down
     * (new work is rejected), waits for the work already submitted to finish, running and queued tasks alike, and for
     * every worker to exit; if interrupted while waiting, terminates. No worker JVM and no file of the pool remain
     * afterwards.
     * <p>
     * Python's {@code with Pool() as p:} terminates at its end instead, stopping running tasks: for that, call
     * {@link #terminate()} (in a {@code finally}, or before the end of the {@code try} block). The pairs, as in Python:
     * {@link #shutdown()} (Python's {@code close()}) then {@link #join()}; or {@link #terminate()}.
     */
    public void close()
    {
        shutdown();
        try
        {
            while (!awaitTermination(1, TimeUnit.DAYS))
            {
                Thread.onSpinWait();
            }
        }
        catch (final InterruptedException ex)
        {
            shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public String toString()
    {
        return "ProcessPool{workers=" + options.workers + ", state=" +
            (isTerminated() ? "TERMINATED" : state.shutdown ? "SHUTDOWN" : "RUNNING") + '}';
    }
}
