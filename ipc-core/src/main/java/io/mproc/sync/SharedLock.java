package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.SharedObject;

import java.util.concurrent.TimeUnit;

/**
 * A robust mutual-exclusion lock shared between processes: the common part of {@link Lock} and {@link RLock}.
 * Owned by one thread of one process at a time; thread-safe and process-safe.
 * <p>
 * <b>Robust ownership.</b> The lock word records the owner's pid and process start time, so a recycled pid is never
 * taken for the owner. When the owning process dies holding the lock (even by {@code SIGKILL}), the next thread
 * that waits for it notices within about {@value LockCore#FIRST_LIVENESS_CHECK_MS} ms of starting to wait (or
 * within a second, if the owner dies while it waits), takes the lock over, and is told: {@link #ownerDied()} is true
 * for the duration of that hold, {@link #recoveries()} counts such take-overs, and a warning is logged. As with
 * pthread's {@code EOWNERDEAD}, the data the lock guards may be half-updated: the new owner should check or repair it.
 * A flag rather than an exception, because an exception thrown by {@link #lock()} after taking the lock would skip
 * the caller's {@code try/finally} and leave the lock held for good. Only a dead <i>process</i> is detected: a
 * thread that ends while holding the lock in a live process keeps it held, as with {@code ReentrantLock}.
 * <p>
 * {@link #unlock()} by a thread that does not hold the lock throws {@link IllegalMonitorStateException}.
 * <p>
 * <b>Waiting</b> follows the handle's {@link WaitStrategy}; every wait has a timed and an interruptible form, and an
 * interrupt cuts a kernel sleep short at once.
 */
public abstract sealed class SharedLock extends SharedObject implements java.util.concurrent.locks.Lock
    permits Lock, RLock
{
    private static final long serialVersionUID = 1L;

    /** The lock algorithm over this handle's lock area. */
    final transient LockCore core;
    /** How this handle waits. */
    final transient WaitStrategy strategy;

    SharedLock(
        final MappedRegion region,
        final int lockIndex,
        final boolean view,
        final boolean reentrant,
        final WaitStrategy strategy)
    {
        super(region, view);
        this.strategy = strategy;
        this.core = new LockCore(buffer, lockIndex, reentrant, region.path().toString());
    }

    /**
     * Takes the lock, waiting as long as it takes; interrupts are ignored (the flag stays set).
     *
     * @throws IllegalStateException for a {@link Lock} this thread already holds (it would never return).
     */
    public void lock()
    {
        ensureOpen();
        if (core.tryAcquire())
        {
            return;
        }
        try
        {
            core.acquire(strategy, WaitStrategy.FOREVER, false);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException("uninterruptible wait threw", ex);
        }
    }

    /**
     * Takes the lock unless the thread is interrupted first.
     *
     * @throws InterruptedException when interrupted before or while waiting.
     */
    public void lockInterruptibly() throws InterruptedException
    {
        ensureOpen();
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        core.acquire(strategy, WaitStrategy.FOREVER, true);
    }

    /**
     * Takes the lock only if it is free now (or, for an {@link RLock}, held by this thread).
     *
     * @return true when taken.
     */
    public boolean tryLock()
    {
        ensureOpen();
        return core.tryAcquire();
    }

    /**
     * Takes the lock if it becomes free within the timeout, recovering it from a dead owner.
     *
     * @param time to wait.
     * @param unit of {@code time}.
     * @return true when taken, false on timeout.
     * @throws InterruptedException when interrupted before or while waiting.
     */
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        ensureOpen();
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        return core.tryAcquire() || core.acquire(strategy, unit.toNanos(time), true);
    }

    /**
     * Releases one hold of the calling thread and wakes a waiter if one sleeps.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock.
     */
    public void unlock()
    {
        ensureOpen();
        core.release();
    }

    /**
     * Not supported: a condition shared between processes needs a name of its own. Use
     * {@link Condition#create(io.mproc.memory.Namespace, String)}, whose {@link Condition#lock()} is its lock.
     *
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    public java.util.concurrent.locks.Condition newCondition()
    {
        throw new UnsupportedOperationException("a shared condition needs its own name: use " +
            "Condition.create(namespace, name) and its lock(), lock=" + name());
    }

    /**
     * @return true when the calling thread holds the lock.
     */
    public boolean isHeldByCurrentThread()
    {
        ensureOpen();
        return core.isHeldByCurrentThread();
    }

    /**
     * @return true when any thread of any process holds the lock (a snapshot).
     */
    public boolean isLocked()
    {
        ensureOpen();
        return core.isLocked();
    }

    /**
     * @return the pid of the owning process, or 0 when free (a snapshot).
     */
    public long ownerPid()
    {
        ensureOpen();
        return core.ownerPid();
    }

    /**
     * Whether the calling thread's current hold was taken over from an owner whose process died holding the lock,
     * as pthread's {@code EOWNERDEAD}: the guarded data may be inconsistent. Stays true until the hold is released.
     *
     * @return true when this thread holds the lock and recovered it from a dead owner.
     */
    public boolean ownerDied()
    {
        ensureOpen();
        return core.ownerDied();
    }

    /**
     * @return how many times the lock was taken over from a dead owner since it was created.
     */
    public long recoveries()
    {
        ensureOpen();
        return core.recoveries();
    }

    /**
     * @return this handle's wait strategy.
     */
    public WaitStrategy waitStrategy()
    {
        return strategy;
    }

    /**
     * Like Python's repr of a lock: {@code Lock{name=n, locked, owner=pid 12 thread 1, recoveries=0}} or
     * {@code Lock{name=n, unlocked, recoveries=0}}; an {@link RLock} shows the hold count as Python's
     * {@code <RLock(owner, count)>}: {@code RLock{name=n, owner=pid 12 thread 1, count=2, recoveries=0}}, or
     * {@code owner=none, count=0} when free. A snapshot of a lock other processes may be taking and releasing.
     */
    public String toString()
    {
        final StringBuilder text = new StringBuilder(getClass().getSimpleName()).append("{name=").append(name());
        if (isClosed())
        {
            return text.append(", closed}").toString();
        }
        final String owner = core.ownerSnapshot();
        if (this instanceof RLock)
        {
            text.append(", owner=").append(null == owner ? "none" : owner)
                .append(", count=").append(null == owner ? 0 : core.holdCountSnapshot());
        }
        else
        {
            text.append(null == owner ? ", unlocked" : ", locked, owner=" + owner);
        }
        return text.append(", recoveries=").append(core.recoveries()).append('}').toString();
    }
}
