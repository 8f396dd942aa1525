package io.mproc.sync;

import io.mproc.memory.KindMismatchException;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionKind;
import io.mproc.memory.SharedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

import static io.mproc.sync.SemaphoreDescriptor.FLAGS_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.FLAG_BOUNDED;
import static io.mproc.sync.SemaphoreDescriptor.FLAG_TRACKED;
import static io.mproc.sync.SemaphoreDescriptor.HOLDER_SLOTS;
import static io.mproc.sync.SemaphoreDescriptor.MAX_PERMITS_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.MUTEX_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.PERMITS_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.RECLAIMED_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.SLOT_COUNT_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.SLOT_OWNER_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.WAIT_WORD_OFFSET;

/**
 * A counting semaphore shared between processes by name: Python's {@code multiprocessing.Semaphore}, with the
 * methods of {@link java.util.concurrent.Semaphore}. Thread-safe and process-safe; waiting follows the handle's
 * {@link WaitStrategy}, with timed and interruptible forms.
 * <p>
 * <b>Permits of a dead process</b> ({@link PermitTracking#PER_PROCESS}, the default): each process's outstanding
 * permits are counted in a holder slot, and a waiter that finds no permit checks, after
 * {@value LockCore#FIRST_LIVENESS_CHECK_MS} ms and then every second, whether any holder has died; a dead holder's
 * permits are returned (at most up to the bound of a {@link BoundedSemaphore}), counted in
 * {@link #reclaimedPermits()} and logged as a warning. Updates are journaled under a tiny robust mutex, so a process
 * killed at any instruction leaves the counts exact. Releases need not come from the acquiring process: see
 * {@link PermitTracking} for how they are counted and when to choose {@link PermitTracking#NONE}.
 */
public sealed class Semaphore extends SharedObject implements SharedSemaphore permits BoundedSemaphore
{
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = LoggerFactory.getLogger(Semaphore.class);

    private final transient int bodyIndex;
    private final transient int mutexIndex;
    private final transient int permitsIndex;
    private final transient int reclaimedIndex;
    private final transient int maxPermits;
    private final transient boolean bounded;
    private final transient boolean tracked;
    private final transient WaitWord word;
    private final transient WaitStrategy strategy;
    private final transient long token = OwnerToken.CURRENT;
    private final transient WaitCondition acquireOne = () -> tryAcquireNow(1);
    private transient int slotHint;
    private transient boolean untrackedWarned;

    Semaphore(final MappedRegion region, final WaitStrategy strategy)
    {
        super(region);
        this.bodyIndex = region.bodyOffset();
        this.mutexIndex = bodyIndex + MUTEX_OFFSET;
        this.permitsIndex = bodyIndex + PERMITS_OFFSET;
        this.reclaimedIndex = bodyIndex + RECLAIMED_OFFSET;
        final int flags = buffer.getInt(bodyIndex + FLAGS_OFFSET);
        this.maxPermits = buffer.getInt(bodyIndex + MAX_PERMITS_OFFSET);
        this.bounded = 0 != (flags & FLAG_BOUNDED);
        this.tracked = 0 != (flags & FLAG_TRACKED);
        this.word = new WaitWord(buffer, bodyIndex + WAIT_WORD_OFFSET);
        this.strategy = strategy;
    }

    /**
     * Creates a new semaphore with holder tracking and the namespace's default wait strategy; fails if the name
     * exists.
     *
     * @param namespace to create it in.
     * @param name      of the semaphore.
     * @param permits   available at first; 0 or more.
     * @return the semaphore.
     */
    public static Semaphore create(final Namespace namespace, final String name, final int permits)
    {
        return create(namespace, name, permits, PermitTracking.PER_PROCESS, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Creates a new semaphore; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the semaphore.
     * @param permits   available at first; 0 or more.
     * @param tracking  whether permits of a dead process come back.
     * @param strategy  how this handle waits; it also decides whether releasers wake sleepers ({@link WaitWord}).
     * @return the semaphore.
     */
    public static Semaphore create(
        final Namespace namespace,
        final String name,
        final int permits,
        final PermitTracking tracking,
        final WaitStrategy strategy)
    {
        checkPermits(permits);
        return of(namespace.create(name, SemaphoreDescriptor.SPEC, (buffer, offset, length) ->
            initialise(buffer, offset, permits, false, tracking, strategy)), strategy);
    }

    /**
     * Opens the semaphore of that name, creating it with holder tracking if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the semaphore.
     * @param permits   available at first, used only if this call creates it.
     * @return the semaphore.
     */
    public static Semaphore createOrOpen(final Namespace namespace, final String name, final int permits)
    {
        return createOrOpen(namespace, name, permits, PermitTracking.PER_PROCESS, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens the semaphore of that name, creating it if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the semaphore.
     * @param permits   available at first, used only if this call creates it.
     * @param tracking  used only if this call creates it.
     * @param strategy  how this handle waits.
     * @return the semaphore.
     */
    public static Semaphore createOrOpen(
        final Namespace namespace,
        final String name,
        final int permits,
        final PermitTracking tracking,
        final WaitStrategy strategy)
    {
        checkPermits(permits);
        return of(namespace.createOrOpen(name, SemaphoreDescriptor.SPEC, (buffer, offset, length) ->
            initialise(buffer, offset, permits, false, tracking, strategy)), strategy);
    }

    /**
     * Opens an existing semaphore (bounded or not) with the namespace's default wait strategy.
     *
     * @param namespace to open it in.
     * @param name      of the semaphore.
     * @return the semaphore.
     */
    public static Semaphore open(final Namespace namespace, final String name)
    {
        return open(namespace, name, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens an existing semaphore (bounded or not).
     *
     * @param namespace to open it in.
     * @param name      of the semaphore.
     * @param strategy  how this handle waits.
     * @return the semaphore.
     */
    public static Semaphore open(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return of(namespace.open(name, SemaphoreDescriptor.SPEC), strategy);
    }

    /**
     * Takes a permit, waiting as long as it takes.
     *
     * @throws InterruptedException when interrupted before or while waiting.
     */
    public void acquire() throws InterruptedException
    {
        acquire(1);
    }

    /**
     * Takes {@code permits} permits at once, waiting as long as it takes.
     *
     * @param permits to take; 1 or more.
     * @throws InterruptedException when interrupted before or while waiting.
     */
    public void acquire(final int permits) throws InterruptedException
    {
        tryAcquire(permits, WaitStrategy.FOREVER, TimeUnit.NANOSECONDS);
    }

    /**
     * Takes a permit if one is available now.
     *
     * @return true when taken.
     */
    public boolean tryAcquire()
    {
        ensureOpen();
        return tryAcquireNow(1);
    }

    /**
     * Takes {@code permits} permits if that many are available now.
     *
     * @param permits to take; 1 or more.
     * @return true when taken.
     */
    public boolean tryAcquire(final int permits)
    {
        ensureOpen();
        checkRequest(permits);
        return tryAcquireNow(permits);
    }

    /**
     * Takes a permit if one becomes available within the timeout: Python's {@code acquire(timeout=...)}.
     *
     * @param time to wait.
     * @param unit of {@code time}.
     * @return true when taken, false on timeout.
     * @throws InterruptedException when interrupted before or while waiting.
     */
    public boolean tryAcquire(final long time, final TimeUnit unit) throws InterruptedException
    {
        return tryAcquire(1, time, unit);
    }

    /**
     * Takes {@code permits} permits if that many become available within the timeout.
     *
     * @param permits to take; 1 or more.
     * @param time    to wait.
     * @param unit    of {@code time}.
     * @return true when taken, false on timeout.
     * @throws InterruptedException when interrupted before or while waiting.
     */
    public boolean tryAcquire(final int permits, final long time, final TimeUnit unit) throws InterruptedException
    {
        ensureOpen();
        checkRequest(permits);
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        if (tryAcquireNow(permits))
        {
            return true;
        }
        final long timeoutNs = unit.toNanos(time);
        final WaitCondition condition = 1 == permits ? acquireOne : () -> tryAcquireNow(permits);
        final long startNs = System.nanoTime();
        long nextCheckNs = startNs + LockCore.FIRST_LIVENESS_CHECK_NS;
        while (true)
        {
            final long remainingNs = Waits.remainingNs(startNs, timeoutNs);
            final long untilCheckNs = Math.max(0, nextCheckNs - System.nanoTime());
            if (strategy.await(word, condition, Math.min(remainingNs, untilCheckNs), true))
            {
                return true;
            }
            final long nowNs = System.nanoTime();
            if (nowNs - nextCheckNs >= 0)
            {
                if (reclaimDeadHolders() > 0 && tryAcquireNow(permits))
                {
                    return true;
                }
                nextCheckNs = nowNs + LockCore.LIVENESS_CHECK_PERIOD_NS;
            }
            if (Waits.remainingNs(startNs, timeoutNs) <= 0)
            {
                return false;
            }
        }
    }

    /**
     * Returns a permit and wakes a waiter if one sleeps.
     *
     * @throws IllegalStateException for a bounded semaphore that would exceed its initial permits.
     */
    public void release()
    {
        release(1);
    }

    /**
     * Returns {@code permits} permits and wakes waiters if any sleep.
     *
     * @param permits to return; 1 or more.
     * @throws IllegalStateException for a bounded semaphore that would exceed its initial permits, or a count that
     *                               would overflow.
     */
    public void release(final int permits)
    {
        ensureOpen();
        checkRequest(permits);
        lockMutex();
        try
        {
            final int available = buffer.getInt(permitsIndex);
            final long updated = (long)available + permits;
            if (updated > maxPermits)
            {
                throw new IllegalStateException((bounded ? "semaphore released too many times" :
                    "semaphore permit count would overflow") + ": permits=" + available + ", released=" + permits +
                    ", maxPermits=" + maxPermits + ", semaphore=" + path());
            }
            int slot = -1;
            long owner = 0;
            int count = 0;
            if (tracked)
            {
                slot = findSlot(false);
                if (slot >= 0)
                {
                    count = Math.max(0, buffer.getInt(slotIndex(slot) + SLOT_COUNT_OFFSET) - permits);
                    owner = 0 == count ? 0 : token;
                }
            }
            commit((int)updated, slot, owner, count, buffer.getLong(reclaimedIndex));
        }
        finally
        {
            unlockMutex();
        }
        word.wake(permits);
    }

    /**
     * @return permits available now (a snapshot): Python's {@code get_value()}.
     */
    public int availablePermits()
    {
        ensureOpen();
        return buffer.getIntVolatile(permitsIndex);
    }

    /**
     * @return permits this process has acquired and not released, as tracked (0 when tracking is off).
     */
    public int heldPermits()
    {
        ensureOpen();
        if (!tracked)
        {
            return 0;
        }
        for (int slot = 0; slot < HOLDER_SLOTS; slot++)
        {
            final int index = slotIndex(slot);
            if (buffer.getLongVolatile(index + SLOT_OWNER_OFFSET) == token)
            {
                return buffer.getIntVolatile(index + SLOT_COUNT_OFFSET);
            }
        }
        return 0;
    }

    /**
     * @return permits returned to the semaphore from processes that died holding them, since it was created.
     */
    public long reclaimedPermits()
    {
        ensureOpen();
        return buffer.getLongVolatile(reclaimedIndex);
    }

    /**
     * Returns the permits of dead holders now, rather than waiting for a starved acquirer to do it.
     *
     * @return permits returned by this call.
     */
    public int reclaimDeadHolders()
    {
        ensureOpen();
        if (!tracked)
        {
            return 0;
        }
        int reclaimed = 0;
        for (int slot = 0; slot < HOLDER_SLOTS; slot++)
        {
            final int index = slotIndex(slot);
            final long owner = buffer.getLongVolatile(index + SLOT_OWNER_OFFSET);
            if (0 == owner || OwnerToken.isAlive(owner))
            {
                continue;
            }
            lockMutex();
            try
            {
                if (buffer.getLong(index + SLOT_OWNER_OFFSET) == owner)
                {
                    final int count = buffer.getInt(index + SLOT_COUNT_OFFSET);
                    final long updated = Math.min((long)buffer.getInt(permitsIndex) + count, maxPermits);
                    commit((int)updated, slot, 0, 0, buffer.getLong(reclaimedIndex) + count);
                    reclaimed += count;
                    LOGGER.warn("returned {} permits of dead holder {}: {}", count, OwnerToken.describe(owner), path());
                }
            }
            finally
            {
                unlockMutex();
            }
        }
        if (reclaimed > 0)
        {
            word.wake(reclaimed);
        }
        return reclaimed;
    }

    /**
     * @return true for a {@link BoundedSemaphore}'s region (releases beyond the initial permits throw).
     */
    public boolean isBounded()
    {
        return bounded;
    }

    /**
     * @return how permits of dead processes are handled.
     */
    public PermitTracking tracking()
    {
        return tracked ? PermitTracking.PER_PROCESS : PermitTracking.NONE;
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
        return getClass().getSimpleName() + "{name=" + name() +
            (isClosed() ? ", closed" : ", permits=" + buffer.getIntVolatile(permitsIndex)) + '}';
    }

    static void initialise(
        final org.agrona.concurrent.AtomicBuffer buffer,
        final int offset,
        final int permits,
        final boolean bounded,
        final PermitTracking tracking,
        final WaitStrategy strategy)
    {
        buffer.putInt(offset + SemaphoreDescriptor.JOURNAL_SLOT_OFFSET, -1);
        buffer.putInt(offset + PERMITS_OFFSET, permits);
        buffer.putInt(offset + MAX_PERMITS_OFFSET, bounded ? permits : Integer.MAX_VALUE);
        buffer.putInt(offset + FLAGS_OFFSET,
            (bounded ? FLAG_BOUNDED : 0) | (PermitTracking.PER_PROCESS == tracking ? FLAG_TRACKED : 0));
        WaitWord.initialise(buffer, offset + WAIT_WORD_OFFSET, strategy);
    }

    static void checkPermits(final int permits)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("permits must not be negative: permits=" + permits);
        }
    }

    private static void checkRequest(final int permits)
    {
        if (permits < 1)
        {
            throw new IllegalArgumentException("permits must be positive: permits=" + permits);
        }
    }

    private static Semaphore of(final MappedRegion region, final WaitStrategy strategy)
    {
        try
        {
            return new Semaphore(region, strategy);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    static void checkBounded(final MappedRegion region)
    {
        if (0 == (region.buffer().getInt(region.bodyOffset() + FLAGS_OFFSET) & FLAG_BOUNDED))
        {
            region.close();
            throw new KindMismatchException(region.path(), "bounded " + RegionKind.SEMAPHORE,
                "unbounded " + RegionKind.SEMAPHORE);
        }
    }

    private boolean tryAcquireNow(final int permits)
    {
        // Look before taking the mutex, so that waiters spinning on an empty semaphore only read.
        if (buffer.getIntVolatile(permitsIndex) < permits)
        {
            return false;
        }
        lockMutex();
        try
        {
            final int available = buffer.getInt(permitsIndex);
            if (available < permits)
            {
                return false;
            }
            int slot = -1;
            long owner = 0;
            int count = 0;
            if (tracked)
            {
                slot = findSlot(true);
                if (slot >= 0)
                {
                    owner = token;
                    count = buffer.getInt(slotIndex(slot) + SLOT_COUNT_OFFSET) + permits;
                }
                else if (!untrackedWarned)
                {
                    untrackedWarned = true;
                    LOGGER.warn("all {} holder slots in use: permits taken by pid {} are not tracked: {}",
                        HOLDER_SLOTS, OwnerToken.pid(token), path());
                }
            }
            commit(available - permits, slot, owner, count, buffer.getLong(reclaimedIndex));
            return true;
        }
        finally
        {
            unlockMutex();
        }
    }

    /**
     * Under the mutex: the slot this process holds, else (when {@code claim}) a free one, else -1.
     */
    private int findSlot(final boolean claim)
    {
        final int hint = slotHint;
        if (buffer.getLong(slotIndex(hint) + SLOT_OWNER_OFFSET) == token)
        {
            return hint;
        }
        int free = -1;
        for (int slot = 0; slot < HOLDER_SLOTS; slot++)
        {
            final long owner = buffer.getLong(slotIndex(slot) + SLOT_OWNER_OFFSET);
            if (owner == token)
            {
                slotHint = slot;
                return slot;
            }
            if (0 == owner && free < 0)
            {
                free = slot;
            }
        }
        if (claim && free >= 0)
        {
            slotHint = free;
            return free;
        }
        return -1;
    }

    private int slotIndex(final int slot)
    {
        return bodyIndex + SemaphoreDescriptor.slotOffset(slot);
    }

    /**
     * Under the mutex: journals and applies an update ({@link SemaphoreJournal}).
     */
    private void commit(final int permits, final int slot, final long slotOwner, final int slotCount, final long reclaimed)
    {
        SemaphoreJournal.commit(buffer, bodyIndex, permits, slot, slotOwner, slotCount, reclaimed);
    }

    private void lockMutex()
    {
        if (!buffer.compareAndSetLong(mutexIndex, 0, token))
        {
            SemaphoreMutex.lockContended(buffer, bodyIndex, token, path()); // cold: also takes over from the dead
        }
    }

    private void unlockMutex()
    {
        buffer.putLongRelease(mutexIndex, 0);
    }

    /**
     * @return the wait word its waiters sleep on; for tests.
     */
    WaitWord waitWord()
    {
        return word;
    }
}
