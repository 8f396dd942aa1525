package io.mproc.sync;

import org.agrona.concurrent.AtomicBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

import static io.mproc.sync.LockDescriptor.HOLD_COUNT_OFFSET;
import static io.mproc.sync.LockDescriptor.OWNER_DIED_OFFSET;
import static io.mproc.sync.LockDescriptor.OWNER_OFFSET;
import static io.mproc.sync.LockDescriptor.OWNER_THREAD_OFFSET;
import static io.mproc.sync.LockDescriptor.RECOVERIES_OFFSET;
import static io.mproc.sync.LockDescriptor.WAIT_WORD_OFFSET;

/**
 * The robust lock algorithm over a {@link LockDescriptor} area, shared by {@link Lock}, {@link RLock} and
 * {@link Condition}.
 * <ul>
 *     <li><b>Acquire</b>: one compare-and-set of the owner word from 0 to this process's token with the pending bit,
 *     then plain stores of the thread id and hold count, then a release store of the token without the bit.</li>
 *     <li><b>Release</b>: clear the thread id, then store 0 in the owner word (volatile where sleepers may need
 *     waking, release otherwise) and wake one sleeper if any announced itself.</li>
 *     <li><b>Robustness</b>: a waiter checks after {@value #FIRST_LIVENESS_CHECK_MS} ms, then every second, whether
 *     the owner's process still runs. If not, it takes the lock over with a compare-and-set from that exact owner
 *     word (so of several recoverers exactly one wins), and the hold is marked owner-died.</li>
 * </ul>
 */
final class LockCore
{
    static final long FIRST_LIVENESS_CHECK_MS = 10;
    static final long FIRST_LIVENESS_CHECK_NS = TimeUnit.MILLISECONDS.toNanos(FIRST_LIVENESS_CHECK_MS);
    static final long LIVENESS_CHECK_PERIOD_NS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger LOGGER = LoggerFactory.getLogger(LockCore.class);

    private final AtomicBuffer buffer;
    private final int ownerIndex;
    private final int threadIndex;
    private final int holdCountIndex;
    private final int ownerDiedIndex;
    private final int recoveriesIndex;
    private final WaitWord word;
    private final boolean reentrant;
    private final String description;
    private final long token = OwnerToken.CURRENT;
    private final long pendingToken = OwnerToken.CURRENT | OwnerToken.PENDING_BIT;
    private final WaitCondition acquireIfFree = this::tryAcquireIfFree;

    LockCore(final AtomicBuffer buffer, final int lockIndex, final boolean reentrant, final String description)
    {
        buffer.boundsCheck(lockIndex, LockDescriptor.LENGTH);
        this.buffer = buffer;
        this.ownerIndex = lockIndex + OWNER_OFFSET;
        this.threadIndex = lockIndex + OWNER_THREAD_OFFSET;
        this.holdCountIndex = lockIndex + HOLD_COUNT_OFFSET;
        this.ownerDiedIndex = lockIndex + OWNER_DIED_OFFSET;
        this.recoveriesIndex = lockIndex + RECOVERIES_OFFSET;
        buffer.verifyAlignment();
        if (0 != ((buffer.addressOffset() + ownerIndex) & 7))
        {
            throw new IllegalArgumentException("lock must be 8-byte aligned: lockIndex=" + lockIndex);
        }
        this.word = new WaitWord(buffer, lockIndex + WAIT_WORD_OFFSET);
        this.reentrant = reentrant;
        this.description = description;
    }

    static void initialise(final AtomicBuffer buffer, final int lockIndex, final WaitStrategy strategy)
    {
        WaitWord.initialise(buffer, lockIndex + WAIT_WORD_OFFSET, strategy);
    }

    /**
     * Takes the lock if free (or re-enters it), without waiting.
     */
    boolean tryAcquire()
    {
        final long threadId = Thread.currentThread().getId();
        if (buffer.compareAndSetLong(ownerIndex, 0, pendingToken))
        {
            establish(threadId, false);
            return true;
        }
        return reentrant && tryReenter(threadId);
    }

    /**
     * Takes the lock, waiting with the strategy and recovering it from a dead owner.
     *
     * @return true when taken, false on timeout.
     */
    boolean acquire(final WaitStrategy strategy, final long timeoutNs, final boolean interruptible)
        throws InterruptedException
    {
        if (tryAcquire())
        {
            return true;
        }
        final long threadId = Thread.currentThread().getId();
        if (!reentrant && isHeldBy(threadId))
        {
            throw new IllegalStateException("lock is not reentrant and this thread already holds it: " + description);
        }

        final long startNs = System.nanoTime();
        long nextCheckNs = startNs + FIRST_LIVENESS_CHECK_NS;
        while (true)
        {
            final long remainingNs = Waits.remainingNs(startNs, timeoutNs);
            final long untilCheckNs = Math.max(0, nextCheckNs - System.nanoTime());
            if (strategy.await(word, acquireIfFree, Math.min(remainingNs, untilCheckNs), interruptible))
            {
                return true;
            }
            final long nowNs = System.nanoTime();
            if (nowNs - nextCheckNs >= 0)
            {
                if (recoverIfOwnerDead(threadId))
                {
                    return true;
                }
                nextCheckNs = nowNs + LIVENESS_CHECK_PERIOD_NS;
            }
            if (Waits.remainingNs(startNs, timeoutNs) <= 0)
            {
                return false;
            }
        }
    }

    /**
     * Releases one hold of the calling thread.
     */
    void release()
    {
        final long threadId = Thread.currentThread().getId();
        if (!isHeldBy(threadId))
        {
            throw notOwner();
        }
        final int holds = buffer.getInt(holdCountIndex);
        if (holds > 1)
        {
            buffer.putInt(holdCountIndex, holds - 1);
            return;
        }
        releaseHeld();
    }

    /**
     * Releases every hold of the calling thread, for a condition wait.
     *
     * @return the hold count to restore with {@link #reacquire(WaitStrategy, int)}.
     */
    int releaseFully()
    {
        final long threadId = Thread.currentThread().getId();
        if (!isHeldBy(threadId))
        {
            throw notOwner();
        }
        final int holds = buffer.getInt(holdCountIndex);
        releaseHeld();
        return holds;
    }

    /**
     * Takes the lock again after a condition wait, ignoring interrupts (the caller reports them).
     */
    void reacquire(final WaitStrategy strategy, final int holds)
    {
        try
        {
            acquire(strategy, WaitStrategy.FOREVER, false);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException("uninterruptible wait threw", ex);
        }
        buffer.putInt(holdCountIndex, holds);
    }

    boolean isHeldByCurrentThread()
    {
        return isHeldBy(Thread.currentThread().getId());
    }

    boolean isLocked()
    {
        return 0 != buffer.getLongVolatile(ownerIndex);
    }

    int holdCount()
    {
        return isHeldByCurrentThread() ? buffer.getInt(holdCountIndex) : 0;
    }

    boolean ownerDied()
    {
        return isHeldByCurrentThread() && 0 != buffer.getInt(ownerDiedIndex);
    }

    long recoveries()
    {
        return buffer.getLongVolatile(recoveriesIndex);
    }

    long ownerPid()
    {
        final long owner = buffer.getLongVolatile(ownerIndex);
        return 0 == owner ? 0 : OwnerToken.pid(owner);
    }

    /**
     * A snapshot of the owner for {@code toString}: {@code "pid P thread T"}, {@code "pid P (recording)"} while a new
     * owner has won the word but not yet written its thread, or null when free.
     */
    String ownerSnapshot()
    {
        final long owner = buffer.getLongVolatile(ownerIndex);
        if (0 == owner)
        {
            return null;
        }
        final long threadId = buffer.getLong(threadIndex);
        return 0 != (owner & OwnerToken.PENDING_BIT) ? OwnerToken.describe(owner) : OwnerToken.describe(owner) +
            " thread " + threadId;
    }

    /**
     * @return the owner's hold count as last written (any process's), for {@code toString}: a snapshot.
     */
    int holdCountSnapshot()
    {
        return buffer.getIntVolatile(holdCountIndex);
    }

    WaitWord waitWord()
    {
        return word;
    }

    IllegalMonitorStateException notOwner()
    {
        final long owner = buffer.getLongVolatile(ownerIndex);
        return new IllegalMonitorStateException("lock not held by this thread: owner=" + OwnerToken.describe(owner) +
            (OwnerToken.pid(owner) == OwnerToken.pid(token) && 0 != owner ?
            " thread " + buffer.getLong(threadIndex) : "") + ", caller=pid " + OwnerToken.pid(token) + " thread " +
            Thread.currentThread().getId() + ", lock=" + description);
    }

    private boolean isHeldBy(final long threadId)
    {
        return buffer.getLongAcquire(ownerIndex) == token && buffer.getLong(threadIndex) == threadId;
    }

    private boolean tryAcquireIfFree()
    {
        // Test before the compare-and-set, so that spinning waiters share the line rather than fight for it.
        if (0 == buffer.getLongVolatile(ownerIndex) && buffer.compareAndSetLong(ownerIndex, 0, pendingToken))
        {
            establish(Thread.currentThread().getId(), false);
            return true;
        }
        return false;
    }

    private boolean tryReenter(final long threadId)
    {
        if (isHeldBy(threadId))
        {
            final int holds = buffer.getInt(holdCountIndex);
            if (Integer.MAX_VALUE == holds)
            {
                throw new IllegalStateException("maximum hold count exceeded: " + description);
            }
            buffer.putInt(holdCountIndex, holds + 1);
            return true;
        }
        return false;
    }

    private void establish(final long threadId, final boolean recovered)
    {
        buffer.putLong(threadIndex, threadId);
        buffer.putInt(holdCountIndex, 1);
        if (recovered)
        {
            buffer.putInt(ownerDiedIndex, 1);
            buffer.putLong(recoveriesIndex, buffer.getLong(recoveriesIndex) + 1);
        }
        buffer.putLongRelease(ownerIndex, token);
    }

    private void releaseHeld()
    {
        buffer.putLong(threadIndex, 0);
        buffer.putInt(holdCountIndex, 0);
        if (0 != buffer.getInt(ownerDiedIndex))
        {
            buffer.putInt(ownerDiedIndex, 0);
        }
        if (word.wakesSleepers())
        {
            buffer.putLongVolatile(ownerIndex, 0);
            word.wake(1);
        }
        else
        {
            buffer.putLongRelease(ownerIndex, 0);
        }
    }

    private boolean recoverIfOwnerDead(final long threadId)
    {
        final long owner = buffer.getLongVolatile(ownerIndex);
        if (0 == owner || OwnerToken.isAlive(owner))
        {
            return false;
        }
        if (!buffer.compareAndSetLong(ownerIndex, owner, pendingToken))
        {
            return false;
        }
        establish(threadId, true);
        LOGGER.warn("recovered lock from dead owner {}: {}", OwnerToken.describe(owner), description);
        return true;
    }
}
