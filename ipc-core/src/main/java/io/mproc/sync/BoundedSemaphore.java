package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;

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

    /**
     * Creates a new bounded semaphore with holder tracking and the namespace's default wait strategy; fails if the
     * name exists.
     *
     * @param namespace to create it in.
     * @param name      of the semaphore.
     * @param permits   available at first, and the most there can ever be.
     * @return the semaphore.
     */
    public static BoundedSemaphore create(final Namespace namespace, final String name, final int permits)
    {
        return create(namespace, name, permits, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Creates a new bounded semaphore with holder tracking; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the semaphore.
     * @param permits   available at first, and the most there can ever be.
     * @param strategy  how this handle waits; it also decides whether releasers wake sleepers ({@link WaitWord}).
     * @return the semaphore.
     */
    public static BoundedSemaphore create(
        final Namespace namespace, final String name, final int permits, final WaitStrategy strategy)
    {
        checkPermits(permits);
        return of(namespace.create(name, SemaphoreDescriptor.SPEC, (buffer, offset, length) ->
            initialise(buffer, offset, permits, true, PermitTracking.PER_PROCESS, strategy)), strategy);
    }

    /**
     * Opens the bounded semaphore of that name, creating it if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the semaphore.
     * @param permits   used only if this call creates it.
     * @return the semaphore.
     */
    public static BoundedSemaphore createOrOpen(final Namespace namespace, final String name, final int permits)
    {
        return createOrOpen(namespace, name, permits, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens the bounded semaphore of that name, creating it if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the semaphore.
     * @param permits   used only if this call creates it.
     * @param strategy  how this handle waits.
     * @return the semaphore.
     */
    public static BoundedSemaphore createOrOpen(
        final Namespace namespace, final String name, final int permits, final WaitStrategy strategy)
    {
        checkPermits(permits);
        return of(namespace.createOrOpen(name, SemaphoreDescriptor.SPEC, (buffer, offset, length) ->
            initialise(buffer, offset, permits, true, PermitTracking.PER_PROCESS, strategy)), strategy);
    }

    /**
     * Opens an existing bounded semaphore with the namespace's default wait strategy.
     *
     * @param namespace to open it in.
     * @param name      of the semaphore.
     * @return the semaphore.
     * @throws io.mproc.memory.KindMismatchException when the semaphore of that name is not bounded.
     */
    public static BoundedSemaphore open(final Namespace namespace, final String name)
    {
        return open(namespace, name, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens an existing bounded semaphore.
     *
     * @param namespace to open it in.
     * @param name      of the semaphore.
     * @param strategy  how this handle waits.
     * @return the semaphore.
     * @throws io.mproc.memory.KindMismatchException when the semaphore of that name is not bounded.
     */
    public static BoundedSemaphore open(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return of(namespace.open(name, SemaphoreDescriptor.SPEC), strategy);
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
