package io.mproc.cluster;

import io.mproc.sync.SharedCondition;
import org.apache.ignite.IgniteCondition;
import org.apache.ignite.IgniteInterruptedException;

import java.io.Serializable;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * Python's {@code Condition} on a cluster: a condition of Ignite's failover-safe reentrant lock, which the
 * condition owns ({@link #lock()}). Ignite's condition reports interrupts unchecked; this one as the
 * {@link java.util.concurrent.locks.Condition} contract says. Every await returns after at most one slice
 * ({@link #awaitNanos}).
 */
final class ClusterCondition implements SharedCondition, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient ClusterRLock lock;
    private final transient IgniteCondition condition;

    ClusterCondition(final ClusterUri uri, final String name, final ClusterRLock lock)
    {
        this.uri = uri;
        this.name = name;
        this.lock = lock;
        this.condition = lock.igniteLock().getOrCreateCondition("condition");
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Lock lock()
    {
        return lock;
    }

    @Override
    public void await() throws InterruptedException
    {
        awaitNanos(Long.MAX_VALUE);
    }

    @Override
    public void awaitUninterruptibly()
    {
        boolean interrupted = Thread.interrupted();
        try
        {
            condition.awaitNanos(Slices.SLICE_NS);
        }
        catch (final IgniteInterruptedException ex)
        {
            Thread.interrupted();
            interrupted = true;
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits at most one {@link Slices#SLICE_MS} slice, then returns as a spurious wake-up (which the Condition
     * contract allows: callers re-check their predicate in a loop): a signal lost by Ignite, or one never sent
     * because the node holding the lock's entry died, costs a slice instead of a wait forever.
     */
    @Override
    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        Interrupts.throwIfInterrupted();
        final long start = System.nanoTime();
        try
        {
            condition.awaitNanos(Math.max(0, Math.min(nanosTimeout, Slices.SLICE_NS)));
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
        return nanosTimeout - (System.nanoTime() - start);
    }

    @Override
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        return awaitNanos(unit.toNanos(time)) > 0;
    }

    @Override
    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        final long left = TimeUnit.MILLISECONDS.toNanos(deadline.getTime() - System.currentTimeMillis());
        awaitNanos(left);
        return System.currentTimeMillis() < deadline.getTime();
    }

    @Override
    public void signal()
    {
        condition.signal();
    }

    @Override
    public void signalAll()
    {
        condition.signalAll();
    }

    @Override
    public void close()
    {
        // the lock and its condition stay for the other processes
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.CONDITION, name, 0);
    }

    @Override
    public String toString()
    {
        return "ClusterCondition{name=" + name + ", cluster=" + uri.clusterKey() + '}';
    }
}
