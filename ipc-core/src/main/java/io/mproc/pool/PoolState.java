package io.mproc.pool;

import io.mproc.pool.PoolJob.FutureJob;

import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every part of a pool shares: the pool lock, the run state, and the jobs settled under the lock whose futures
 * are still to be completed outside it.
 */
final class PoolState
{
    /** Guards the dispatch tables, the worker handles and the jobs' results. */
    final ReentrantLock lock = new ReentrantLock();
    /** Jobs settled under the lock whose futures are still to be completed, outside it. */
    final ArrayDeque<FutureJob<?>> toPublish = new ArrayDeque<>();
    /** Counted down when the collector has ended the workers and deleted the pool's files. */
    final CountDownLatch terminated = new CountDownLatch(1);
    /** No new work is accepted. */
    volatile boolean shutdown;
    /** The workers are being stopped: nothing more is dispatched. */
    volatile boolean stopping;
    /** Terminated: the workers are killed and the unfinished futures cancelled. */
    volatile boolean abandoned;
    /** Set, under the lock, when the initializer failed too often in a row: tasks fail with it. */
    volatile InitializerFailedException initializerFailure;

    /**
     * @throws RejectedExecutionException when the pool is shut down.
     * @throws InitializerFailedException when the pool gave up on its initializer.
     */
    void checkAccepting()
    {
        if (shutdown)
        {
            throw new RejectedExecutionException("pool is shut down");
        }
        if (null != initializerFailure)
        {
            throw initializerFailure;
        }
    }

    /**
     * @return true when a worker that ends must not be replaced.
     */
    boolean replacesNoWorkers()
    {
        return stopping || abandoned || null != initializerFailure;
    }

    boolean isTerminated()
    {
        return 0 == terminated.getCount();
    }

    /**
     * Completes the futures of the jobs settled so far, outside the pool lock and the result ring's consumer lock:
     * their callbacks may use the pool. Re-entrant: a callback that waits on the pool publishes from within.
     */
    void publishSettled()
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
}
