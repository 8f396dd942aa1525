package io.mproc.sync;

/**
 * How a thread waits for a synchronisation object's state to change: the pluggable part of every blocking call.
 * Chosen per object handle (a factory argument) or per namespace ({@link WaitStrategies}). Implementations keep no
 * per-wait state in fields, so that one instance serves every thread.
 * <p>
 * The family, from lowest latency to lowest CPU: {@link BusySpinWaitStrategy}, {@link BackoffWaitStrategy},
 * {@link SpinThenBlockWaitStrategy} (the default) and {@link BlockingWaitStrategy}. Only the last two sleep in the
 * kernel; see {@link WaitWord} for how a strategy's choice affects the object it creates.
 */
public interface WaitStrategy
{
    /** A timeout meaning "no timeout". */
    long FOREVER = Long.MAX_VALUE;

    /**
     * Waits until {@code condition} is met or {@code timeoutNs} has passed. Tests the condition at least once.
     *
     * @param word          where releasers of this object wake sleepers.
     * @param condition     tested by this thread until met.
     * @param timeoutNs     longest wait, in nanoseconds; {@link #FOREVER} for none; zero or less tests once.
     * @param interruptible true to throw {@link InterruptedException} when the thread is interrupted; false to keep
     *                      waiting and leave the interrupt flag set.
     * @return true when the condition was met, false when the timeout passed first.
     * @throws InterruptedException only when {@code interruptible}.
     */
    boolean await(WaitWord word, WaitCondition condition, long timeoutNs, boolean interruptible)
        throws InterruptedException;

    /**
     * @return true when {@link #await} may sleep in the kernel, so that releasers of an object created with this
     * strategy must wake sleepers.
     */
    boolean sleeps();
}
