package io.mproc.cluster;

import io.mproc.pool.Pool;
import io.mproc.pool.SerializableBiFunction;
import io.mproc.pool.SerializableFunction;
import io.mproc.process.SerializableRunnable;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code Pool} on a cluster: tasks run as Ignite compute jobs on the cluster's server nodes, at most
 * {@link #workerCount()} at a time (one per dispatcher thread of this pool; each sends a job and waits for its
 * reply). Ignite spreads the jobs over the servers and, when a server dies with jobs on it, re-runs them on the
 * others (its default failover): a task may therefore run more than once, never zero times.
 * <p>
 * Functions are Java-serialised (lambdas typed as mproc's {@code Serializable...} interfaces); arguments and
 * results travel as mproc's codec bytes ({@link Payloads}). The function's class must be on every server's class
 * path: peer class loading is off.
 * <p>
 * A pool's initializer (Python's {@code Pool(initializer=...)}) runs once on each server node, before the first of
 * this pool's tasks that node runs (see {@link ClusterTask.Setup}): the server nodes are the pool's workers.
 */
final class ClusterPool extends AbstractExecutorService implements Pool
{
    private static final int RUNNING = 0;
    private static final int SHUTDOWN = 1;
    private static final int STOP = 2;
    /** Tells a dispatcher thread to end; queued after every task submitted before shutdown. */
    private static final Runnable END = () -> { };
    /** Chunks per worker when {@code map} picks the chunk size, as Python's {@code divmod(len, 4 * workers)}. */
    private static final int AUTO_CHUNKS_PER_WORKER = 4;

    private final IgniteCompute compute;
    private final int workers;
    private final Payloads payloads = new Payloads("a cluster pool's tasks");
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final List<Thread> dispatchers = new ArrayList<>();
    private final CountDownLatch ended;
    private final Object stateLock = new Object();
    private final ClusterTask.Setup setup;
    private volatile int state = RUNNING;
    private volatile boolean endedQueued;

    ClusterPool(final Ignite ignite, final int workers, final String name)
    {
        this(ignite, workers, name, null);
    }

    /**
     * @param initializer run once on each server node, before the first task of this pool that node runs (Python's
     *                    {@code Pool(initializer=...)}, whose workers here are the server nodes); null for none.
     */
    ClusterPool(final Ignite ignite, final int workers, final String name, final SerializableRunnable initializer)
    {
        this.setup = new ClusterTask.Setup(UUID.randomUUID().toString(),
            null == initializer ? null : ClusterTask.serialize(initializer));
        if (workers < 1)
        {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.compute = ignite.compute(ignite.cluster().forServers());
        this.workers = workers;
        this.ended = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++)
        {
            final Thread dispatcher = new Thread(this::dispatch, "mproc-cluster-pool-" + name + "-" + i);
            dispatcher.setDaemon(true);
            dispatchers.add(dispatcher);
            dispatcher.start();
        }
    }

    private void dispatch()
    {
        try
        {
            while (true)
            {
                final Runnable next = queue.take();
                if (END == next)
                {
                    return;
                }
                next.run();
                if (STOP == state && Thread.interrupted())
                {
                    return;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            // terminate(): stop at once
        }
        finally
        {
            ended.countDown();
        }
    }

    @Override
    public int workerCount()
    {
        return workers;
    }

    @Override
    public void execute(final Runnable command)
    {
        Objects.requireNonNull(command, "command");
        final Runnable call = command instanceof RemoteCall ? command : newTaskFor(command, null);
        synchronized (stateLock)
        {
            if (RUNNING != state)
            {
                throw new RejectedExecutionException("cluster pool is shut down: no new tasks");
            }
            queue.add(call);
        }
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(final Callable<T> callable)
    {
        final ClusterTask task = new ClusterTask(ClusterTask.CALL, ClusterTask.serialize(callable), null, setup);
        return new RemoteCall<>(compute, task, true, payloads);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(final Runnable runnable, final T value)
    {
        return newTaskFor(new RunnableCall<>(runnable, value));
    }

    @Override
    public <T, R> List<R> map(final SerializableFunction<T, R> function, final Iterable<? extends T> items)
        throws InterruptedException
    {
        return RemoteCall.await(mapAsync(function, items, 0));
    }

    @Override
    public <T, R> List<R> map(
        final SerializableFunction<T, R> function, final Iterable<? extends T> items, final int chunksize)
        throws InterruptedException
    {
        return RemoteCall.await(mapAsync(function, items, chunksize));
    }

    @Override
    public <T, R> CompletableFuture<List<R>> mapAsync(
        final SerializableFunction<T, R> function, final Iterable<? extends T> items)
    {
        return mapAsync(function, items, 0);
    }

    private <T, R> CompletableFuture<List<R>> mapAsync(
        final SerializableFunction<T, R> function, final Iterable<? extends T> items, final int chunksize)
    {
        Objects.requireNonNull(function, "function");
        if (chunksize < 0)
        {
            throw new IllegalArgumentException("chunksize must be 0 (automatic) or more: " + chunksize);
        }
        final List<Object> all = new ArrayList<>();
        items.forEach(all::add);
        return runChunks(ClusterTask.APPLY, ClusterTask.serialize(function), all, chunksize);
    }

    @Override
    public <A, B, R> List<R> starmap(
        final SerializableBiFunction<A, B, R> function,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) throws InterruptedException
    {
        Objects.requireNonNull(function, "function");
        final List<Object> all = new ArrayList<>();
        for (final Map.Entry<? extends A, ? extends B> pair : pairs)
        {
            final List<Object> arguments = new ArrayList<>(2);
            arguments.add(pair.getKey());
            arguments.add(pair.getValue());
            all.add(arguments);
        }
        return RemoteCall.await(runChunks(ClusterTask.STARMAP, ClusterTask.serialize(function), all, 0));
    }

    private <R> CompletableFuture<List<R>> runChunks(
        final int kind, final byte[] function, final List<Object> all, final int chunksize)
    {
        final int size = 0 == chunksize ? autoChunkSize(all.size()) : chunksize;
        final List<RemoteCall<List<R>>> calls = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size)
        {
            final List<Object> chunk = new ArrayList<>(all.subList(from, Math.min(all.size(), from + size)));
            final ClusterTask task = new ClusterTask(kind, function, payloads.encode(chunk), setup);
            final RemoteCall<List<R>> call = new RemoteCall<>(compute, task, false, payloads);
            execute(call);
            calls.add(call);
        }
        final CompletableFuture<?>[] results = calls.stream().map(RemoteCall::result).toArray(CompletableFuture[]::new);
        // Settle every chunk, then report the first failure in item order, as Python does.
        return CompletableFuture.allOf(results).handle((ignored, failure) ->
        {
            final List<R> out = new ArrayList<>(all.size());
            for (final RemoteCall<List<R>> call : calls)
            {
                out.addAll(call.result().join());
            }
            return out;
        });
    }

    private int autoChunkSize(final int items)
    {
        final int chunks = workers * AUTO_CHUNKS_PER_WORKER;
        return Math.max(1, (items + chunks - 1) / chunks);
    }

    @Override
    public <T, R> Iterator<R> imap(final SerializableFunction<T, R> function, final Iterable<? extends T> items)
    {
        return new LazyResults<>(this, ClusterTask.serialize(function), items.iterator(), true);
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(
        final SerializableFunction<T, R> function, final Iterable<? extends T> items)
    {
        return new LazyResults<>(this, ClusterTask.serialize(function), items.iterator(), false);
    }

    /** Submits one item of an imap: a chunk of one, whose result is that item's. */
    <R> RemoteCall<R> submitItem(final byte[] function, final Object item)
    {
        final List<Object> chunk = new ArrayList<>(1);
        chunk.add(item);
        final RemoteCall<R> call =
            new RemoteCall<>(compute, new ClusterTask(ClusterTask.APPLY, function, payloads.encode(chunk), setup), true,
                payloads);
        execute(call);
        return call;
    }

    @Override
    public <T, R> R apply(final SerializableFunction<T, R> function, final T argument) throws InterruptedException
    {
        return RemoteCall.await(applyAsync(function, argument));
    }

    @Override
    public <T, R> CompletableFuture<R> applyAsync(final SerializableFunction<T, R> function, final T argument)
    {
        Objects.requireNonNull(function, "function");
        final RemoteCall<R> call = submitItem(ClusterTask.serialize(function), argument);
        return call.result();
    }

    @Override
    public void shutdown()
    {
        synchronized (stateLock)
        {
            if (RUNNING == state)
            {
                state = SHUTDOWN;
            }
            queueEnds();
        }
    }

    @Override
    public List<Runnable> shutdownNow()
    {
        final List<Runnable> never = new ArrayList<>();
        synchronized (stateLock)
        {
            state = STOP;
            queue.drainTo(never);
            never.removeIf((task) -> END == task);
            queueEnds();
        }
        for (final Runnable task : never)
        {
            ((RunnableFuture<?>)task).cancel(false);
        }
        dispatchers.forEach(Thread::interrupt);
        return never;
    }

    private void queueEnds()
    {
        if (!endedQueued)
        {
            endedQueued = true;
            for (int i = 0; i < workers; i++)
            {
                queue.add(END);
            }
        }
    }

    @Override
    public boolean isShutdown()
    {
        return RUNNING != state;
    }

    @Override
    public boolean isTerminated()
    {
        return 0 == ended.getCount();
    }

    @Override
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return ended.await(timeout, unit);
    }

    @Override
    public void terminate() throws InterruptedException
    {
        shutdownNow();
        join();
    }

    @Override
    public void join() throws InterruptedException
    {
        if (RUNNING == state)
        {
            throw new IllegalStateException("the pool is still running: call shutdown() or terminate() before join()");
        }
        ended.await();
    }

    @Override
    public void close()
    {
        shutdown();
        try
        {
            ended.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString()
    {
        return "ClusterPool{workers=" + workers + ", queued=" + queue.size() +
            (RUNNING == state ? "" : STOP == state ? ", terminated" : ", shut down") + '}';
    }

    /** A {@link Runnable} with a result, sendable as a callable. */
    private static final class RunnableCall<T> implements Callable<T>, Serializable
    {
        private static final long serialVersionUID = 1L;
        private final Runnable runnable;
        private final T value;

        RunnableCall(final Runnable runnable, final T value)
        {
            this.runnable = runnable;
            this.value = value;
        }

        @Override
        public T call()
        {
            runnable.run();
            return value;
        }
    }
}
