package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageRing;
import io.mproc.queue.ObjectCodec;

import java.util.Collection;
import java.util.List;
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
 * <b>Parts.</b> This class is the API: Python's verbs in {@link PythonPoolVerbs}, which it extends, the lifecycle and
 * {@code ExecutorService} here; it delegates to {@link JobSubmitter} (each verb as a job, see {@link PoolJob},
 * and its chunks, encoded by {@link ChunkEncoder}; functions by id in {@link FunctionTable}), {@link TaskDispatcher}
 * (the queue, the in-flight table and the task rings), {@link WorkerSupervisor} (starting and replacing workers) and
 * {@link ResultCollector} (the collector thread), which share a {@link PoolState} (the pool lock and the run state).
 * A worker process runs {@link PoolWorker}.
 * <p>
 * Thread-safe.
 */
public final class ProcessPool extends PythonPoolVerbs implements Pool
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

    JobSubmitter jobs()
    {
        return submitter;
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
