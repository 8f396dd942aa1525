package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;

/**
 * A {@link Semaphore} whose permits can never exceed their initial number: Python's
 * {@code multiprocessing.BoundedSemaphore}. A release that would exceed it throws {@link IllegalStateException}
 * (Python's {@code ValueError}), in every process, whichever handle type it uses. Thread-safe and process-safe.
 */
public final class BoundedSemaphore extends Semaphore
{
    private static final long serialVersionUID = 1L;

    private BoundedSemaphore(final MappedRegion region, final WaitStrategy strategy)
    {
        super(region, strategy);
    }

    /** Creates a new bounded semaphore with holder tracking and the namespace's default wait strategy. */
    public static BoundedSemaphore create(final Namespace namespace, final String name, final int permits)
    {
        return open(namespace, name, OpenMode.CREATE, permits, SyncOptions.DEFAULTS);
    }

    /** Creates a new bounded semaphore with holder tracking; the strategy also decides whether releasers wake sleepers. */
    public static BoundedSemaphore create(
        final Namespace namespace, final String name, final int permits, final WaitStrategy strategy)
    {
        return open(namespace, name, OpenMode.CREATE, permits, SyncOptions.of(strategy));
    }

    /** Opens the bounded semaphore of that name, creating it with {@code permits} if it does not exist. */
    public static BoundedSemaphore createOrOpen(final Namespace namespace, final String name, final int permits)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, permits, SyncOptions.DEFAULTS);
    }

    /** As {@link #createOrOpen(Namespace, String, int)}, waiting with {@code strategy}. */
    public static BoundedSemaphore createOrOpen(
        final Namespace namespace, final String name, final int permits, final WaitStrategy strategy)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, permits, SyncOptions.of(strategy));
    }

    /**
     * Opens an existing bounded semaphore with the namespace's default wait strategy.
     *
     * @throws io.mproc.memory.KindMismatchException when the semaphore of that name is not bounded.
     */
    public static BoundedSemaphore open(final Namespace namespace, final String name)
    {
        return open(namespace, name, OpenMode.OPEN, 0, SyncOptions.DEFAULTS);
    }

    /** As {@link #open(Namespace, String)}, waiting with {@code strategy}. */
    public static BoundedSemaphore open(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return open(namespace, name, OpenMode.OPEN, 0, SyncOptions.of(strategy));
    }

    /**
     * The one factory the others call: gets the semaphore's file as {@code mode} says (as
     * {@link Semaphore#open(Namespace, String, OpenMode, int, PermitTracking, SyncOptions)}, bounded, with holder
     * tracking).
     *
     * @param namespace of the semaphore.
     * @param name      of the semaphore.
     * @param mode      create, open or create-or-open.
     * @param permits   available at first and the most there can ever be; used only if this call creates it.
     * @param options   how the handle waits.
     * @return the semaphore.
     * @throws io.mproc.memory.KindMismatchException when the semaphore of that name is not bounded.
     */
    public static BoundedSemaphore open(final Namespace namespace, final String name, final OpenMode mode,
        final int permits, final SyncOptions options)
    {
        return of(region(namespace, name, mode, permits, true, PermitTracking.PER_PROCESS, options),
            options.strategyIn(namespace));
    }

    private static BoundedSemaphore of(final MappedRegion region, final WaitStrategy strategy)
    {
        checkBounded(region);
        try
        {
            return new BoundedSemaphore(region, strategy);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }
}
