package io.mproc.cluster;

import io.mproc.sync.SharedEvent;
import org.apache.ignite.IgniteAtomicLong;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code Event} on a cluster, built as Python builds it: a flag and a condition. The flag is an atomic
 * long {@code generation * 2 + set}: {@link #set()} starts a new generation with the set bit, {@link #clear()} clears
 * the bit. A waiter returns once the state differs from the one it started waiting on, so, as in Python, a waiter
 * woken by a set that was cleared at once still returns true. The condition's lock is failover-safe: a process
 * dying while it sets the event never leaves the lock held.
 */
final class ClusterEvent implements SharedEvent, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final long SET = 1;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient IgniteAtomicLong state;
    private final transient ClusterCondition changed;

    ClusterEvent(final ClusterUri uri, final String name, final IgniteAtomicLong state, final ClusterCondition changed)
    {
        this.uri = uri;
        this.name = name;
        this.state = state;
        this.changed = changed;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void set()
    {
        changed.lock().lock();
        try
        {
            while (true)
            {
                final long current = state.get();
                if ((current & SET) == SET || state.compareAndSet(current, (((current >>> 1) + 1) << 1) | SET))
                {
                    break;
                }
            }
            changed.signalAll();
        }
        finally
        {
            changed.lock().unlock();
        }
    }

    @Override
    public void clear()
    {
        while (true)
        {
            final long current = state.get();
            if ((current & SET) == 0 || state.compareAndSet(current, current & ~SET))
            {
                return;
            }
        }
    }

    @Override
    public boolean isSet()
    {
        return (state.get() & SET) == SET;
    }

    @Override
    public void await() throws InterruptedException
    {
        final long seen = state.get();
        if ((seen & SET) == SET)
        {
            return;
        }
        changed.lock().lockInterruptibly();
        try
        {
            while (state.get() == seen)
            {
                changed.await();
            }
        }
        finally
        {
            changed.lock().unlock();
        }
    }

    @Override
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        final long seen = state.get();
        if ((seen & SET) == SET)
        {
            return true;
        }
        final long deadline = System.nanoTime() + unit.toNanos(time);
        if (!changed.lock().tryLock(time, unit))
        {
            return isSet();
        }
        try
        {
            while (state.get() == seen)
            {
                final long left = deadline - System.nanoTime();
                if (left <= 0)
                {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        }
        finally
        {
            changed.lock().unlock();
        }
    }

    @Override
    public void close()
    {
        // the event stays for the other processes
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.EVENT, name, 0);
    }

    @Override
    public String toString()
    {
        return "ClusterEvent{name=" + name + (isSet() ? ", set" : ", clear") + ", cluster=" + uri.clusterKey() + '}';
    }
}
