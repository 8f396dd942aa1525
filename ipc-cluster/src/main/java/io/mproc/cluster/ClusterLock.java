package io.mproc.cluster;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * Python's {@code Lock} on a cluster: not reentrant, and released when its holder's node dies. It is a cluster
 * semaphore of one permit ({@link ClusterPermits}: one cache entry every attempt rereads, with the node holding the
 * permit), not Ignite's {@code IgniteSemaphore}, whose waits were seen to trust a stale node-local count; a waiter
 * that finds the lock held by a node that left the cluster takes it back, so the next waiter gets the lock within the
 * failure detection timeout (a few seconds) of the holder's death. Waits poll the entry ({@link Polling}). As
 * mproc's shared-memory {@code Lock}, taking it again from the thread that holds it through this handle is refused,
 * and only that thread may release it.
 */
final class ClusterLock implements Lock, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient ClusterPermits permit;
    /** The thread of this JVM holding the lock through this handle, if any. */
    private transient volatile Thread holder;

    ClusterLock(final ClusterUri uri, final String name, final ClusterPermits permit)
    {
        this.uri = uri;
        this.name = name;
        this.permit = permit;
    }

    @Override
    public void lock()
    {
        refuseReentry();
        permit.takeUninterruptibly(1);
        holder = Thread.currentThread();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException
    {
        refuseReentry();
        permit.take(1, false, 0);
        holder = Thread.currentThread();
    }

    @Override
    public boolean tryLock()
    {
        if (Thread.currentThread() == holder)
        {
            return false;
        }
        if (permit.tryTake(1))
        {
            holder = Thread.currentThread();
            return true;
        }
        return false;
    }

    @Override
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        if (Thread.currentThread() == holder)
        {
            return false;
        }
        if (permit.take(1, true, System.nanoTime() + unit.toNanos(Math.max(0, time))))
        {
            holder = Thread.currentThread();
            return true;
        }
        return false;
    }

    @Override
    public void unlock()
    {
        if (Thread.currentThread() != holder)
        {
            throw new IllegalMonitorStateException("lock '" + name + "' is not held by this thread (" +
                Thread.currentThread().getName() + ")");
        }
        holder = null;
        permit.give(1);
    }

    /** @return true when a thread of any process holds the lock (a snapshot). */
    boolean isLocked()
    {
        return permit.available() < 1;
    }

    @Override
    public Condition newCondition()
    {
        throw new UnsupportedOperationException("a cluster lock has no conditions of its own: use " +
            "context.condition(name), whose lock() is a reentrant cluster lock; lock=" + name);
    }

    private void refuseReentry()
    {
        if (Thread.currentThread() == holder)
        {
            throw new IllegalStateException("lock '" + name + "' is not reentrant and this thread already holds it " +
                "(it would wait forever): use context.rlock(name) for a reentrant lock");
        }
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.LOCK, name, 0);
    }

    @Override
    public String toString()
    {
        return "ClusterLock{name=" + name + (isLocked() ? ", locked" : ", unlocked") + ", cluster=" +
            uri.clusterKey() + '}';
    }
}
