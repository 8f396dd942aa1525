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
 * {@link java.util.concurrent.locks.Condition} contract says.
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
        Interrupts.throwIfInterrupted();
        try
        {
            condition.await();
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
    }

    @Override
    public void awaitUninterruptibly()
    {
        condition.awaitUninterruptibly();
    }

    @Override
    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        Interrupts.throwIfInterrupted();
        try
        {
            return condition.awaitNanos(nanosTimeout);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
    }

    @Override
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        Interrupts.throwIfInterrupted();
        try
        {
            return condition.await(time, unit);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
    }

    @Override
    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        Interrupts.throwIfInterrupted();
        try
        {
            return condition.awaitUntil(deadline);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
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
