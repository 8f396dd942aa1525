package io.mproc.pool;

import io.mproc.sync.WaitCondition;
import io.mproc.sync.WaitStrategy;
import io.mproc.sync.WaitWord;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Waits, with one of mproc's {@link WaitStrategy}s, until a write to a full ring goes through (or the caller gives
 * up): the pool's only idle loop outside the rings' own waits. A ring has no "not full" word that its reader wakes,
 * so the wait polls: it runs on a private wait word marked spin-only, which nobody wakes and no strategy sleeps on.
 * Not thread-safe: one per writing thread.
 */
final class FullRingWait
{
    private final WaitStrategy strategy;
    private final WaitWord word;

    FullRingWait(final WaitStrategy strategy)
    {
        this.strategy = strategy;
        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(WaitWord.LENGTH, Integer.BYTES));
        buffer.putInt(WaitWord.WAKE_MODE_OFFSET, WaitWord.SPIN_ONLY);
        this.word = new WaitWord(buffer, 0);
    }

    /**
     * @param writtenOrGivenUp tries the write again, true once written or once the caller gives up.
     */
    void await(final WaitCondition writtenOrGivenUp)
    {
        try
        {
            strategy.await(word, writtenOrGivenUp, WaitStrategy.FOREVER, false);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException("not interruptible, cannot happen", ex);
        }
    }
}
