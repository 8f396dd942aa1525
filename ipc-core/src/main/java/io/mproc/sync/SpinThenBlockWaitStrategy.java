package io.mproc.sync;

import java.util.concurrent.TimeUnit;

/**
 * Spins for a short while, then sleeps in the kernel like {@link BlockingWaitStrategy}: the default, because a
 * hand-off that comes within the spin costs no system call on either side (sub-microsecond), while a long wait still
 * costs no CPU. The price is up to {@code spinNs} of CPU per wait that outlasts the spin.
 */
public final class SpinThenBlockWaitStrategy implements WaitStrategy
{
    /** Default spin before sleeping: long enough to cover a round trip between two busy processes here. */
    public static final long DEFAULT_SPIN_NS = TimeUnit.MICROSECONDS.toNanos(20);
    /** The strategy with {@link #DEFAULT_SPIN_NS}. */
    public static final SpinThenBlockWaitStrategy DEFAULT = new SpinThenBlockWaitStrategy(DEFAULT_SPIN_NS);

    private final long spinNs;

    /**
     * @param spinNs how long to spin before sleeping.
     */
    public SpinThenBlockWaitStrategy(final long spinNs)
    {
        if (spinNs < 0)
        {
            throw new IllegalArgumentException("spinNs must not be negative: spinNs=" + spinNs);
        }
        this.spinNs = spinNs;
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
        final long startNs = System.nanoTime();
        return Waits.spin(condition, startNs, spinNs, timeoutNs, interruptible) ||
            Waits.sleep(word, condition, startNs, timeoutNs, interruptible);
    }

    /**
     * @return true: sleeps in the kernel after the spin.
     */
    public boolean sleeps()
    {
        return true;
    }

    /**
     * @return how long it spins before sleeping.
     */
    public long spinNs()
    {
        return spinNs;
    }

    public String toString()
    {
        return "SpinThenBlockWaitStrategy{spinNs=" + spinNs + '}';
    }
}
