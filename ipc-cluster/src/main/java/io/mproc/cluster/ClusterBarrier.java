package io.mproc.cluster;

import io.mproc.sync.SharedBarrier;
import org.apache.ignite.IgniteAtomicLong;

import java.io.Serializable;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code Barrier} on a cluster, built as {@link java.util.concurrent.CyclicBarrier} is: a lock, a condition
 * and, in atomics, the current generation, how many parties have arrived in it and the last broken generation. The
 * last party to arrive starts the next generation and wakes the others; a timeout, {@link #abort()} or
 * {@link #reset()} marks the current generation broken and wakes its waiters with {@link BrokenBarrierException}.
 * The lock is failover-safe; a party that dies while waiting is not noticed (as in Python and the JDK): the others
 * wait for it until their timeout breaks the barrier.
 */
final class ClusterBarrier implements SharedBarrier, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final long NONE = -1;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient int parties;
    private final transient IgniteAtomicLong generation;
    private final transient IgniteAtomicLong arrived;
    private final transient IgniteAtomicLong brokenGeneration;
    private final transient ClusterCondition trip;

    ClusterBarrier(
        final ClusterUri uri,
        final String name,
        final int parties,
        final IgniteAtomicLong[] state,
        final ClusterCondition trip)
    {
        this.uri = uri;
        this.name = name;
        this.parties = parties;
        this.generation = state[0];
        this.arrived = state[1];
        this.brokenGeneration = state[2];
        this.trip = trip;
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
            return awaitNanos(false, 0);
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
        return awaitNanos(true, unit.toNanos(time));
    }

    private int awaitNanos(final boolean timed, final long nanos)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        trip.lock().lockInterruptibly();
        try
        {
            final long current = generation.get();
            if (brokenGeneration.get() == current)
            {
                throw new BrokenBarrierException();
            }
            final int index = parties - 1 - (int)arrived.getAndIncrement();
            if (0 == index)
            {
                arrived.getAndSet(0);
                generation.incrementAndGet();
                trip.signalAll();
                return 0;
            }
            waitForTrip(current, timed, nanos);
            return index;
        }
        finally
        {
            trip.lock().unlock();
        }
    }

    private void waitForTrip(final long current, final boolean timed, final long nanos)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        final long deadline = System.nanoTime() + nanos;
        while (true)
        {
            if (brokenGeneration.get() == current)
            {
                throw new BrokenBarrierException();
            }
            if (generation.get() != current)
            {
                return;
            }
            try
            {
                if (!timed)
                {
                    trip.await();
                }
                else
                {
                    final long left = deadline - System.nanoTime();
                    if (left <= 0)
                    {
                        breakGeneration(current);
                        throw new TimeoutException("barrier '" + name + "' timed out waiting for " + parties +
                            " parties; it is broken until reset()");
                    }
                    trip.awaitNanos(left);
                }
            }
            catch (final InterruptedException ex)
            {
                breakGeneration(current);
                throw ex;
            }
        }
    }

    /** Under the lock: breaks the generation and wakes its waiters. */
    private void breakGeneration(final long current)
    {
        brokenGeneration.getAndSet(current);
        trip.signalAll();
    }

    @Override
    public void reset()
    {
        trip.lock().lock();
        try
        {
            final long current = generation.get();
            if (arrived.get() > 0)
            {
                breakGeneration(current); // its waiters get BrokenBarrierException
            }
            arrived.getAndSet(0);
            generation.incrementAndGet();
            trip.signalAll();
        }
        finally
        {
            trip.lock().unlock();
        }
    }

    @Override
    public void abort()
    {
        trip.lock().lock();
        try
        {
            breakGeneration(generation.get());
        }
        finally
        {
            trip.lock().unlock();
        }
    }

    @Override
    public boolean isBroken()
    {
        return brokenGeneration.get() == generation.get();
    }

    @Override
    public int parties()
    {
        return parties;
    }

    @Override
    public int numberWaiting()
    {
        return isBroken() ? 0 : (int)arrived.get();
    }

    @Override
    public void close()
    {
        // the barrier stays for the other processes
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

    static long noneBroken()
    {
        return NONE;
    }
}
