package io.mproc.sync;

import io.mproc.memory.KindMismatchException;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;
import io.mproc.memory.RegionKind;

import java.util.concurrent.TimeUnit;

import static io.mproc.sync.SemaphoreDescriptor.FLAGS_OFFSET;
import static io.mproc.sync.SemaphoreDescriptor.FLAG_BOUNDED;
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
 * <p>
 * This class holds the API and the waits; the permit count, the holder slots and the return of dead holders'
 * permits are in its package-private superclass.
 */
public sealed class Semaphore extends AbstractSemaphore implements SharedSemaphore permits BoundedSemaphore
{
    private static final long serialVersionUID = 1L;

    private final transient WaitWord word;
    private final transient WaitStrategy strategy;
    private final transient WaitCondition acquireOne = () -> tryAcquireNow(1);

    Semaphore(final MappedRegion region, final WaitStrategy strategy)
    {
        super(region);
        this.word = new WaitWord(buffer, region.bodyOffset() + WAIT_WORD_OFFSET);
        this.strategy = strategy;
    }

    /** Creates a new semaphore with holder tracking and the namespace's default wait strategy; fails if the name exists. */
    public static Semaphore create(final Namespace namespace, final String name, final int permits)
    {
        return open(namespace, name, OpenMode.CREATE, permits, PermitTracking.PER_PROCESS, SyncOptions.DEFAULTS);
    }

    /**
     * Creates a new semaphore; fails if the name exists. {@code tracking} says whether permits of a dead process come
     * back; the strategy also decides whether releasers wake sleepers ({@link WaitWord}).
     */
    public static Semaphore create(final Namespace namespace, final String name, final int permits,
        final PermitTracking tracking, final WaitStrategy strategy)
    {
        return open(namespace, name, OpenMode.CREATE, permits, tracking, SyncOptions.of(strategy));
    }

    /** Opens the semaphore of that name, creating it with holder tracking and {@code permits} if it does not exist. */
    public static Semaphore createOrOpen(final Namespace namespace, final String name, final int permits)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, permits, PermitTracking.PER_PROCESS,
            SyncOptions.DEFAULTS);
    }

    /** Opens the semaphore of that name, creating it if it does not exist; permits and tracking apply only then. */
    public static Semaphore createOrOpen(final Namespace namespace, final String name, final int permits,
        final PermitTracking tracking, final WaitStrategy strategy)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, permits, tracking, SyncOptions.of(strategy));
    }

    /** Opens an existing semaphore (bounded or not) with the namespace's default wait strategy. */
    public static Semaphore open(final Namespace namespace, final String name)
    {
        return open(namespace, name, OpenMode.OPEN, 0, PermitTracking.PER_PROCESS, SyncOptions.DEFAULTS);
    }

    /** As {@link #open(Namespace, String)}, waiting with {@code strategy}. */
    public static Semaphore open(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return open(namespace, name, OpenMode.OPEN, 0, PermitTracking.PER_PROCESS, SyncOptions.of(strategy));
    }

    /**
     * The one factory the others call: gets the semaphore's file as {@code mode} says.
     *
     * @param namespace of the semaphore.
     * @param name      of the semaphore.
     * @param mode      create, open (bounded or not) or create-or-open.
     * @param permits   available at first, 0 or more; used only if this call creates the semaphore.
     * @param tracking  whether permits of a dead process come back; used only if this call creates it.
     * @param options   how the handle waits.
     * @return the semaphore.
     */
    public static Semaphore open(final Namespace namespace, final String name, final OpenMode mode,
        final int permits, final PermitTracking tracking, final SyncOptions options)
    {
        return of(region(namespace, name, mode, permits, false, tracking, options), options.strategyIn(namespace));
    }

    /** The region of a semaphore, bounded or not, as {@code mode} says; shared with {@link BoundedSemaphore}. */
    static MappedRegion region(final Namespace namespace, final String name, final OpenMode mode, final int permits,
        final boolean bounded, final PermitTracking tracking, final SyncOptions options)
    {
        if (OpenMode.OPEN != mode)
        {
            checkPermits(permits);
        }
        final WaitStrategy strategy = options.strategyIn(namespace);
        return mode.region(namespace, name, SemaphoreDescriptor.SPEC, SemaphoreDescriptor.SPEC,
            (buffer, offset, length) -> initialise(buffer, offset, permits, bounded, tracking, strategy));
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
        releaseNow(permits);
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
        return heldNow();
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
        final int reclaimed = reclaimDeadNow();
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

    /**
     * @return the wait word its waiters sleep on; for tests.
     */
    WaitWord waitWord()
    {
        return word;
    }
}
