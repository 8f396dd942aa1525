package io.mproc.pool;

/**
 * How {@link ProcessPool#map(SerializableFunction, Iterable, MapOptions)} and
 * {@link ProcessPool#mapAsync(SerializableFunction, Iterable, MapOptions)} run: the chunk size, a progress listener,
 * and what a task that throws does to the map. Immutable: each setter returns a new copy.
 * <pre>
 * pool.map(fn, items, MapOptions.defaults().chunksize(100).failFast(true));
 * </pre>
 * <b>A task that throws.</b> By default (as Python's {@code Pool.map}) the map waits until every other task has
 * settled, and then fails with the first failure to arrive: all the map's tasks have run when it throws, whatever
 * their side effects. With {@link #failFast(boolean) failFast(true)} the map fails as soon as a task fails: the tasks
 * of the map not yet sent to a worker are dropped, the results of those already sent are ignored as they arrive, and
 * the pool stays usable.
 */
public final class MapOptions
{
    private static final MapOptions DEFAULTS = new MapOptions(0, null, false);

    private final int chunksize;
    private final ProgressListener progress;
    private final boolean failFast;

    private MapOptions(final int chunksize, final ProgressListener progress, final boolean failFast)
    {
        this.chunksize = chunksize;
        this.progress = progress;
        this.failFast = failFast;
    }

    /**
     * @return Python's defaults: automatic chunk size, no progress listener, a failure reported after the others
     * settle.
     */
    public static MapOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param chunksize items per chunk; 0 for Python's automatic one (four chunks per worker).
     * @return a copy with that chunk size.
     * @throws IllegalArgumentException when negative.
     */
    public MapOptions chunksize(final int chunksize)
    {
        if (chunksize < 0)
        {
            throw new IllegalArgumentException("chunksize must be >= 0 (0 for automatic): chunksize=" + chunksize);
        }
        return new MapOptions(chunksize, progress, failFast);
    }

    /**
     * @param progress told as items complete (on the pool's collector thread), or null for none.
     * @return a copy with that listener.
     */
    public MapOptions progress(final ProgressListener progress)
    {
        return new MapOptions(chunksize, progress, failFast);
    }

    /**
     * @param failFast true to fail the map as soon as one task fails, dropping the rest; false (the default, as
     *                 Python) to wait for every other task to settle first.
     * @return a copy with that choice.
     */
    public MapOptions failFast(final boolean failFast)
    {
        return new MapOptions(chunksize, progress, failFast);
    }

    /**
     * @return items per chunk; 0 for automatic.
     */
    public int chunksize()
    {
        return chunksize;
    }

    /**
     * @return the progress listener, or null.
     */
    public ProgressListener progress()
    {
        return progress;
    }

    /**
     * @return whether the map fails as soon as one task fails.
     */
    public boolean failFast()
    {
        return failFast;
    }

    public String toString()
    {
        return "MapOptions{chunksize=" + chunksize + ", progress=" + progress + ", failFast=" + failFast + '}';
    }
}
