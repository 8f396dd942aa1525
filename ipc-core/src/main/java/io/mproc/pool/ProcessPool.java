package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.pool.PoolJob.FutureJob;
import io.mproc.pool.PoolJob.ListJob;
import io.mproc.pool.PoolJob.OrderedJob;
import io.mproc.pool.PoolJob.SingleJob;
import io.mproc.pool.PoolJob.UnorderedJob;
import io.mproc.process.ChildProcess;
import io.mproc.process.SerializableRunnable;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageRing;
import io.mproc.queue.ObjectCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

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
 * {@link SerializableCallable}, {@link SerializableRunnable}) and must not rely on the parent's memory; what they
 * capture travels with them, shared-object handles ({@code LongValue}, {@code Semaphore}, queues, ...) by name, so
 * a task works on the parent's shared memory. Items and results travel as {@link ObjectCodec} values: primitives,
 * strings, byte arrays, buffers, JDK values and collections, arrays, enums, records and handles with no
 * configuration; other user classes only when on the pool's {@link AllowList} ({@link Builder#allow}). A task, item
 * or capture that cannot be sent fails at submit with the reason ({@link io.mproc.queue.UnsendableValueException}
 * naming the class and the call that allows it); an exception thrown by a task fails that task (as
 * {@link RemoteTaskException}, with the remote class, message and stack trace) and the worker carries on.
 * <p>
 * Thread-safe.
 */
public final class ProcessPool extends AbstractExecutorService implements AutoCloseable
{
    private static final Logger LOGGER = LoggerFactory.getLogger(ProcessPool.class);
    /** Largest chunk payload: a chunk closes early past this many bytes of items. */
    static final int MAX_CHUNK_BYTES = 64 * 1024;
    /** Ring sizes: messages up to 1/8 of a ring, so 512 KiB. */
    static final int TASK_RING_CAPACITY = 4 * 1024 * 1024;
    static final int RESULT_RING_CAPACITY = 4 * 1024 * 1024;
    private static final int WORKER_FIELD_SHIFT = 16;
    /** Longest sleep of the collector between looks at the result ring. */
    private static final long EXIT_CHECK_MS = 100;

    private final Namespace namespace;
    private final MessageRing results;
    private final Worker[] workers;
    private final SerializableRunnable initializer;
    private final int maxTasksPerChild;
    private final int maxRetries;
    private final AllowList allowList;
    private final String[] allowedClasses;
    private final String[] allowedPackages;
    private final List<String> jvmOptions;
    private final ObjectCodec codec;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final Map<Long, Chunk> inFlight = new HashMap<>();
    private final Map<ByteBuffer, Integer> functionIds = new HashMap<>();
    private final Map<Integer, byte[]> functions = new HashMap<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** Jobs settled under the lock whose futures are still to be completed, outside it. */
    private final ArrayDeque<FutureJob<?>> toPublish = new ArrayDeque<>();
    private final PoolFuture.Helper helper = this::helpUntilDone;
    private final ResultHandler resultHandler = new ResultHandler();
    private final WorkerRestarts restarts;
    /** Set, under the lock, when the initializer failed too often in a row: tasks fail with it. */
    private volatile InitializerFailedException initializerFailure;
    private final Thread collector;
    private long nextChunkId;
    private int nextWorkerNumber;
    private volatile boolean shutdown;
    private volatile boolean stopping;
    private volatile boolean abandoned;

    private ProcessPool(final Builder builder)
    {
        this.initializer = builder.initializer;
        this.maxTasksPerChild = builder.maxTasksPerChild;
        this.maxRetries = builder.maxRetries;
        this.allowList = builder.allowList;
        this.allowedClasses = builder.allowedClasses.toArray(new String[0]);
        this.allowedPackages = builder.allowedPackages.toArray(new String[0]);
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.codec = new ObjectCodec(allowList).at("a process pool's tasks", "ProcessPool.builder().allow(%s.class)");
        this.namespace = Namespace.temporary();
        try
        {
            results = MessageRing.create(namespace, "results", RESULT_RING_CAPACITY);
            workers = new Worker[builder.workers];
            restarts = new WorkerRestarts(builder.workers);
            lock.lock();
            try
            {
                for (int slot = 0; slot < workers.length; slot++)
                {
                    workers[slot] = startWorker(slot, 0);
                }
            }
            finally
            {
                lock.unlock();
            }
        }
        catch (final RuntimeException ex)
        {
            namespace.close();
            throw ex;
        }
        collector = new Thread(this::collect, "mproc-pool-collector");
        collector.setDaemon(true);
        collector.start();
    }

    /**
     * @return a pool with one worker per available processor.
     */
    public static ProcessPool create()
    {
        return builder().build();
    }

    /**
     * @param workers number of worker processes.
     * @return a pool of that many workers.
     */
    public static ProcessPool create(final int workers)
    {
        return builder().workers(workers).build();
    }

    /**
     * @return a builder for a pool with options.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return number of worker processes.
     */
    public int workerCount()
    {
        return workers.length;
    }

    /**
     * @return pids of the current workers, in slot order (for monitoring and tests).
     */
    public List<Long> workerPids()
    {
        lock.lock();
        try
        {
            final List<Long> pids = new ArrayList<>();
            for (final Worker worker : workers)
            {
                pids.add(worker.process.pid());
            }
            return pids;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return chunks queued or held by workers (for tests: a failed submit must leave none behind).
     */
    int unfinishedChunks()
    {
        lock.lock();
        try
        {
            return pending.size() + inFlight.size();
        }
        finally
        {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Python's verbs
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Applies {@code function} to every item in the workers, with Python's automatic chunk size, and returns the
     * results in item order.
     *
     * @param function to apply.
     * @param items    to apply it to.
     * @param <T>      item type.
     * @param <R>      result type.
     * @return the results, in item order.
     * @throws RemoteTaskException  the first exception a task threw.
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
        return await(mapAsync(function, items, chunksize, progress));
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
     * @return a future of the results in item order, failed by the first task exception.
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(final SerializableFunction<T, R> function,
        final Iterable<? extends T> items, final int chunksize, final ProgressListener progress)
    {
        final List<Object> list = toList(items);
        final ListJob<R> job = new ListJob<>(helper, toPublish, list.size(), progress);
        submitJob(job, function, PoolProtocol.MODE_MAP, list, chunksize(chunksize, list.size()));
        return job.future;
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
        final List<Object> flat = new ArrayList<>();
        for (final Map.Entry<? extends A, ? extends B> pair : pairs)
        {
            flat.add(pair.getKey());
            flat.add(pair.getValue());
        }
        final int count = flat.size() / 2;
        final ListJob<R> job = new ListJob<>(helper, toPublish, count, null);
        submitJob(job, function, PoolProtocol.MODE_STARMAP, flat, chunksize(chunksize, count));
        return await(job.future);
    }

    /**
     * Python's {@code imap}: results in item order, each as soon as it and those before it are done.
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
        final List<Object> list = toList(items);
        final OrderedJob<R> job = new OrderedJob<>(list.size());
        submitJob(job, function, PoolProtocol.MODE_MAP, list, Math.max(1, chunksize));
        return job;
    }

    /**
     * Python's {@code imap_unordered}: results as they complete.
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
        final List<Object> list = toList(items);
        final UnorderedJob<R> job = new UnorderedJob<>(list.size());
        submitJob(job, function, PoolProtocol.MODE_MAP, list, Math.max(1, chunksize));
        return job;
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
        return await(applyAsync(function, argument));
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
        final SingleJob<R> job = new SingleJob<>(helper, toPublish);
        submitJob(job, function, PoolProtocol.MODE_MAP, Collections.singletonList(argument), 1);
        return job.future;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ExecutorService
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the task is not serializable.
     */
    public <T> CompletableFuture<T> submit(final Callable<T> task)
    {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof java.io.Serializable))
        {
            throw new IllegalArgumentException("task cannot be sent to a worker, not serializable (use a " +
                "SerializableCallable lambda): task=" + task.getClass().getName());
        }
        final SingleJob<T> job = new SingleJob<>(helper, toPublish);
        submitJob(job, null, PoolProtocol.MODE_CALL, Collections.singletonList(task), 1);
        return job.future;
    }

    /**
     * Submits a lambda as a serialisable task: {@code pool.submit(() -> countPrimes(31_000))} picks this overload.
     *
     * @param task to run in a worker.
     * @param <T>  result type.
     * @return a future of its result.
     */
    public <T> CompletableFuture<T> submit(final SerializableCallable<T> task)
    {
        return submit((Callable<T>)task);
    }

    /**
     * Submits a serialisable runnable lambda.
     *
     * @param task to run in a worker.
     * @return a future completed with null when it has run.
     */
    public CompletableFuture<?> submit(final SerializableRunnable task)
    {
        Objects.requireNonNull(task, "task");
        final SingleJob<Object> job = new SingleJob<>(helper, toPublish);
        submitJob(job, null, PoolProtocol.MODE_CALL, Collections.singletonList(task), 1);
        return job.future;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the task is not serializable.
     */
    public CompletableFuture<?> submit(final Runnable task)
    {
        return submit(task, null);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the task is not serializable.
     */
    public <T> CompletableFuture<T> submit(final Runnable task, final T result)
    {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof java.io.Serializable))
        {
            throw new IllegalArgumentException("task cannot be sent to a worker, not serializable (use a " +
                "SerializableRunnable lambda): task=" + task.getClass().getName());
        }
        final SerializableRunnable runnable = task instanceof SerializableRunnable ?
            (SerializableRunnable)task : new RunnableAdapter((Runnable & java.io.Serializable)task);
        final SingleJob<T> job = new SingleJob<>(helper, toPublish);
        submitJob(job, null, PoolProtocol.MODE_CALL, Collections.singletonList(runnable), 1);
        return job.future.thenApply((ignored) -> result);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the task is not serializable.
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
        final List<Future<T>> futures = new ArrayList<>();
        for (final Callable<T> task : tasks)
        {
            futures.add(submit(task));
        }
        for (final Future<T> future : futures)
        {
            try
            {
                future.get();
            }
            catch (final ExecutionException | CancellationException ignore)
            {
                // reported by the future itself
            }
        }
        return futures;
    }

    /**
     * {@inheritDoc}
     */
    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks, final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        final List<Future<T>> futures = new ArrayList<>();
        for (final Callable<T> task : tasks)
        {
            futures.add(submit(task));
        }
        for (final Future<T> future : futures)
        {
            try
            {
                future.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final ExecutionException | CancellationException ignore)
            {
                // reported by the future itself
            }
            catch (final TimeoutException ex)
            {
                futures.forEach((f) -> f.cancel(true));
                break;
            }
        }
        return futures;
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
        if (tasks.isEmpty())
        {
            throw new IllegalArgumentException("no tasks");
        }
        final LinkedBlockingQueue<CompletableFuture<T>> done = new LinkedBlockingQueue<>();
        final List<CompletableFuture<T>> futures = new ArrayList<>();
        for (final Callable<T> task : tasks)
        {
            final CompletableFuture<T> future = submit(task);
            futures.add(future);
            future.whenComplete((value, error) -> done.add(future));
        }
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        ExecutionException last = null;
        try
        {
            for (int i = 0; i < futures.size(); i++)
            {
                final CompletableFuture<T> future = done.poll(Math.max(0, deadlineNs - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
                if (null == future)
                {
                    throw new TimeoutException("no task completed within " + Duration.ofNanos(unit.toNanos(timeout)));
                }
                try
                {
                    return future.get();
                }
                catch (final ExecutionException ex)
                {
                    last = ex;
                }
            }
            throw last;
        }
        finally
        {
            futures.forEach((f) -> f.cancel(true));
        }
    }

    /**
     * Lets the work already submitted finish, then stops the workers; new work is rejected.
     */
    public void shutdown()
    {
        lock.lock();
        try
        {
            shutdown = true;
            stopWhenIdle();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Stops at once (Python's {@code terminate()}): kills the workers and fails every unfinished future with
     * {@link CancellationException}.
     *
     * @return the tasks that never started (always empty: tasks are not kept as {@code Runnable}s).
     */
    public List<Runnable> shutdownNow()
    {
        lock.lock();
        try
        {
            shutdown = true;
            stopping = true;
            abandoned = true;
            final CancellationException cancelled = new CancellationException("pool terminated");
            for (final Chunk chunk : pending)
            {
                chunk.job.failAll(cancelled);
            }
            pending.clear();
            for (final Chunk chunk : inFlight.values())
            {
                chunk.job.failAll(cancelled);
            }
            inFlight.clear();
            for (final Worker worker : workers)
            {
                worker.assigned.clear();
                if (worker.alive && worker.process.isAlive()) // a dead worker is closed: isAlive() would throw
                {
                    worker.process.kill();
                }
            }
        }
        finally
        {
            lock.unlock();
        }
        publishSettled();
        return Collections.emptyList();
    }

    /**
     * Python's {@code terminate()}: {@link #shutdownNow()} and wait for the workers to be gone.
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
        return shutdown;
    }

    public boolean isTerminated()
    {
        return 0 == terminated.getCount();
    }

    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return terminated.await(timeout, unit);
    }

    /**
     * Shuts down and waits for the submitted work to finish and every worker to exit; if interrupted, terminates.
     * No worker JVM and no file of the pool remain afterwards.
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
        return "ProcessPool{workers=" + workers.length + ", state=" +
            (isTerminated() ? "TERMINATED" : shutdown ? "SHUTDOWN" : "RUNNING") + '}';
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Submission and dispatch
    // ---------------------------------------------------------------------------------------------------------------

    private int chunksize(final int requested, final int items)
    {
        if (requested > 0)
        {
            return requested;
        }
        // Python: chunksize, extra = divmod(len(iterable), len(self._pool) * 4); if extra: chunksize += 1
        final int divisor = workers.length * 4;
        int chunksize = items / divisor;
        if (0 != items % divisor)
        {
            chunksize++;
        }
        return Math.max(1, chunksize);
    }

    private void submitJob(final PoolJob job, final Object function, final int mode, final List<Object> items,
        final int chunksize)
    {
        if (shutdown)
        {
            throw new RejectedExecutionException("pool is shut down");
        }
        if (null != initializerFailure)
        {
            throw initializerFailure;
        }
        final int fnId = null == function ? -1 : registerFunction(function);
        final int stride = PoolProtocol.MODE_STARMAP == mode ? 2 : 1;
        final int count = items.size() / stride;
        final List<Chunk> chunks = new ArrayList<>();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        int item = 0;
        while (item < count)
        {
            final int first = item;
            int position = PoolProtocol.CHUNK_ITEMS_OFFSET;
            while (item < count && item - first < chunksize && (item == first || position < MAX_CHUNK_BYTES))
            {
                for (int k = 0; k < stride; k++)
                {
                    final Object value = items.get(item * stride + k);
                    if (PoolProtocol.MODE_CALL == mode)
                    {
                        final byte[] bytes = PoolProtocol.serialize(value, allowList);
                        buffer.putInt(position + PoolProtocol.ITEM_TYPE_OFFSET, ObjectCodec.SERIALIZED);
                        buffer.putInt(position + PoolProtocol.ITEM_LENGTH_OFFSET, bytes.length);
                        buffer.putBytes(position + PoolProtocol.ITEM_HEADER_LENGTH, bytes);
                        position += PoolProtocol.ITEM_HEADER_LENGTH + bytes.length;
                    }
                    else
                    {
                        if (null == value)
                        {
                            throw new NullPointerException("items must not be null: index=" + item);
                        }
                        position = PoolProtocol.putItem(codec, value, buffer, position);
                    }
                }
                item++;
            }
            if (position > TASK_RING_CAPACITY / 8)
            {
                throw new io.mproc.queue.MessageTooLargeException(position, TASK_RING_CAPACITY / 8);
            }
            buffer.putInt(PoolProtocol.CHUNK_FN_OFFSET, fnId);
            buffer.putInt(PoolProtocol.CHUNK_MODE_OFFSET, mode);
            buffer.putInt(PoolProtocol.CHUNK_COUNT_OFFSET, item - first);
            final byte[] payload = new byte[position];
            buffer.getBytes(0, payload);
            chunks.add(new Chunk(job, fnId, first, item - first, payload));
        }

        lock.lock();
        try
        {
            if (shutdown)
            {
                throw new RejectedExecutionException("pool is shut down");
            }
            if (null != initializerFailure)
            {
                throw initializerFailure;
            }
            if (chunks.isEmpty())
            {
                job.complete();
            }
            for (final Chunk chunk : chunks)
            {
                chunk.id = ++nextChunkId;
                new UnsafeBuffer(chunk.payload).putLong(PoolProtocol.CHUNK_ID_OFFSET, chunk.id);
                pending.addLast(chunk);
            }
            dispatch();
            stopWhenIdle();
        }
        finally
        {
            lock.unlock();
        }
        publishSettled();
        if (null != job.sendError)
        {
            throw job.sendError; // the job was dropped whole: nothing of it is queued
        }
    }

    private int registerFunction(final Object function)
    {
        if (!function.getClass().isSynthetic() && !allowList.allows(function.getClass().getName()))
        {
            throw new IllegalArgumentException("function class is not on the pool's allow-list, workers would " +
                "refuse it: class=" + function.getClass().getName() + " (use a lambda, or Builder.allow)");
        }
        final byte[] bytes = PoolProtocol.serialize(function, allowList);
        lock.lock();
        try
        {
            return functionIds.computeIfAbsent(ByteBuffer.wrap(bytes), (key) ->
            {
                final int id = functionIds.size() + 1;
                functions.put(id, bytes);
                return id;
            });
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Hands pending chunks to workers with room, under the lock. A worker whose task ring is full is passed over
     * until the end of this call, however the call ends.
     */
    private void dispatch()
    {
        try
        {
            dispatchPending();
        }
        finally
        {
            for (final Worker worker : workers)
            {
                worker.full = false;
            }
        }
    }

    private void dispatchPending()
    {
        while (!pending.isEmpty() && !stopping)
        {
            final Chunk chunk = pending.peekFirst();
            if (chunk.job.isDone())
            {
                pending.pollFirst();
                continue;
            }
            final Worker worker = leastLoadedWorkerWithRoom(chunk.job);
            if (null == worker)
            {
                return;
            }
            final boolean written;
            try
            {
                written = send(worker, chunk);
            }
            catch (final RuntimeException ex)
            {
                dropJob(chunk.job, ex);
                continue;
            }
            if (!written)
            {
                worker.full = true;
                continue;
            }
            pending.pollFirst();
            chunk.worker = worker;
            chunk.dispatchedAtNs = System.nanoTime();
            worker.assigned.add(chunk);
            inFlight.put(chunk.id, chunk);
        }
    }

    /**
     * Writes a chunk, and its function first if the worker lacks it, to the worker's task ring.
     *
     * @return false when the ring is full.
     * @throws RuntimeException when the ring refuses the message (too large; this thread cannot produce on it).
     */
    private boolean send(final Worker worker, final Chunk chunk)
    {
        if (chunk.fnId > 0 && !worker.functionsSent.contains(chunk.fnId))
        {
            final byte[] function = functions.get(chunk.fnId);
            final UnsafeBuffer message = new UnsafeBuffer(new byte[Integer.BYTES + function.length]);
            message.putInt(0, chunk.fnId);
            message.putBytes(Integer.BYTES, function);
            if (!worker.ring.write(PoolProtocol.FUNCTION, message, 0, message.capacity()))
            {
                return false;
            }
            worker.functionsSent.add(chunk.fnId);
        }
        return worker.ring.write(PoolProtocol.CHUNK, new UnsafeBuffer(chunk.payload), 0, chunk.payload.length);
    }

    /**
     * A chunk could not be sent: the whole job fails with the reason, and none of its chunks stays queued (a chunk
     * left queued would be retried by every later dispatch and keep {@link #close()} waiting for ever). Chunks of
     * the job that workers already hold finish and are ignored.
     */
    private void dropJob(final PoolJob job, final RuntimeException reason)
    {
        LOGGER.debug("a task could not be sent to a worker; failing its job", reason);
        pending.removeIf((queued) -> queued.job == job);
        job.sendError = reason;
        job.failAll(reason);
    }

    private Worker leastLoadedWorkerWithRoom(final PoolJob job)
    {
        final int limit = job.chunksPerWorker();
        Worker best = null;
        for (final Worker worker : workers)
        {
            if (worker.alive && !worker.retiring && !worker.full && worker.assigned.size() < limit &&
                (null == best || worker.assigned.size() < best.assigned.size()))
            {
                best = worker;
            }
        }
        return best;
    }

    private Worker startWorker(final int slot, final int generation)
    {
        final String name = "PoolWorker-" + ++nextWorkerNumber;
        final String ringName = "tasks-" + slot + "-" + generation;
        final MessageRing ring = MessageRing.create(namespace, ringName, TASK_RING_CAPACITY);
        final int workerField = slot | generation << WORKER_FIELD_SHIFT;
        final ChildProcess process = new ChildProcess(new PoolWorker(namespace.directory().toString(), ringName,
            "results", workerField, initializer, maxTasksPerChild, allowedClasses, allowedPackages))
            .name(name)
            .daemon(true)
            .jvmOptions(jvmOptions.toArray(new String[0]));
        final Worker worker = new Worker(slot, generation, name, ring, process);
        try
        {
            process.startAsync(); // no wait for the worker to be ready: the pool holds its lock here
        }
        catch (final RuntimeException ex)
        {
            ring.unlink();
            throw ex;
        }
        process.onExit().thenRun(() -> reportExit(worker));
        LOGGER.debug("started {} pid {}", name, process.pid());
        return worker;
    }

    /**
     * Called on the JDK's process reaper when a worker JVM ends: tells the collector through the result ring, so that
     * it wakes at once and reads what the worker committed before dying first. Writes through a handle of its own,
     * closed at once: the reaper's threads come and go, and each would otherwise keep a producer entry of the ring.
     */
    private void reportExit(final Worker worker)
    {
        try (MessageRing notifier = MessageRing.open(namespace, "results"))
        {
            ExitReporter.report(notifier, worker.slot | worker.generation << WORKER_FIELD_SHIFT,
                worker.process.exitCode().orElse(-1), this::isTerminated);
        }
        catch (final RuntimeException ex)
        {
            LOGGER.debug("pool already closed when {} exited", worker.name, ex); // nothing left to tell
        }
    }

    private void stopWhenIdle()
    {
        if (shutdown && !stopping && pending.isEmpty() && inFlight.isEmpty())
        {
            stopping = true;
            for (final Worker worker : workers)
            {
                if (worker.alive && !sendStop(worker) && worker.process.isAlive())
                {
                    worker.process.kill();
                }
            }
        }
    }

    /**
     * @return false when the worker could not be told to stop (its ring is full, or refuses this thread): the caller
     * kills it instead, so that closing never waits on it.
     */
    private boolean sendStop(final Worker worker)
    {
        try
        {
            return worker.ring.write(PoolProtocol.STOP, new UnsafeBuffer(new byte[0]), 0, 0);
        }
        catch (final RuntimeException ex)
        {
            LOGGER.debug("cannot tell {} to stop; killing it", worker.name, ex);
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Collector
    // ---------------------------------------------------------------------------------------------------------------

    private void collect()
    {
        try
        {
            while (true)
            {
                final int read = results.read(resultHandler, 256);
                publishSettled();
                startDueWorkers();
                if (0 == read)
                {
                    if (stopping && allWorkersGone())
                    {
                        break;
                    }
                    results.awaitReadable(EXIT_CHECK_MS, TimeUnit.MILLISECONDS);
                }
            }
        }
        catch (final Throwable ex)
        {
            LOGGER.error("pool collector failed; terminating the pool", ex);
            shutdownNow();
        }
        finally
        {
            for (final Worker worker : workers)
            {
                end(worker.process);
            }
            namespace.close();
            terminated.countDown();
        }
    }

    /**
     * Completes the futures of the jobs settled so far, outside the pool lock and the result ring's consumer lock:
     * their callbacks may use the pool. Re-entrant: a callback that waits on the pool publishes from within.
     */
    private void publishSettled()
    {
        while (true)
        {
            final FutureJob<?> job;
            lock.lock();
            try
            {
                job = toPublish.pollFirst();
            }
            finally
            {
                lock.unlock();
            }
            if (null == job)
            {
                return;
            }
            job.publish();
        }
    }

    /**
     * A wait on the collector thread (in a callback of a pool future) reads and delivers results itself, since no
     * other thread would; on any other thread it returns at once and the caller blocks as usual.
     */
    private void helpUntilDone(final Future<?> future, final long deadlineNs, final boolean timed)
        throws InterruptedException
    {
        if (Thread.currentThread() != collector)
        {
            return;
        }
        while (!future.isDone() && (!timed || deadlineNs - System.nanoTime() > 0))
        {
            final int read = results.read(resultHandler, 256);
            publishSettled();
            if (0 == read && !future.isDone())
            {
                if (stopping && allWorkersGone())
                {
                    return;
                }
                results.awaitReadable(EXIT_CHECK_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Kills a worker's JVM if it still runs, waits for it and releases it; harmless on one already closed.
     */
    private static void end(final ChildProcess process)
    {
        try
        {
            if (process.isAlive())
            {
                process.kill();
                process.join(Duration.ofSeconds(10));
            }
        }
        catch (final IllegalStateException ignore)
        {
            // closed already
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        process.close();
    }

    private boolean allWorkersGone()
    {
        lock.lock();
        try
        {
            for (final Worker worker : workers)
            {
                if (worker.alive)
                {
                    return false;
                }
            }
            return true;
        }
        finally
        {
            lock.unlock();
        }
    }

    private Worker workerOf(final int workerField)
    {
        final Worker worker = workers[workerField & ((1 << WORKER_FIELD_SHIFT) - 1)];
        return worker.generation == workerField >>> WORKER_FIELD_SHIFT ? worker : null;
    }

    private void onResults(final DirectBuffer buffer, final int index)
    {
        final long chunkId = buffer.getLong(index + PoolProtocol.RESULTS_CHUNK_ID_OFFSET);
        final int start = buffer.getInt(index + PoolProtocol.RESULTS_START_OFFSET);
        final int count = buffer.getInt(index + PoolProtocol.RESULTS_COUNT_OFFSET);
        lock.lock();
        try
        {
            restarts.onTaskDone();
            final Chunk chunk = inFlight.get(chunkId);
            if (null == chunk)
            {
                return; // failed, cancelled or terminated meanwhile
            }
            int position = index + PoolProtocol.RESULTS_ITEMS_OFFSET;
            for (int i = start; i < start + count; i++)
            {
                final byte status = buffer.getByte(position++);
                Object value = null;
                if (PoolProtocol.STATUS_NULL != status)
                {
                    try
                    {
                        value = PoolProtocol.getItem(codec, buffer, position);
                    }
                    catch (final RuntimeException ex)
                    {
                        value = ex;
                    }
                    position += PoolProtocol.itemLength(buffer, position);
                }
                if (chunk.done[i])
                {
                    continue; // delivered by an earlier attempt
                }
                chunk.done[i] = true;
                chunk.remaining--;
                if (value instanceof RuntimeException && PoolProtocol.STATUS_OK == status)
                {
                    chunk.job.fail(chunk.start + i, (RuntimeException)value);
                }
                else if (PoolProtocol.STATUS_ERROR == status)
                {
                    chunk.job.fail(chunk.start + i, PoolProtocol.rebuild((String)value));
                }
                else
                {
                    chunk.job.deliver(chunk.start + i, value);
                }
            }
            if (0 == chunk.remaining)
            {
                inFlight.remove(chunkId);
                chunk.worker.assigned.remove(chunk);
                chunk.job.observeChunkTime(System.nanoTime() - chunk.dispatchedAtNs, chunk.count);
            }
            dispatch();
            stopWhenIdle();
        }
        finally
        {
            lock.unlock();
        }
    }

    private void onExited(final int workerField, final int exitCode)
    {
        lock.lock();
        try
        {
            final Worker worker = workerOf(workerField);
            if (null == worker || !worker.alive)
            {
                return;
            }
            worker.alive = false;
            final boolean expected = worker.retiring || stopping;
            if (!expected)
            {
                LOGGER.warn("{} (pid {}) died with exit code {} holding {} chunk(s)", worker.name, worker.process.pid(),
                    exitCode, worker.assigned.size());
            }
            final List<Chunk> held = new ArrayList<>(worker.assigned);
            worker.assigned.clear();
            Collections.reverse(held);
            for (final Chunk chunk : held)
            {
                inFlight.remove(chunk.id);
                if (!expected && !worker.initializerFailed && ++chunk.attempts > maxRetries)
                {
                    chunk.failRemaining(new WorkerDiedException(worker.name, exitCode, chunk.attempts));
                }
                else
                {
                    pending.addFirst(chunk);
                }
            }
            worker.ring.unlink();
            worker.process.close();
            replace(worker);
            dispatch();
            stopWhenIdle();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Starts a worker in the slot of one that died: at once, or after a back-off when its initializer failed, or
     * never when the initializer failed too often in a row (the pool then fails its tasks). Under the lock.
     */
    private void replace(final Worker dead)
    {
        if (stopping || abandoned || null != initializerFailure)
        {
            return;
        }
        if (!dead.initializerFailed)
        {
            workers[dead.slot] = startWorker(dead.slot, dead.generation + 1);
        }
        else if (restarts.givenUp())
        {
            failForInitializer(restarts.error());
        }
        else
        {
            restarts.schedule(dead.slot, System.nanoTime());
        }
    }

    /**
     * The initializer fails every time: fails the queued and held tasks, and later submits, with its exception.
     */
    private void failForInitializer(final InitializerFailedException failure)
    {
        LOGGER.error("giving up on the pool's initializer; failing its tasks", failure);
        initializerFailure = failure;
        for (final Chunk chunk : pending)
        {
            chunk.job.failAll(failure);
        }
        pending.clear();
        for (final Chunk chunk : inFlight.values())
        {
            chunk.job.failAll(failure);
        }
        inFlight.clear();
        for (final Worker worker : workers)
        {
            worker.assigned.clear();
        }
        restarts.cancelAll();
    }

    /**
     * On the collector: starts the workers whose back-off after an initializer failure has passed.
     */
    private void startDueWorkers()
    {
        if (!restarts.anyScheduled())
        {
            return;
        }
        lock.lock();
        try
        {
            if (stopping || abandoned || null != initializerFailure)
            {
                restarts.cancelAll();
                return;
            }
            final long nowNs = System.nanoTime();
            for (int slot = restarts.takeDue(nowNs); slot >= 0; slot = restarts.takeDue(nowNs))
            {
                workers[slot] = startWorker(slot, workers[slot].generation + 1);
            }
            dispatch();
        }
        finally
        {
            lock.unlock();
        }
    }

    private void onInitializerFailed(final int workerField, final String description)
    {
        lock.lock();
        try
        {
            final Worker worker = workerOf(workerField);
            if (null != worker)
            {
                worker.initializerFailed = true;
                restarts.onInitializerFailed(PoolProtocol.rebuild(description));
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private void onRetiring(final int workerField)
    {
        lock.lock();
        try
        {
            final Worker worker = workerOf(workerField);
            if (null != worker)
            {
                worker.retiring = true;
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Reads the result ring on the collector thread.
     */
    private final class ResultHandler implements MessageHandler
    {
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            switch (msgTypeId)
            {
                case PoolProtocol.RESULTS:
                    onResults(buffer, index);
                    break;
                case PoolProtocol.EXITED:
                    onExited(buffer.getInt(index), buffer.getInt(index + 4));
                    break;
                case PoolProtocol.RETIRING:
                    onRetiring(buffer.getInt(index));
                    break;
                case PoolProtocol.INIT_FAILED:
                    onInitializerFailed(buffer.getInt(index), (String)PoolProtocol.getItem(codec, buffer, index + 4));
                    break;
                default:
                    LOGGER.error("unknown pool result message type {}", msgTypeId);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------------

    static AllowList allowList(final String[] classNames, final String[] packages)
    {
        AllowList list = AllowList.NONE;
        for (final String packageName : packages)
        {
            list = list.allowPackage(packageName);
        }
        return list.allowClassNames(classNames);
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

    private static <T> T await(final CompletableFuture<T> future) throws InterruptedException
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
            future.cancel(true);
            throw ex;
        }
    }

    /**
     * Runs a plain serialisable {@link Runnable} as a {@link SerializableRunnable}.
     */
    private record RunnableAdapter(Runnable task) implements SerializableRunnable
    {
        public void run()
        {
            task.run();
        }
    }

    /**
     * One worker slot's current process and what it holds.
     */
    private static final class Worker
    {
        final int slot;
        final int generation;
        final String name;
        final MessageRing ring;
        final ChildProcess process;
        final List<Chunk> assigned = new ArrayList<>();
        final Set<Integer> functionsSent = new HashSet<>();
        boolean alive = true;
        boolean retiring;
        boolean full;
        boolean initializerFailed;

        Worker(final int slot, final int generation, final String name, final MessageRing ring, final ChildProcess process)
        {
            this.slot = slot;
            this.generation = generation;
            this.name = name;
            this.ring = ring;
            this.process = process;
        }
    }

    /**
     * Items [start, start + count) of a job, as sent to a worker.
     */
    private static final class Chunk
    {
        final PoolJob job;
        final int fnId;
        final int start;
        final int count;
        final byte[] payload;
        final boolean[] done;
        long id;
        int remaining;
        int attempts;
        Worker worker;
        long dispatchedAtNs;

        Chunk(final PoolJob job, final int fnId, final int start, final int count, final byte[] payload)
        {
            this.job = job;
            this.fnId = fnId;
            this.start = start;
            this.count = count;
            this.payload = payload;
            this.done = new boolean[count];
            this.remaining = count;
        }

        void failRemaining(final RuntimeException error)
        {
            for (int i = 0; i < count; i++)
            {
                if (!done[i])
                {
                    done[i] = true;
                    job.fail(start + i, error);
                }
            }
            remaining = 0;
        }
    }

    /**
     * Options of a pool.
     */
    public static final class Builder
    {
        private int workers = Runtime.getRuntime().availableProcessors();
        private SerializableRunnable initializer;
        private int maxTasksPerChild;
        private int maxRetries = 1;
        private AllowList allowList = AllowList.NONE;
        private final List<String> allowedClasses = new ArrayList<>();
        private final List<String> allowedPackages = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();

        Builder()
        {
        }

        /**
         * @param workers number of worker processes (default: available processors).
         * @return this.
         */
        public Builder workers(final int workers)
        {
            if (workers < 1 || workers > 1 << WORKER_FIELD_SHIFT)
            {
                throw new IllegalArgumentException("workers must be at least 1: workers=" + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * @param initializer run once in each worker before its first task (Python's {@code initializer}).
         * @return this.
         */
        public Builder initializer(final SerializableRunnable initializer)
        {
            this.initializer = initializer;
            return this;
        }

        /**
         * @param maxTasksPerChild tasks a worker runs before it is replaced by a fresh one; 0 for no limit.
         * @return this.
         */
        public Builder maxTasksPerChild(final int maxTasksPerChild)
        {
            if (maxTasksPerChild < 0)
            {
                throw new IllegalArgumentException("maxTasksPerChild must be >= 0: maxTasksPerChild=" + maxTasksPerChild);
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /**
         * @param maxRetries times a task held by a dying worker is sent again before it fails (default 1).
         * @return this.
         */
        public Builder maxRetries(final int maxRetries)
        {
            if (maxRetries < 0)
            {
                throw new IllegalArgumentException("maxRetries must be >= 0: maxRetries=" + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * @param classes user classes that may travel as items, results or task objects.
         * @return this.
         */
        public Builder allow(final Class<?>... classes)
        {
            allowList = allowList.allow(classes);
            for (final Class<?> type : classes)
            {
                allowedClasses.add(type.getName());
            }
            return this;
        }

        /**
         * @param packageName whose classes may travel as items, results or task objects.
         * @return this.
         */
        public Builder allowPackage(final String packageName)
        {
            allowList = allowList.allowPackage(packageName);
            allowedPackages.add(packageName);
            return this;
        }

        /**
         * @param options extra JVM options for the workers, such as {@code -Xmx512m}.
         * @return this.
         */
        public Builder jvmOptions(final String... options)
        {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /**
         * @return a started pool.
         */
        public ProcessPool build()
        {
            return new ProcessPool(this);
        }
    }
}
