package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.SharedObject;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;


/**
 * A condition variable shared between processes by name, bound to its own robust {@link RLock} ({@link #lock()}):
 * Python's {@code multiprocessing.Condition()}, with the methods of {@link java.util.concurrent.locks.Condition}
 * plus {@link #waitFor(BooleanSupplier, long, TimeUnit)} (Python's {@code wait_for}). Thread-safe and process-safe.
 * <p>
 * Every method but {@link #lock()} must be called with the lock held, else {@link IllegalMonitorStateException}.
 * An await releases every hold of the lock, waits to be signalled, and takes the lock back with the same hold count
 * before returning, however it returns. Signals go to waiters in arrival order; each waiter has its own slot and
 * futex word, so {@link #signal()} wakes exactly one. At most {@code maxWaiters} threads wait at once (a creation
 * parameter); one more gets an {@link IllegalStateException}.
 * <p>
 * Robustness: the lock is recovered from a dead owner as any {@link SharedLock}. A signal goes to the longest-waiting
 * waiter whose process still runs: a signaller checks the chosen waiter's process (at most once every
 * {@value ConditionWaiters#LIVENESS_RECHECK_MS} ms per waiter, and never for its own process) and frees the slot of
 * a dead one instead, as {@link #signalAll()} does for every dead waiter it meets; running out of slots also frees
 * dead waiters' slots. Only a signal sent within {@value ConditionWaiters#LIVENESS_RECHECK_MS} ms of a waiter's
 * death, or one that reached it just before it died, is lost with it (like a notification taken by a thread that
 * then ends), which is why waiters should use {@link #waitFor} or a loop over their predicate, as with any
 * condition.
 */
public final class Condition extends SharedObject implements SharedCondition
{
    private static final long serialVersionUID = 1L;

    private final transient RLock lock;
    private final transient LockCore lockCore;
    private final transient WaitStrategy strategy;
    private final transient ConditionWaiters waiters;

    private Condition(final MappedRegion region, final WaitStrategy strategy)
    {
        super(region);
        this.strategy = strategy;
        this.waiters = new ConditionWaiters(region);
        this.lock = new RLock(region, region.bodyOffset() + ConditionDescriptor.LOCK_OFFSET, true, strategy);
        this.lockCore = lock.core;
    }

    /**
     * Creates a new condition with {@link ConditionDescriptor#DEFAULT_MAX_WAITERS} waiter slots and the namespace's
     * default wait strategy; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the condition.
     * @return the condition.
     */
    public static Condition create(final Namespace namespace, final String name)
    {
        return create(namespace, name, ConditionDescriptor.DEFAULT_MAX_WAITERS, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Creates a new condition; fails if the name exists.
     *
     * @param namespace  to create it in.
     * @param name       of the condition.
     * @param maxWaiters threads that can wait at once.
     * @param strategy   how this handle waits; it also decides whether signallers wake sleepers ({@link WaitWord}).
     * @return the condition.
     */
    public static Condition create(
        final Namespace namespace, final String name, final int maxWaiters, final WaitStrategy strategy)
    {
        return of(namespace.create(name, ConditionDescriptor.spec(maxWaiters), (buffer, offset, length) ->
            initialise(buffer, offset, maxWaiters, strategy)), strategy);
    }

    /**
     * Opens the condition of that name, creating it if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the condition.
     * @return the condition.
     */
    public static Condition createOrOpen(final Namespace namespace, final String name)
    {
        return createOrOpen(
            namespace, name, ConditionDescriptor.DEFAULT_MAX_WAITERS, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens the condition of that name, creating it if it does not exist.
     *
     * @param namespace  to open it in.
     * @param name       of the condition.
     * @param maxWaiters threads that can wait at once; must match an existing condition's.
     * @param strategy   how this handle waits.
     * @return the condition.
     */
    public static Condition createOrOpen(
        final Namespace namespace, final String name, final int maxWaiters, final WaitStrategy strategy)
    {
        return of(namespace.createOrOpen(name, ConditionDescriptor.spec(maxWaiters), (buffer, offset, length) ->
            initialise(buffer, offset, maxWaiters, strategy)), strategy);
    }

    /**
     * Opens an existing condition with the namespace's default wait strategy.
     *
     * @param namespace to open it in.
     * @param name      of the condition.
     * @return the condition.
     */
    public static Condition open(final Namespace namespace, final String name)
    {
        return open(namespace, name, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens an existing condition.
     *
     * @param namespace to open it in.
     * @param name      of the condition.
     * @param strategy  how this handle waits.
     * @return the condition.
     */
    public static Condition open(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return of(namespace.open(name, ConditionDescriptor.anySlots()), strategy);
    }

    /**
     * @return the condition's lock: hold it around every other call.
     */
    public RLock lock()
    {
        return lock;
    }

    /**
     * Releases the lock and waits until signalled or interrupted, then takes the lock back.
     *
     * @throws InterruptedException when interrupted before or while waiting (the lock is held again).
     */
    public void await() throws InterruptedException
    {
        awaitSlot(WaitStrategy.FOREVER, true);
    }

    /**
     * Releases the lock and waits until signalled, then takes the lock back; interrupts are ignored (the flag stays
     * set).
     */
    public void awaitUninterruptibly()
    {
        try
        {
            awaitSlot(WaitStrategy.FOREVER, false);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException("uninterruptible wait threw", ex);
        }
    }

    /**
     * Releases the lock and waits until signalled, interrupted or the timeout passes, then takes the lock back.
     *
     * @param nanosTimeout longest wait.
     * @return an estimate of the nanoseconds left, zero or less when the wait timed out.
     * @throws InterruptedException when interrupted before or while waiting (the lock is held again).
     */
    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        final long startNs = System.nanoTime();
        if (!awaitSlot(Math.max(0, nanosTimeout), true))
        {
            return Math.min(0, nanosTimeout - (System.nanoTime() - startNs));
        }
        return Math.max(1, nanosTimeout - (System.nanoTime() - startNs));
    }

    /**
     * Releases the lock and waits until signalled, interrupted or the timeout passes, then takes the lock back:
     * Python's {@code Condition.wait(timeout)}.
     *
     * @param time longest wait.
     * @param unit of {@code time}.
     * @return true when signalled, false when the timeout passed first.
     * @throws InterruptedException when interrupted before or while waiting (the lock is held again).
     */
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        return awaitSlot(Math.max(0, unit.toNanos(time)), true);
    }

    /**
     * Releases the lock and waits until signalled, interrupted or the deadline passes, then takes the lock back.
     *
     * @param deadline wall-clock time to give up at.
     * @return true when signalled, false when the deadline passed first.
     * @throws InterruptedException when interrupted before or while waiting (the lock is held again).
     */
    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        final long timeoutMs = deadline.getTime() - System.currentTimeMillis();
        return awaitSlot(Math.max(0, TimeUnit.MILLISECONDS.toNanos(timeoutMs)), true);
    }

    /**
     * Waits until {@code predicate} is true or the timeout passes, testing it first and after each wake-up:
     * Python's {@code Condition.wait_for(predicate, timeout)}. The predicate runs with the lock held.
     *
     * @param predicate tested with the lock held.
     * @param time      longest wait in all.
     * @param unit      of {@code time}.
     * @return the predicate's last result.
     * @throws InterruptedException when interrupted before or while waiting (the lock is held again).
     */
    public boolean waitFor(final BooleanSupplier predicate, final long time, final TimeUnit unit)
        throws InterruptedException
    {
        ensureHeld();
        final long timeoutNs = unit.toNanos(time);
        final long startNs = System.nanoTime();
        boolean result = predicate.getAsBoolean();
        while (!result)
        {
            final long remainingNs = Waits.remainingNs(startNs, timeoutNs);
            if (remainingNs <= 0)
            {
                break;
            }
            awaitSlot(remainingNs, true);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes the waiter that has waited longest, if any: Python's {@code notify()}.
     */
    public void signal()
    {
        signal(1);
    }

    /**
     * Wakes up to {@code count} waiters, longest-waiting first: Python's {@code notify(n)}.
     *
     * @param count most waiters to wake.
     */
    public void signal(final int count)
    {
        ensureHeld();
        int signalled = 0;
        while (signalled < count && waiters.signalOldest())
        {
            signalled++;
        }
    }

    /**
     * Wakes every waiter: Python's {@code notify_all()}.
     */
    public void signalAll()
    {
        ensureHeld();
        waiters.signalAll();
    }

    /**
     * @return threads of any process waiting now and not yet signalled (call with the lock held for an exact count).
     */
    public int waitingCount()
    {
        ensureOpen();
        return waiters.waitingVolatile();
    }

    /**
     * @return slots not free (waiting or signalled and not yet left); call with the lock held. For tests.
     */
    int occupiedSlots()
    {
        ensureHeld();
        return waiters.occupied();
    }

    /**
     * @return how many threads can wait at once.
     */
    public int maxWaiters()
    {
        return waiters.slots();
    }

    /**
     * @return this handle's wait strategy.
     */
    public WaitStrategy waitStrategy()
    {
        return strategy;
    }

    public String toString()
    {
        return "Condition{name=" + name() + (isClosed() ? ", closed" : ", waiting=" + waitingCount()) + '}';
    }

    private static void initialise(
        final org.agrona.concurrent.AtomicBuffer buffer,
        final int offset,
        final int maxWaiters,
        final WaitStrategy strategy)
    {
        LockCore.initialise(buffer, offset + ConditionDescriptor.LOCK_OFFSET, strategy);
        ConditionWaiters.initialise(buffer, offset, maxWaiters, strategy);
    }

    private static Condition of(final MappedRegion region, final WaitStrategy strategy)
    {
        try
        {
            return new Condition(region, strategy);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * @return true when signalled, false on timeout.
     */
    private boolean awaitSlot(final long timeoutNs, final boolean interruptible) throws InterruptedException
    {
        ensureHeld();
        if (interruptible && Thread.interrupted())
        {
            throw new InterruptedException();
        }
        final int slot = waiters.claim();
        final int holds = lockCore.releaseFully();
        boolean signalled = false;
        InterruptedException interrupted = null;
        try
        {
            signalled = strategy.await(waiters.word(slot), waiters.signalled(slot), timeoutNs, interruptible);
        }
        catch (final InterruptedException ex)
        {
            interrupted = ex;
        }
        finally
        {
            lockCore.reacquire(strategy, holds);
            // With the lock held again, the slot's state is final: a signal either reached it or not.
            signalled = waiters.leave(slot);
        }
        if (null != interrupted)
        {
            if (signalled)
            {
                signal(1); // not to lose the signal that reached a waiter leaving for its interrupt
            }
            throw interrupted;
        }
        return signalled;
    }

    private void ensureHeld()
    {
        ensureOpen();
        if (!lockCore.isHeldByCurrentThread())
        {
            throw lockCore.notOwner();
        }
    }
}
