package io.mproc.cluster;

import io.mproc.sync.SharedBarrier;
import org.apache.ignite.IgniteAtomicLong;

import java.io.Serializable;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code Barrier} on a cluster: one atomic long changed by compare-and-set, and waiters that poll it
 * ({@link Polling}), so that no lock a dead process held can block them.
 * <pre>
 *   bits 63..33  generation   (+1 each time the last party arrives, or on reset)
 *   bit  32      broken       (a timeout, an interrupt or abort(); cleared by reset())
 *   bits 31..0   arrived      (parties waiting in this generation)
 * </pre>
 * A {@link #reset()} while parties wait (or while broken) also marks the generation it ends as reset (an atomic of
 * its own, {@code name#reset#generation}): a waiter that sees its generation end looks for that mark to tell a trip
 * from a reset, however late it looks. A party that dies while waiting is not noticed (as in Python and the JDK):
 * the others wait for it until a timeout breaks the barrier.
 */
final class ClusterBarrier implements SharedBarrier, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final int GENERATION_SHIFT = 33;
    private static final long BROKEN = 1L << 32;
    private static final long ARRIVED_MASK = 0xFFFF_FFFFL;

    /** The reset marks of a barrier's generations. */
    interface ResetMarks
    {
        void mark(long generation);

        boolean marked(long generation);
    }

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient int parties;
    private final transient IgniteAtomicLong state;
    private final transient ResetMarks resets;

    ClusterBarrier(
        final ClusterUri uri, final String name, final int parties, final IgniteAtomicLong state,
        final ResetMarks resets)
    {
        this.uri = uri;
        this.name = name;
        this.parties = parties;
        this.state = state;
        this.resets = resets;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException
    {
        try
        {
            return await(false, 0);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("untimed wait timed out", ex);
        }
    }

    @Override
    public int await(final long time, final TimeUnit unit)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        return await(true, System.nanoTime() + unit.toNanos(time));
    }

    private int await(final boolean timed, final long deadline)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        while (true)
        {
            final long current = state.get();
            if ((current & BROKEN) != 0)
            {
                throw broken();
            }
            final long arrived = current & ARRIVED_MASK;
            final long generation = current >>> GENERATION_SHIFT;
            if (arrived + 1 == parties)
            {
                if (state.compareAndSet(current, (generation + 1) << GENERATION_SHIFT))
                {
                    return 0; // the last party: the generation trips
                }
            }
            else if (state.compareAndSet(current, current + 1))
            {
                waitForTrip(generation, timed, deadline);
                return (int)(parties - 1 - arrived);
            }
        }
    }

    private void waitForTrip(final long generation, final boolean timed, final long deadline)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        final boolean ended;
        try
        {
            ended = Polling.await(() ->
            {
                final long now = state.get();
                return (now >>> GENERATION_SHIFT) != generation || (now & BROKEN) != 0;
            }, timed, deadline);
        }
        catch (final InterruptedException ex)
        {
            breakGeneration(generation);
            throw ex;
        }
        final long now = state.get();
        if ((now >>> GENERATION_SHIFT) != generation)
        {
            if (resets.marked(generation))
            {
                throw broken();
            }
            return; // tripped, even if the time ran out meanwhile
        }
        if ((now & BROKEN) != 0)
        {
            throw broken();
        }
        if (!ended && breakGeneration(generation))
        {
            throw new TimeoutException("barrier '" + name + "' timed out waiting for " + parties +
                " parties; it is broken until reset()");
        }
        waitForTrip(generation, false, 0); // it tripped or broke as the time ran out: report which
    }

    /** @return true when this call broke the generation (it had not tripped or broken already). */
    private boolean breakGeneration(final long generation)
    {
        while (true)
        {
            final long current = state.get();
            if ((current >>> GENERATION_SHIFT) != generation || (current & BROKEN) != 0)
            {
                return false;
            }
            if (state.compareAndSet(current, current | BROKEN))
            {
                return true;
            }
        }
    }

    @Override
    public void reset()
    {
        while (true)
        {
            final long current = state.get();
            final long generation = current >>> GENERATION_SHIFT;
            final boolean waitersOrBroken = (current & (BROKEN | ARRIVED_MASK)) != 0;
            if (waitersOrBroken)
            {
                resets.mark(generation); // before the generation ends, so that no waiter misses it
            }
            if (state.compareAndSet(current, (generation + 1) << GENERATION_SHIFT))
            {
                return;
            }
        }
    }

    @Override
    public void abort()
    {
        breakGeneration(state.get() >>> GENERATION_SHIFT);
    }

    @Override
    public boolean isBroken()
    {
        return (state.get() & BROKEN) != 0;
    }

    @Override
    public int parties()
    {
        return parties;
    }

    @Override
    public int numberWaiting()
    {
        final long current = state.get();
        return (current & BROKEN) != 0 ? 0 : (int)(current & ARRIVED_MASK);
    }

    @Override
    public void close()
    {
        // the barrier stays for the other processes
    }

    private BrokenBarrierException broken()
    {
        return new BrokenBarrierException("barrier '" + name + "' is broken (a timeout, an interrupt, abort() or " +
            "reset()); reset() makes it usable again");
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.BARRIER, name, parties);
    }

    @Override
    public String toString()
    {
        return "ClusterBarrier{name=" + name + ", parties=" + parties + ", waiting=" + numberWaiting() +
            (isBroken() ? ", broken" : "") + ", cluster=" + uri.clusterKey() + '}';
    }
}
