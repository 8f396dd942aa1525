package io.mproc.sync;

/**
 * Sleeps in the kernel at once (a futex on the object's {@link WaitWord}) until a releaser wakes it: no CPU while
 * waiting, but every hand-off pays a wake-up (tens of microseconds when the waker's peer CPU is idle), so best when
 * CPU matters more than latency.
 */
public final class BlockingWaitStrategy implements WaitStrategy
{
    /** The one instance: the strategy has no settings. */
    public static final BlockingWaitStrategy INSTANCE = new BlockingWaitStrategy();

    private BlockingWaitStrategy()
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
        return Waits.sleep(word, condition, System.nanoTime(), timeoutNs, interruptible);
    }

    /**
     * @return true: sleeps in the kernel.
     */
    public boolean sleeps()
    {
        return true;
    }

    public String toString()
    {
        return "BlockingWaitStrategy";
    }
}
