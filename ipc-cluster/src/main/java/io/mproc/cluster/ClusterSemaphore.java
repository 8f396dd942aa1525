package io.mproc.cluster;

import io.mproc.sync.SharedSemaphore;
import org.apache.ignite.IgniteSemaphore;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code Semaphore} on a cluster: a failover-safe Ignite semaphore, which gives the permits a dead node
 * held back to the others. Its blocking acquires wait in {@link Slices}: one lost wake-up costs a slice, not forever.
 */
final class ClusterSemaphore implements SharedSemaphore, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient int permits;
    private final transient IgniteSemaphore semaphore;

    ClusterSemaphore(final ClusterUri uri, final String name, final int permits, final IgniteSemaphore semaphore)
    {
        this.uri = uri;
        this.name = name;
        this.permits = permits;
        this.semaphore = semaphore;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void acquire() throws InterruptedException
    {
        acquire(1);
    }

    @Override
    public void acquire(final int count) throws InterruptedException
    {
        checkCount(count);
        Slices.acquire(nanos -> semaphore.tryAcquire(count, nanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean tryAcquire()
    {
        return semaphore.tryAcquire();
    }

    @Override
    public boolean tryAcquire(final int count)
    {
        checkCount(count);
        return semaphore.tryAcquire(count);
    }

    @Override
    public boolean tryAcquire(final long time, final TimeUnit unit) throws InterruptedException
    {
        return tryAcquire(1, time, unit);
    }

    @Override
    public boolean tryAcquire(final int count, final long time, final TimeUnit unit) throws InterruptedException
    {
        checkCount(count);
        return Slices.tryAcquire(nanos -> semaphore.tryAcquire(count, nanos, TimeUnit.NANOSECONDS), time, unit);
    }

    @Override
    public void release()
    {
        semaphore.release();
    }

    @Override
    public void release(final int count)
    {
        checkCount(count);
        semaphore.release(count);
    }

    @Override
    public int availablePermits()
    {
        return semaphore.availablePermits();
    }

    @Override
    public void close()
    {
        // the semaphore stays for the other processes
    }

    private void checkCount(final int count)
    {
        if (count < 1)
        {
            throw new IllegalArgumentException("permits must be at least 1: " + count + ", semaphore=" + name);
        }
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.SEMAPHORE, name, permits);
    }

    @Override
    public String toString()
    {
        return "ClusterSemaphore{name=" + name + ", available=" + semaphore.availablePermits() + ", cluster=" +
            uri.clusterKey() + '}';
    }
}
