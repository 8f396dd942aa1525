package io.mproc.sync;

import io.mproc.memory.Namespace;

import java.util.Objects;

/**
 * The options every waiting shared object (lock, event, semaphore, condition, barrier, queue, pipe) is made or
 * opened with, in one place: each type's factories pass one of these to its one opener, so a new option is added
 * here and read where the object is built, not in every type's overloads. Immutable.
 */
public final class SyncOptions
{
    /** Every option at its default: the namespace's default wait strategy. */
    public static final SyncOptions DEFAULTS = new SyncOptions(null);

    private final WaitStrategy waitStrategy;

    private SyncOptions(final WaitStrategy waitStrategy)
    {
        this.waitStrategy = waitStrategy;
    }

    /**
     * @param waitStrategy how the handle waits; null for the namespace's default.
     * @return options with that strategy.
     */
    public static SyncOptions of(final WaitStrategy waitStrategy)
    {
        return null == waitStrategy ? DEFAULTS : new SyncOptions(waitStrategy);
    }

    /**
     * @param waitStrategy how the handle waits; null for the namespace's default.
     * @return a copy with that strategy.
     */
    public SyncOptions waitStrategy(final WaitStrategy waitStrategy)
    {
        return of(waitStrategy);
    }

    /**
     * @return the wait strategy given, or null for the namespace's default.
     */
    public WaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @param namespace the object lives in.
     * @return the strategy a handle in that namespace waits with: the one given, else the namespace's default.
     */
    public WaitStrategy strategyIn(final Namespace namespace)
    {
        return null == waitStrategy ? WaitStrategies.defaultFor(Objects.requireNonNull(namespace, "namespace")) :
            waitStrategy;
    }

    @Override
    public String toString()
    {
        return "SyncOptions{waitStrategy=" + (null == waitStrategy ? "namespace default" : waitStrategy) + '}';
    }
}
