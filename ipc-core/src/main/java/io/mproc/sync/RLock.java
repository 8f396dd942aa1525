package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;

/**
 * A reentrant, robust lock shared between processes by name: Python's {@code multiprocessing.RLock}. The owning
 * thread may take it again; each {@link #lock()} needs its {@link #unlock()}. When the owning process dies, every
 * hold it had goes with it: the recovering thread gets the lock with a hold count of 1 and {@link #ownerDied()}
 * true; see {@link SharedLock}. Thread-safe and process-safe.
 */
public final class RLock extends SharedLock
{
    private static final long serialVersionUID = 1L;
    private static final RegionSpec SPEC = LockDescriptor.spec(RegionKind.RLOCK);

    RLock(final MappedRegion region, final int lockIndex, final boolean view, final WaitStrategy strategy)
    {
        super(region, lockIndex, view, true, strategy);
    }

    /** Creates a new lock, free, with the namespace's default wait strategy; fails if the name exists. */
    public static RLock create(final Namespace namespace, final String name)
    {
        return open(namespace, name, OpenMode.CREATE, SyncOptions.DEFAULTS);
    }

    /**
     * Creates a new lock, free; fails if the name exists. The strategy also decides whether releasers wake
     * sleepers ({@link WaitWord}).
     */
    public static RLock create(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return open(namespace, name, OpenMode.CREATE, SyncOptions.of(strategy));
    }

    /** Opens the lock of that name, creating it free if it does not exist. */
    public static RLock createOrOpen(final Namespace namespace, final String name)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, SyncOptions.DEFAULTS);
    }

    /** As {@link #createOrOpen(Namespace, String)}, waiting with {@code strategy}. */
    public static RLock createOrOpen(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, SyncOptions.of(strategy));
    }

    /** Opens an existing lock with the namespace's default wait strategy. */
    public static RLock open(final Namespace namespace, final String name)
    {
        return open(namespace, name, OpenMode.OPEN, SyncOptions.DEFAULTS);
    }

    /** As {@link #open(Namespace, String)}, waiting with {@code strategy}. */
    public static RLock open(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return open(namespace, name, OpenMode.OPEN, SyncOptions.of(strategy));
    }

    /**
     * The one factory the others call: gets the lock's file as {@code mode} says.
     *
     * @param namespace of the lock.
     * @param name      of the lock.
     * @param mode      create, open or create-or-open.
     * @param options   how the handle waits.
     * @return the lock.
     */
    public static RLock open(final Namespace namespace, final String name, final OpenMode mode, final SyncOptions options)
    {
        final WaitStrategy strategy = options.strategyIn(namespace);
        return of(mode.region(namespace, name, SPEC, SPEC, (buffer, offset, length) -> LockCore.initialise(buffer, offset, strategy)), strategy);
    }

    /**
     * A view of a lock area embedded in another object's region (a {@link LockDescriptor#LENGTH}-byte area, all
     * zeros when new), such as a shared value's lock. The view shares the region: closing or unlinking it closes or
     * unlinks the other object.
     *
     * @param region    holding the lock area.
     * @param lockIndex index of the lock area in the region's buffer; 8-byte aligned.
     * @param strategy  how this handle waits.
     * @return the lock.
     */
    public static RLock wrap(final MappedRegion region, final int lockIndex, final WaitStrategy strategy)
    {
        return new RLock(region, lockIndex, true, strategy);
    }

    /**
     * @return how many holds the calling thread has (0 when it does not hold the lock).
     */
    public int getHoldCount()
    {
        ensureOpen();
        return core.holdCount();
    }

    private static RLock of(final MappedRegion region, final WaitStrategy strategy)
    {
        try
        {
            return new RLock(region, region.bodyOffset(), false, strategy);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }
}
