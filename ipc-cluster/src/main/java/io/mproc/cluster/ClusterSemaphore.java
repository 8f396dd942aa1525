package io.mproc.cluster;

import io.mproc.sync.SharedSemaphore;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code Semaphore} on a cluster, failover-safe: the permits a process held when it died come back to the
 * others within the failure detection timeout. Not Ignite's {@code IgniteSemaphore}, whose waits trust a node-local
 * copy of the count that was seen to go stale (an {@code acquire(3)} never served after three releases): the permits
 * are one cache entry that every attempt rereads and changes atomically, with a table of the nodes holding permits
 * ({@link ClusterPermits}, which says why and how). Waits poll that entry ({@link Polling}). As with mproc's
 * shared-memory semaphore, any process may release, whether or not it acquired.
 */
final class ClusterSemaphore implements SharedSemaphore, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient int permits;
    private final transient ClusterPermits semaphore;

    ClusterSemaphore(final ClusterUri uri, final String name, final int permits, final ClusterPermits semaphore)
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
        semaphore.take(count, false, 0);
    }

    @Override
    public boolean tryAcquire()
    {
        return semaphore.tryTake(1);
    }

    @Override
    public boolean tryAcquire(final int count)
    {
        checkCount(count);
        return semaphore.tryTake(count);
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
        return semaphore.take(count, true, System.nanoTime() + unit.toNanos(Math.max(0, time)));
    }

    @Override
    public void release()
    {
        semaphore.give(1);
    }

    @Override
    public void release(final int count)
    {
        checkCount(count);
        semaphore.give(count);
    }

    @Override
    public int availablePermits()
    {
        return semaphore.available();
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
        return "ClusterSemaphore{name=" + name + ", available=" + semaphore.available() + ", cluster=" +
            uri.clusterKey() + '}';
    }
}
