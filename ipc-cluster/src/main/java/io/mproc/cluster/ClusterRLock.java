package io.mproc.cluster;

import org.apache.ignite.IgniteLock;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * Python's {@code RLock} on a cluster: Ignite's reentrant lock, failover-safe (a dead holder's node releases it).
 * A thin, sendable wrapper: Ignite's lock reports interrupts unchecked, this one as {@link InterruptedException};
 * it waits as a loop of timed tryLocks ({@link Slices}), since Ignite's untimed wait was seen to hang forever when
 * the node holding the lock's entry died.
 */
final class ClusterRLock implements Lock, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient HandleRef.Kind kind;
    private final transient IgniteLock lock;

    ClusterRLock(final ClusterUri uri, final String name, final HandleRef.Kind kind, final IgniteLock lock)
    {
        this.uri = uri;
        this.name = name;
        this.kind = kind;
        this.lock = lock;
    }

    IgniteLock igniteLock()
    {
        return lock;
    }

    @Override
    public void lock()
    {
        Slices.acquireUninterruptibly(nanos -> lock.tryLock(nanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public void lockInterruptibly() throws InterruptedException
    {
        Slices.acquire(nanos -> lock.tryLock(nanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean tryLock()
    {
        return lock.tryLock();
    }

    @Override
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        return Slices.tryAcquire(nanos -> lock.tryLock(nanos, TimeUnit.NANOSECONDS), time, unit);
    }

    @Override
    public void unlock()
    {
        lock.unlock();
    }

    /** @return true when the calling thread holds the lock. */
    boolean isHeldByCurrentThread()
    {
        return lock.isHeldByCurrentThread();
    }

    @Override
    public Condition newCondition()
    {
        throw new UnsupportedOperationException("a cluster condition needs a name of its own: use " +
            "context.condition(name), whose lock() is its lock; lock=" + name);
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, kind, name, 0);
    }

    @Override
    public String toString()
    {
        return "ClusterRLock{name=" + name + (lock.isLocked() ? ", locked" : ", unlocked") + ", cluster=" +
            uri.clusterKey() + '}';
    }
}
