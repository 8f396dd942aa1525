package io.mproc.pool;

import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * The parent's side of the workers' task rings: keeps the queue of chunks not yet sent and the in-flight table (which
 * worker holds which chunk), hands queued chunks to the least-loaded worker with room, and tells the workers to stop
 * once the pool is shut down and idle. Every method but {@link #submit} runs under the pool lock.
 */
final class TaskDispatcher
{
    private static final Logger LOGGER = LoggerFactory.getLogger(TaskDispatcher.class);
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    private final PoolState state;
    /** The worker slots; the supervisor replaces their handles, under the lock. */
    private final WorkerHandle[] workers;
    private final FunctionTable functions;
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final Map<Long, Chunk> inFlight = new HashMap<>();
    private long nextChunkId;
    /** Some worker's backlog holds a message still to write: the collector then prompts {@link #dispatch} itself. */
    volatile boolean backlogged;
    /**
     * The least work, in expected nanoseconds, that any live worker holds queued behind the chunk it runs, as of the
     * end of the last dispatch: while it is long, the collector need not answer results at once.
     */
    volatile long leastQueuedNs;

    TaskDispatcher(final PoolState state, final WorkerHandle[] workers, final FunctionTable functions)
    {
        this.state = state;
        this.workers = workers;
        this.functions = functions;
    }

    /**
     * Queues a job's chunks and dispatches them, then publishes what settled.
     *
     * @throws RuntimeException when the pool no longer accepts work, or when a chunk could not be sent (the job is
     *                          then dropped whole: nothing of it stays queued).
     */
    void submit(final PoolJob job, final List<Chunk> chunks)
    {
        state.lock.lock();
        try
        {
            state.checkAccepting();
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
            state.lock.unlock();
        }
        state.publishSettled();
        if (null != job.sendError)
        {
            throw job.sendError; // the job was dropped whole: nothing of it is queued
        }
    }

    /**
     * @return chunks queued or held by workers.
     */
    int unfinishedChunks()
    {
        return pending.size() + inFlight.size();
    }

    /**
     * @return the chunk a worker holds by id; null when it failed, was cancelled or finished meanwhile.
     */
    Chunk inFlight(final long chunkId)
    {
        return inFlight.get(chunkId);
    }

    /**
     * Forgets a chunk whose items are all done.
     */
    void finished(final Chunk chunk)
    {
        inFlight.remove(chunk.id);
        chunk.worker.assigned.remove(chunk);
    }

    /**
     * Queues a chunk taken back from a worker that died ({@link #forget}), to send it again before anything else.
     */
    void requeueFirst(final Chunk chunk)
    {
        pending.addFirst(chunk);
    }

    /**
     * Takes a chunk held by a worker that died out of the in-flight table.
     */
    void forget(final Chunk chunk)
    {
        inFlight.remove(chunk.id);
    }

    /**
     * @return the workers that hold a chunk of the job (sent to their task ring, running or not).
     */
    List<WorkerHandle> holdersOf(final PoolJob job)
    {
        final List<WorkerHandle> holders = new ArrayList<>();
        for (final WorkerHandle worker : workers)
        {
            for (final Chunk chunk : worker.assigned)
            {
                if (chunk.job == job)
                {
                    holders.add(worker);
                    break;
                }
            }
        }
        return holders;
    }

    /**
     * Takes a cancelled job's chunks out of the queue: they never run.
     */
    void dropQueued(final PoolJob job)
    {
        pending.removeIf((queued) -> queued.job == job);
    }

    /**
     * @return the tasks of the queued chunks that were submitted as ExecutorService tasks, as submitted (a
     * {@code Callable} as a {@link FutureTask} of it), in queue order; called before {@link #failAll}.
     */
    List<Runnable> queuedTasks()
    {
        final List<Runnable> tasks = new ArrayList<>();
        for (final Chunk chunk : pending)
        {
            final Object task = chunk.job.submittedTask;
            if (null != task && !chunk.job.isDone())
            {
                tasks.add(task instanceof Runnable ? (Runnable)task : new FutureTask<>((Callable<?>)task));
            }
        }
        return tasks;
    }

    /**
     * Fails every job with queued or held chunks, and forgets the chunks.
     */
    void failAll(final RuntimeException reason)
    {
        for (final Chunk chunk : pending)
        {
            chunk.job.failAll(reason);
        }
        pending.clear();
        for (final Chunk chunk : inFlight.values())
        {
            chunk.job.failAll(reason);
        }
        inFlight.clear();
        for (final WorkerHandle worker : workers)
        {
            worker.assigned.clear();
        }
        leastQueuedNs = 0;
    }

    /**
     * Hands pending chunks to workers with room. A worker whose task ring is full is passed over until the end of
     * this call, however the call ends.
     */
    void dispatch()
    {
        try
        {
            continueBacklogs();
            dispatchPending();
        }
        finally
        {
            boolean anyBacklog = false;
            for (final WorkerHandle worker : workers)
            {
                worker.full = false;
                anyBacklog |= !worker.backlog.isEmpty();
            }
            backlogged = anyBacklog;
            leastQueuedNs = leastQueuedNs();
        }
    }

    /**
     * @return the least expected work any live worker holds behind the chunk it runs (the first it was sent); 0 when
     * a worker is idle or starting, or when no worker is live. Estimated in O(1) per worker from its newest chunk (a
     * worker's chunks are mostly of one job), since this runs on every dispatch and tiny tasks queue 64 deep.
     */
    private long leastQueuedNs()
    {
        long least = Long.MAX_VALUE;
        for (final WorkerHandle worker : workers)
        {
            if (null == worker || !worker.alive)
            {
                continue;
            }
            final int size = worker.assigned.size();
            final long queued = size < 2 ? 0 : (size - 1) * worker.assigned.get(size - 1).estimatedNs;
            least = Math.min(least, queued);
        }
        return Long.MAX_VALUE == least ? 0 : least;
    }

    /**
     * Writes on with the messages that did not fit their worker's task ring at once.
     */
    private void continueBacklogs()
    {
        for (final WorkerHandle worker : workers)
        {
            if (worker.alive)
            {
                writeBacklog(worker);
            }
        }
    }

    /**
     * @return true when the worker's backlog is now empty.
     */
    private static boolean writeBacklog(final WorkerHandle worker)
    {
        while (!worker.backlog.isEmpty())
        {
            if (!worker.backlog.peekFirst().writeTo(worker.ring))
            {
                return false;
            }
            worker.backlog.pollFirst();
        }
        return true;
    }

    private void dispatchPending()
    {
        while (!pending.isEmpty() && !state.stopping)
        {
            final Chunk chunk = pending.peekFirst();
            if (chunk.job.isDone())
            {
                pending.pollFirst();
                continue;
            }
            final WorkerHandle worker = leastLoadedWorkerWithRoom(chunk);
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
            chunk.estimatedNs = chunk.job.estimatedNs(chunk.count);
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
    private boolean send(final WorkerHandle worker, final Chunk chunk)
    {
        if (chunk.fnId > 0 && !worker.functionsSent.contains(chunk.fnId))
        {
            final byte[] function = functions.serialized(chunk.fnId);
            final UnsafeBuffer message = new UnsafeBuffer(new byte[PoolProtocol.FUNCTION_BODY_OFFSET + function.length]);
            message.putInt(PoolProtocol.FUNCTION_ID_OFFSET, chunk.fnId);
            message.putBytes(PoolProtocol.FUNCTION_BODY_OFFSET, function);
            if (!write(worker, PoolProtocol.FUNCTION, message))
            {
                return false;
            }
            worker.functionsSent.add(chunk.fnId);
        }
        return write(worker, PoolProtocol.CHUNK, new UnsafeBuffer(chunk.payload));
    }

    /**
     * Writes a message whole; or, when it is longer than the ring's largest (or follows one that is), queues it on
     * the worker's backlog and writes what fits now, the rest on later dispatches.
     *
     * @return false when the ring is full (nothing written or queued).
     */
    private static boolean write(final WorkerHandle worker, final int type, final UnsafeBuffer message)
    {
        if (worker.backlog.isEmpty() && message.capacity() <= worker.ring.maxMessageLength())
        {
            return worker.ring.write(type, message, 0, message.capacity());
        }
        worker.backlog.addLast(new FragmentedMessage(type, message, message.capacity(), 0));
        writeBacklog(worker);
        return true;
    }

    /**
     * A chunk could not be sent: the whole job fails with the reason, and none of its chunks stays queued (a chunk
     * left queued would be retried by every later dispatch and keep {@link ProcessPool#close()} waiting for ever).
     * Chunks of the job that workers already hold finish and are ignored.
     */
    private void dropJob(final PoolJob job, final RuntimeException reason)
    {
        LOGGER.debug("a task could not be sent to a worker; failing its job", reason);
        pending.removeIf((queued) -> queued.job == job);
        job.sendError = reason;
        job.failAll(reason);
    }

    private WorkerHandle leastLoadedWorkerWithRoom(final Chunk chunk)
    {
        final int limit = chunk.job.chunksPerWorker(chunk.count);
        WorkerHandle best = null;
        for (final WorkerHandle worker : workers)
        {
            if (worker.alive && !worker.retiring && !worker.full && worker.backlog.isEmpty() &&
                worker.assigned.size() < limit &&
                (null == best || worker.assigned.size() < best.assigned.size()))
            {
                best = worker;
            }
        }
        return best;
    }

    /**
     * Once the pool is shut down and no chunk is left, tells every live worker to stop (or kills one that cannot be
     * told), so that closing never waits on a worker.
     */
    void stopWhenIdle()
    {
        if (state.shutdown && !state.stopping && pending.isEmpty() && inFlight.isEmpty())
        {
            state.stopping = true;
            for (final WorkerHandle worker : workers)
            {
                if (worker.alive && !sendStop(worker) && worker.process.isAlive())
                {
                    worker.process.kill();
                }
            }
        }
    }

    /**
     * @return false when the worker could not be told to stop (its ring is full, or refuses this thread).
     */
    private boolean sendStop(final WorkerHandle worker)
    {
        try
        {
            return worker.ring.write(PoolProtocol.STOP, EMPTY, 0, 0);
        }
        catch (final RuntimeException ex)
        {
            LOGGER.debug("cannot tell {} to stop; killing it", worker.name, ex);
            return false;
        }
    }
}
