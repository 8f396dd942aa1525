package io.mproc.internal;

import org.agrona.concurrent.AtomicBuffer;

import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * A futex wait that {@link Thread#interrupt()} cuts short at once, rather than at the end of its timeout.
 * <p>
 * A thread asleep in a native call does not notice an interrupt: the JVM only sets a flag and unparks. But the JDK's
 * interruptible channels register a callback that {@code Thread.interrupt()} runs in the interrupting thread, and
 * {@link AbstractInterruptibleChannel#begin()} / {@link AbstractInterruptibleChannel#end(boolean)} are public API
 * for subclasses. So this pseudo channel, held one per thread, installs itself around the wait; the callback
 * ({@link #implCloseChannel()}) bumps the futex word and wakes it, so the sleeper returns and sees its interrupt
 * flag. Bumping the word also closes the gap between {@code begin()} and the sleep: a wait that starts after the
 * bump finds the word changed and returns at once. Other sleepers on the word wake spuriously, which every waiter
 * tolerates (each re-checks its condition).
 * <p>
 * The interrupt closes the channel, so a thread gets a fresh one for its next wait. Not for use by other threads.
 */
public final class InterruptibleFutexWait extends AbstractInterruptibleChannel
{
    private static final ThreadLocal<InterruptibleFutexWait> CURRENT =
        ThreadLocal.withInitial(InterruptibleFutexWait::new);

    private AtomicBuffer buffer;
    private int index;
    private long address;

    private InterruptibleFutexWait()
    {
    }

    /**
     * Sleeps on a futex word like {@link Futex#await(long, int, long)}, returning early when the thread is
     * interrupted (its interrupt flag stays set for the caller to act on).
     *
     * @param buffer        holding the word, over a shared mapping.
     * @param index         of the word in {@code buffer}; 4-byte aligned.
     * @param expectedValue the value the word must hold to sleep.
     * @param timeoutNs     longest sleep, in nanoseconds.
     */
    public static void await(final AtomicBuffer buffer, final int index, final int expectedValue, final long timeoutNs)
    {
        InterruptibleFutexWait wait = CURRENT.get();
        if (!wait.isOpen())
        {
            wait = new InterruptibleFutexWait();
            CURRENT.set(wait);
        }
        wait.sleep(buffer, index, expectedValue, timeoutNs);
    }

    private void sleep(final AtomicBuffer buffer, final int index, final int expectedValue, final long timeoutNs)
    {
        // Written before begin(), which publishes them to the interrupter through Thread's blocker lock.
        this.buffer = buffer;
        this.index = index;
        this.address = buffer.addressOffset() + index;
        begin();
        try
        {
            Futex.await(address, expectedValue, timeoutNs);
        }
        finally
        {
            try
            {
                end(true);
            }
            catch (final ClosedByInterruptException ignore)
            {
                // the interrupt flag is still set: the caller's loop acts on it
            }
            catch (final java.io.IOException ignore)
            {
                // end(true) throws nothing else for a completed operation
            }
        }
    }

    /**
     * Runs in the interrupting thread: make the sleeper's futex word differ and wake it.
     */
    protected void implCloseChannel()
    {
        buffer.getAndAddInt(index, 1);
        Futex.wake(address, Integer.MAX_VALUE);
    }
}
