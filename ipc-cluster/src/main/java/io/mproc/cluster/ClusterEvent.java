package io.mproc.cluster;

import io.mproc.sync.SharedEvent;
import org.apache.ignite.IgniteAtomicLong;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code Event} on a cluster: one atomic long, {@code generation * 2 + set}. {@link #set()} starts a new
 * generation with the set bit, {@link #clear()} clears the bit; a waiter returns once the state differs from the
 * one it started waiting on, so that, as in Python, a waiter woken by a set that was cleared at once still returns
 * true. Waiters poll the atomic ({@link Polling}): no lock, so nothing a dead process held can block them.
 */
final class ClusterEvent implements SharedEvent, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final long SET = 1;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient IgniteAtomicLong state;

    ClusterEvent(final ClusterUri uri, final String name, final IgniteAtomicLong state)
    {
        this.uri = uri;
        this.name = name;
        this.state = state;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void set()
    {
        while (true)
        {
            final long current = state.get();
            if ((current & SET) == SET || state.compareAndSet(current, (((current >>> 1) + 1) << 1) | SET))
            {
                return;
            }
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
        if ((seen & SET) == 0)
        {
            Polling.await(() -> state.get() != seen, false, 0);
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
        return Polling.await(() -> state.get() != seen, true, deadline);
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
