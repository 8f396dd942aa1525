package io.mproc.sync;

import java.util.concurrent.TimeUnit;

/**
 * The loops the strategies share: spinning for a while, and the announced kernel sleep of {@link WaitWord}.
 */
final class Waits
{
    /**
     * Longest single sleep in the kernel: a safety net so that a lost wake-up (a releaser that died between its
     * store and its wake) costs at most this. Long, because each wake-up after a long sleep costs 0.1-0.4 ms of CPU.
     */
    static final long SLEEP_SLICE_NS = TimeUnit.SECONDS.toNanos(1);
    /**
     * First sleep of a waiter on a word whose releasers store without a fence: a release whose store was still in
     * its core's store buffer when the waiter announced itself (nanoseconds, bounded by the hardware) is visible
     * well before this ends.
     */
    static final long PLAIN_RELEASE_WINDOW_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Spins between reads of the clock and of the interrupt flag. */
    static final int SPINS_PER_CHECK = 64;

    private Waits()
    {
    }

    /**
     * @param startNs   {@link System#nanoTime()} at the start of the wait.
     * @param timeoutNs of the wait, or {@link WaitStrategy#FOREVER}.
     * @return nanoseconds left, {@link WaitStrategy#FOREVER} for no timeout, zero or less when expired.
     */
    static long remainingNs(final long startNs, final long timeoutNs)
    {
        if (WaitStrategy.FOREVER == timeoutNs)
        {
            return WaitStrategy.FOREVER;
        }
        return timeoutNs - (System.nanoTime() - startNs);
    }

    static void checkInterrupt(final boolean interruptible) throws InterruptedException
    {
        if (interruptible && Thread.interrupted())
        {
            throw new InterruptedException();
        }
    }

    /**
     * Spins with {@link Thread#onSpinWait()} until the condition is met, {@code spinNs} passed or the wait timed out.
     *
     * @return true when met.
     */
    static boolean spin(
        final WaitCondition condition,
        final long startNs,
        final long spinNs,
        final long timeoutNs,
        final boolean interruptible) throws InterruptedException
    {
        return spin(condition, startNs, spinNs, timeoutNs, interruptible, false);
    }

    /**
     * As {@link #spin(WaitCondition, long, long, long, boolean)}, optionally yielding the CPU at every check.
     */
    static boolean spin(
        final WaitCondition condition,
        final long startNs,
        final long spinNs,
        final long timeoutNs,
        final boolean interruptible,
        final boolean yield) throws InterruptedException
    {
        final long limitNs = Math.min(spinNs, timeoutNs);
        int spins = 0;
        while (true)
        {
            if (condition.isMet())
            {
                return true;
            }
            if (++spins == SPINS_PER_CHECK)
            {
                spins = 0;
                checkInterrupt(interruptible);
                if (System.nanoTime() - startNs >= limitNs)
                {
                    return false;
                }
                if (yield)
                {
                    Thread.yield();
                }
            }
            Thread.onSpinWait();
        }
    }

    /**
     * The sleeping half of a wait: read the sequence, announce, then until met, timed out or interrupted: re-test,
     * sleep, read the sequence again. The announcement stands until the wait ends, so that a releaser can never fall
     * between a withdrawal and the next announcement. Where releasers store without a fence
     * ({@link WaitWord#releasersStorePlainly()}), the first sleep lasts at most
     * {@link #PLAIN_RELEASE_WINDOW_NS}: long enough for any store made before the announcement to have become
     * visible, so the re-test after it cannot miss one, and every later release sees the announcement.
     * A waiter that leaves unmet after sleeping passes one wake on, since the wake it may have taken (a lock's
     * release wakes one) could have been meant for a sleeper that would succeed. A repair of the sleepers count
     * ({@link WaitWord}) forgets the announcement and bumps the sequence: the waiter then announces again before its
     * re-test, and sleeps its first slice short again where releasers store plainly.
     *
     * @return true when met.
     */
    static boolean sleep(
        final WaitWord word,
        final WaitCondition condition,
        final long startNs,
        final long timeoutNs,
        final boolean interruptible) throws InterruptedException
    {
        boolean slept = false;
        boolean met = false;
        final long firstSliceNs = word.releasersStorePlainly() ? PLAIN_RELEASE_WINDOW_NS : SLEEP_SLICE_NS;
        long sliceNs = firstSliceNs;
        int sequence = word.sequenceVolatile();
        int announcement = word.announceSleeper();
        try
        {
            while (true)
            {
                if (condition.isMet())
                {
                    met = true;
                    return true;
                }
                final long remainingNs = remainingNs(startNs, timeoutNs);
                if (remainingNs <= 0)
                {
                    return false;
                }
                checkInterrupt(interruptible);
                word.sleep(sequence, Math.min(remainingNs, sliceNs), interruptible);
                slept = true;
                sliceNs = SLEEP_SLICE_NS;
                checkInterrupt(interruptible);
                // The sequence before the epoch: a repair moves the epoch first, then the sequence.
                sequence = word.sequenceVolatile();
                if (!word.isAnnounced(announcement))
                {
                    announcement = word.announceSleeper();
                    sliceNs = firstSliceNs;
                }
            }
        }
        finally
        {
            word.withdrawSleeper(announcement);
            if (slept && !met)
            {
                word.wake(1);
            }
        }
    }
}
