package io.mproc.cluster;

import io.mproc.value.SharedLong;
import org.apache.ignite.IgniteAtomicLong;

import java.io.Serializable;

/** A {@link SharedLong} on a cluster: an Ignite atomic long, kept on as many nodes as the URI's backups say. */
final class ClusterLong implements SharedLong, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient IgniteAtomicLong atomic;

    ClusterLong(final ClusterUri uri, final String name, final IgniteAtomicLong atomic)
    {
        this.uri = uri;
        this.name = name;
        this.atomic = atomic;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public long get()
    {
        return atomic.get();
    }

    @Override
    public void set(final long value)
    {
        atomic.getAndSet(value);
    }

    @Override
    public long getAndSet(final long value)
    {
        return atomic.getAndSet(value);
    }

    @Override
    public boolean compareAndSet(final long expectedValue, final long updateValue)
    {
        return atomic.compareAndSet(expectedValue, updateValue);
    }

    @Override
    public long getAndAdd(final long delta)
    {
        return atomic.getAndAdd(delta);
    }

    @Override
    public long addAndGet(final long delta)
    {
        return atomic.addAndGet(delta);
    }

    @Override
    public long incrementAndGet()
    {
        return atomic.incrementAndGet();
    }

    @Override
    public long decrementAndGet()
    {
        return atomic.decrementAndGet();
    }

    @Override
    public void close()
    {
        // the handle holds nothing of its own; the atomic stays for the other processes
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.LONG, name, 0);
    }

    @Override
    public String toString()
    {
        return "ClusterLong{name=" + name + ", cluster=" + uri.clusterKey() + '}';
    }
}
