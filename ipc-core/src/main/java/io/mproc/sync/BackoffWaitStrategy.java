package io.mproc.sync;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spins, then yields, then parks for doubling periods up to a maximum, testing the condition between each step
 * (Agrona's {@code BackoffIdleStrategy} as a wait): moderate CPU while idle (a park every {@code maxParkNs}), but
 * latency spikes of up to {@code maxParkNs} after a quiet period. Never sleeps in the kernel on the object, so
 * objects created with it are spin-only ({@link WaitWord#SPIN_ONLY}).
 * <p>
 * Linux rounds short parks up by the timer slack (50 us by default, see {@code prctl(PR_SET_TIMERSLACK)}).
 */
public final class BackoffWaitStrategy implements WaitStrategy
{
    /** Default spins before yielding. */
    public static final int DEFAULT_MAX_SPINS = 100;
    /** Default yields before parking. */
    public static final int DEFAULT_MAX_YIELDS = 10;
    /** Default first park. */
    public static final long DEFAULT_MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(1);
    /** Default longest park. */
    public static final long DEFAULT_MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int maxSpins;
    private final int maxYields;
    private final long minParkNs;
    private final long maxParkNs;

    /**
     * With the defaults: 100 spins, 10 yields, parks from 1 us doubling to 1 ms.
     */
    public BackoffWaitStrategy()
    {
        this(DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS, DEFAULT_MIN_PARK_NS, DEFAULT_MAX_PARK_NS);
    }

    /**
     * @param maxSpins  spins before yielding.
     * @param maxYields yields before parking.
     * @param minParkNs first park.
     * @param maxParkNs longest park.
     */
    public BackoffWaitStrategy(final int maxSpins, final int maxYields, final long minParkNs, final long maxParkNs)
    {
        if (maxSpins < 0 || maxYields < 0 || minParkNs < 1 || maxParkNs < minParkNs)
        {
            throw new IllegalArgumentException("invalid backoff: maxSpins=" + maxSpins + ", maxYields=" + maxYields +
                ", minParkNs=" + minParkNs + ", maxParkNs=" + maxParkNs);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
    }

    /**
     * {@inheritDoc}
     */
    public boolean await(
        final WaitWord word, final WaitCondition condition, final long timeoutNs, final boolean interruptible)
        throws InterruptedException
    {
        if (condition.isMet())
        {
            return true;
        }
        final long startNs = System.nanoTime();
        for (int i = 0; i < maxSpins; i++)
        {
            Thread.onSpinWait();
            if (condition.isMet())
            {
                return true;
            }
        }
        for (int i = 0; i < maxYields; i++)
        {
            Waits.checkInterrupt(interruptible);
            if (Waits.remainingNs(startNs, timeoutNs) <= 0)
            {
                return false;
            }
            Thread.yield();
            if (condition.isMet())
            {
                return true;
            }
        }
        long parkNs = minParkNs;
        while (true)
        {
            Waits.checkInterrupt(interruptible);
            final long remainingNs = Waits.remainingNs(startNs, timeoutNs);
            if (remainingNs <= 0)
            {
                return false;
            }
            LockSupport.parkNanos(Math.min(parkNs, remainingNs));
            if (condition.isMet())
            {
                return true;
            }
            parkNs = Math.min(parkNs << 1, maxParkNs);
        }
    }

    /**
     * @return false: parks for bounded periods rather than sleeping on the object.
     */
    public boolean sleeps()
    {
        return false;
    }

    public String toString()
    {
        return "BackoffWaitStrategy{maxSpins=" + maxSpins + ", maxYields=" + maxYields + ", minParkNs=" + minParkNs +
            ", maxParkNs=" + maxParkNs + '}';
    }
}
