package io.mproc.sync;

/**
 * Spins on the condition with {@link Thread#onSpinWait()} and never sleeps: the lowest latency, at the price of a
 * whole core per waiter, so best used when each waiting thread can have a core of its own. Objects created with it
 * are spin-only ({@link WaitWord#SPIN_ONLY}): their releasers only store, with no fence and no wake check.
 */
public final class BusySpinWaitStrategy implements WaitStrategy
{
    /** The one instance: the strategy has no settings. */
    public static final BusySpinWaitStrategy INSTANCE = new BusySpinWaitStrategy();

    private BusySpinWaitStrategy()
    {
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
        Waits.checkInterrupt(interruptible);
        if (timeoutNs <= 0)
        {
            return false;
        }
        return Waits.spin(condition, System.nanoTime(), FOREVER, timeoutNs, interruptible) || condition.isMet();
    }

    /**
     * @return false: never sleeps.
     */
    public boolean sleeps()
    {
        return false;
    }

    public String toString()
    {
        return "BusySpinWaitStrategy";
    }
}
