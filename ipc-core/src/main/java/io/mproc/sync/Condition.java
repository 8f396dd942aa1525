package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.SharedObject;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.mproc.sync.ConditionDescriptor.NEXT_TICKET_OFFSET;
import static io.mproc.sync.ConditionDescriptor.SLOT_FREE;
import static io.mproc.sync.ConditionDescriptor.SLOT_OWNER_OFFSET;
import static io.mproc.sync.ConditionDescriptor.SLOT_SIGNALLED;
import static io.mproc.sync.ConditionDescriptor.SLOT_STATE_OFFSET;
import static io.mproc.sync.ConditionDescriptor.SLOT_TICKET_OFFSET;
import static io.mproc.sync.ConditionDescriptor.SLOT_WAITING;
import static io.mproc.sync.ConditionDescriptor.SLOT_WAIT_WORD_OFFSET;
import static io.mproc.sync.ConditionDescriptor.WAITING_OFFSET;

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
 * {@value #LIVENESS_RECHECK_MS} ms per waiter, and never for its own process) and frees the slot of a dead one
 * instead, as {@link #signalAll()} does for every dead waiter it meets; running out of slots also frees dead
 * waiters' slots. Only a signal sent within {@value #LIVENESS_RECHECK_MS} ms of a waiter's death, or one that reached
 * it just before it died, is lost with it (like a notification taken by a thread that then ends), which is why
 * waiters should use {@link #waitFor} or a loop over their predicate, as with any condition.
 */
public final class Condition extends SharedObject implements java.util.concurrent.locks.Condition
{
    private static final long serialVersionUID = 1L;
    /** How long a signaller trusts that a waiter's process it found running still runs. */
    static final long LIVENESS_RECHECK_MS = 10;
    static final long LIVENESS_RECHECK_NS = TimeUnit.MILLISECONDS.toNanos(LIVENESS_RECHECK_MS);

    private final transient RLock lock;
    private final transient LockCore lockCore;
    private final transient WaitStrategy strategy;
    private final transient int bodyIndex;
    private final transient int slots;
    private final transient WaitWord[] slotWords;
    private final transient WaitCondition[] slotSignalled;
    private final transient long token = OwnerToken.CURRENT;
    /** Per slot, the owner this handle last found alive there, and when: see {@link #isWaiterAlive(int)}. */
    private final transient long[] ownerSeenAlive;
    private final transient long[] ownerSeenAliveNs;

    private Condition(final MappedRegion region, final WaitStrategy strategy)
    {
        super(region);
        this.strategy = strategy;
        this.bodyIndex = region.bodyOffset();
        this.slots = ConditionDescriptor.slots(region);
        this.lock = new RLock(region, bodyIndex + ConditionDescriptor.LOCK_OFFSET, true, strategy);
        this.lockCore = lock.core;
        this.slotWords = new WaitWord[slots];
        this.slotSignalled = new WaitCondition[slots];
        this.ownerSeenAlive = new long[slots];
        this.ownerSeenAliveNs = new long[slots];
        for (int slot = 0; slot < slots; slot++)
        {
            final int stateIndex = slotIndex(slot) + SLOT_STATE_OFFSET;
            slotWords[slot] = new WaitWord(buffer, slotIndex(slot) + SLOT_WAIT_WORD_OFFSET);
            slotSignalled[slot] = () -> SLOT_SIGNALLED == buffer.getIntVolatile(stateIndex);
        }
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
        for (int i = 0; i < count; i++)
        {
            final int slot = oldestLiveWaiting();
            if (slot < 0)
            {
                return;
            }
            wakeSlot(slot);
        }
    }

    /**
     * Wakes every waiter: Python's {@code notify_all()}.
     */
    public void signalAll()
    {
        ensureHeld();
        if (0 == buffer.getInt(bodyIndex + WAITING_OFFSET))
        {
            return;
        }
        for (int slot = 0; slot < slots; slot++)
        {
            if (SLOT_WAITING == buffer.getInt(slotIndex(slot) + SLOT_STATE_OFFSET))
            {
                if (isWaiterAlive(slot))
                {
                    wakeSlot(slot);
                }
                else
                {
                    reclaimDeadSlot(slot, SLOT_WAITING);
                }
            }
        }
    }

    /**
     * @return threads of any process waiting now and not yet signalled (call with the lock held for an exact count).
     */
    public int waitingCount()
    {
        ensureOpen();
        return buffer.getIntVolatile(bodyIndex + WAITING_OFFSET);
    }

    /**
     * @return slots not free (waiting or signalled and not yet left); call with the lock held. For tests.
     */
    int occupiedSlots()
    {
        ensureHeld();
        int occupied = 0;
        for (int slot = 0; slot < slots; slot++)
        {
            if (SLOT_FREE != buffer.getInt(slotIndex(slot) + SLOT_STATE_OFFSET))
            {
                occupied++;
            }
        }
        return occupied;
    }

    /**
     * @return how many threads can wait at once.
     */
    public int maxWaiters()
    {
        return slots;
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
        for (int slot = 0; slot < maxWaiters; slot++)
        {
            WaitWord.initialise(
                buffer, offset + ConditionDescriptor.slotOffset(slot) + SLOT_WAIT_WORD_OFFSET, strategy);
        }
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
        final int slot = claimSlot();
        final int holds = lockCore.releaseFully();
        boolean signalled = false;
        InterruptedException interrupted = null;
        try
        {
            signalled = strategy.await(slotWords[slot], slotSignalled[slot], timeoutNs, interruptible);
        }
        catch (final InterruptedException ex)
        {
            interrupted = ex;
        }
        finally
        {
            lockCore.reacquire(strategy, holds);
            // With the lock held again, the slot's state is final: a signal either reached it or not.
            final int index = slotIndex(slot);
            signalled = SLOT_SIGNALLED == buffer.getInt(index + SLOT_STATE_OFFSET);
            if (!signalled)
            {
                addWaiting(-1);
            }
            buffer.putLong(index + SLOT_OWNER_OFFSET, 0);
            buffer.putIntRelease(index + SLOT_STATE_OFFSET, SLOT_FREE);
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

    private int claimSlot()
    {
        int slot = freeSlot();
        if (slot < 0)
        {
            freeDeadWaiters();
            slot = freeSlot();
            if (slot < 0)
            {
                throw new IllegalStateException("too many waiters on condition: maxWaiters=" + slots +
                    ", condition=" + path());
            }
        }
        final int index = slotIndex(slot);
        final long ticket = buffer.getLong(bodyIndex + NEXT_TICKET_OFFSET);
        buffer.putLong(bodyIndex + NEXT_TICKET_OFFSET, ticket + 1);
        buffer.putLong(index + SLOT_OWNER_OFFSET, token);
        buffer.putLong(index + SLOT_TICKET_OFFSET, ticket);
        buffer.putIntVolatile(index + SLOT_STATE_OFFSET, SLOT_WAITING);
        addWaiting(1);
        return slot;
    }

    private int freeSlot()
    {
        for (int slot = 0; slot < slots; slot++)
        {
            if (SLOT_FREE == buffer.getInt(slotIndex(slot) + SLOT_STATE_OFFSET))
            {
                return slot;
            }
        }
        return -1;
    }

    private void freeDeadWaiters()
    {
        for (int slot = 0; slot < slots; slot++)
        {
            final int index = slotIndex(slot);
            final int state = buffer.getInt(index + SLOT_STATE_OFFSET);
            final long owner = buffer.getLong(index + SLOT_OWNER_OFFSET);
            if (SLOT_FREE != state && 0 != owner && !OwnerToken.isAlive(owner))
            {
                reclaimDeadSlot(slot, state);
            }
        }
    }

    /**
     * Frees the slot of a waiter whose process died; with the lock held. Its wait word's sleeper announcement died
     * with it and nobody else sleeps on that word, so the word is repaired too.
     */
    private void reclaimDeadSlot(final int slot, final int state)
    {
        final int index = slotIndex(slot);
        if (SLOT_WAITING == state)
        {
            addWaiting(-1);
        }
        buffer.putLong(index + SLOT_OWNER_OFFSET, 0);
        if (0 != slotWords[slot].sleepersVolatile())
        {
            slotWords[slot].repairSleepers();
        }
        buffer.putIntRelease(index + SLOT_STATE_OFFSET, SLOT_FREE);
    }

    /**
     * The waiting slot with the oldest ticket whose owner still runs; slots of dead owners met on the way are freed,
     * so that a signal never goes to a waiter that died (it would be lost with it).
     */
    private int oldestLiveWaiting()
    {
        while (true)
        {
            final int slot = oldestWaiting();
            if (slot < 0 || isWaiterAlive(slot))
            {
                return slot;
            }
            reclaimDeadSlot(slot, SLOT_WAITING);
        }
    }

    /**
     * Is the process of the slot's waiter still running? Free for a waiter of this process. For another's, it reads
     * {@code /proc} (a few system calls), at most once per {@link #LIVENESS_RECHECK_NS} per slot and owner: a
     * signaller that signals the same waiting processes often pays it rarely, and a waiter killed longer ago than
     * that is never chosen.
     */
    private boolean isWaiterAlive(final int slot)
    {
        final long owner = buffer.getLong(slotIndex(slot) + SLOT_OWNER_OFFSET);
        if (owner == token)
        {
            return true;
        }
        final long nowNs = System.nanoTime();
        if (owner == ownerSeenAlive[slot] && nowNs - ownerSeenAliveNs[slot] < LIVENESS_RECHECK_NS)
        {
            return true;
        }
        if (0 != owner && OwnerToken.isAlive(owner))
        {
            ownerSeenAlive[slot] = owner;
            ownerSeenAliveNs[slot] = nowNs;
            return true;
        }
        return false;
    }

    private int oldestWaiting()
    {
        if (0 == buffer.getInt(bodyIndex + WAITING_OFFSET))
        {
            return -1;
        }
        int oldest = -1;
        long oldestTicket = Long.MAX_VALUE;
        for (int slot = 0; slot < slots; slot++)
        {
            final int index = slotIndex(slot);
            if (SLOT_WAITING == buffer.getInt(index + SLOT_STATE_OFFSET))
            {
                final long ticket = buffer.getLong(index + SLOT_TICKET_OFFSET);
                if (ticket < oldestTicket)
                {
                    oldestTicket = ticket;
                    oldest = slot;
                }
            }
        }
        return oldest;
    }

    private void wakeSlot(final int slot)
    {
        // Volatile: the fence a sleeping waiter's announcement pairs with (see WaitWord).
        buffer.putIntVolatile(slotIndex(slot) + SLOT_STATE_OFFSET, SLOT_SIGNALLED);
        addWaiting(-1);
        slotWords[slot].wake(1);
    }

    private void addWaiting(final int delta)
    {
        final int index = bodyIndex + WAITING_OFFSET;
        buffer.putIntRelease(index, buffer.getInt(index) + delta);
    }

    private void ensureHeld()
    {
        ensureOpen();
        if (!lockCore.isHeldByCurrentThread())
        {
            throw lockCore.notOwner();
        }
    }

    private int slotIndex(final int slot)
    {
        return bodyIndex + ConditionDescriptor.slotOffset(slot);
    }
}
