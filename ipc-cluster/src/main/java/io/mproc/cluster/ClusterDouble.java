package io.mproc.cluster;

import io.mproc.value.SharedDouble;
import org.apache.ignite.IgniteAtomicLong;

import java.io.Serializable;

/**
 * A {@link SharedDouble} on a cluster: an Ignite atomic long holding the double's raw bits; the arithmetic is a
 * compare-and-set loop, as {@code DoubleValue}'s is on shared memory.
 */
final class ClusterDouble implements SharedDouble, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient IgniteAtomicLong bits;

    ClusterDouble(final ClusterUri uri, final String name, final IgniteAtomicLong bits)
    {
        this.uri = uri;
        this.name = name;
        this.bits = bits;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public double get()
    {
        return Double.longBitsToDouble(bits.get());
    }

    @Override
    public void set(final double value)
    {
        bits.getAndSet(Double.doubleToRawLongBits(value));
    }

    @Override
    public double getAndSet(final double value)
    {
        return Double.longBitsToDouble(bits.getAndSet(Double.doubleToRawLongBits(value)));
    }

    @Override
    public boolean compareAndSet(final double expectedValue, final double updateValue)
    {
        return bits.compareAndSet(Double.doubleToRawLongBits(expectedValue), Double.doubleToRawLongBits(updateValue));
    }

    @Override
    public double getAndAdd(final double delta)
    {
        while (true)
        {
            final long current = bits.get();
            final double value = Double.longBitsToDouble(current);
            if (bits.compareAndSet(current, Double.doubleToRawLongBits(value + delta)))
            {
                return value;
            }
        }
    }

    @Override
    public double addAndGet(final double delta)
    {
        return getAndAdd(delta) + delta;
    }

    @Override
    public void close()
    {
        // the atomic stays for the other processes
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.DOUBLE, name, 0);
    }

    @Override
    public String toString()
    {
        return "ClusterDouble{name=" + name + ", cluster=" + uri.clusterKey() + '}';
    }
}
