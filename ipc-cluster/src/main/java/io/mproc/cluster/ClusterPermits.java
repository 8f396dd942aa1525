package io.mproc.cluster;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteCluster;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.internal.cluster.ClusterTopologyCheckedException;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.transactions.TransactionRollbackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.cache.processor.MutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The permits of one cluster semaphore or lock, kept in one entry of a TRANSACTIONAL, FULL_SYNC cache per application
 * ({@code app/permits}, key: the object's Ignite name, value: a {@link PermitCount}). Every change is an entry
 * processor ({@link Take}, {@link Give}, {@link Reclaim}) that reads and writes the entry in one implicit transaction
 * on the entry's primary copy; a waiter rereads the entry itself between attempts ({@link Polling}).
 * <p>
 * <b>Why not Ignite's {@code IgniteSemaphore}.</b> Its acquires decide from a node-local copy of the permit count
 * that each node updates from cache update notifications, and that copy was seen to stay stale: a client JVM in
 * {@code acquire(3)} was never served after {@code release(2)} and {@code release()} from another JVM, even though it
 * retried in 100 ms slices for 90 s ({@code SemaphoreContract.acquireOfSeveralPermitsWaitsForAllOfThem}: 1 run in 10
 * here, 1 in 3 elsewhere; {@code ClusterSemaphoreTest}'s 40 rounds: stuck at round 38). Most likely a release that
 * lands while the waiter's node is still setting up its copy is never seen there; no retry can mend that, since
 * every retry reads the same stale copy. Here no wait depends on any node telling another about a change: each
 * attempt reads the shared entry (from its primary copy) and takes the permits under the entry's lock, as the
 * cluster's events and barriers poll their atomic.
 * <p>
 * <b>Failover safety.</b> The entry records, per node, the permits its processes hold. A caller that finds too few
 * permits (a cold path: a failed attempt) looks for holders that left the cluster and gives their permits back
 * ({@link Reclaim}, logged as a warning); so a process killed while holding permits or a lock frees them within the
 * failure detection timeout of its death. The entry has {@code uri.backups()} backup copies, so a server node's death
 * loses nothing. An operation that meets a topology change before it committed is retried; one that is interrupted
 * while in flight is waited for, so that no permit is ever taken without the caller knowing.
 */
final class ClusterPermits
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPermits.class);
    /** How long an operation is retried while the cluster's topology changes under it (a node dying, rebalancing). */
    private static final long TOPOLOGY_RETRY_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long TOPOLOGY_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Ignite ignite;
    private final IgniteCache<String, PermitCount> cache;
    private final String key;
    private final String what;

    private ClusterPermits(final Ignite ignite, final IgniteCache<String, PermitCount> cache, final String key,
        final String what)
    {
        this.ignite = ignite;
        this.cache = cache;
        this.key = key;
        this.what = what;
    }

    /**
     * @param cacheName the permit cache of the application.
     * @param backups   copies of each entry on other nodes.
     * @return the configuration of the permit cache.
     */
    static CacheConfiguration<String, PermitCount> cacheConfiguration(final String cacheName, final int backups)
    {
        return new CacheConfiguration<String, PermitCount>(cacheName)
            .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)
            .setCacheMode(CacheMode.PARTITIONED)
            .setBackups(backups)
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setReadFromBackup(false); // every read sees the primary's copy, the one the processors change
    }

    /**
     * Opens the permits of an object, creating them with {@code permits} available if they do not exist.
     *
     * @param ignite  this JVM's node.
     * @param cache   the application's permit cache.
     * @param key     the object's Ignite name.
     * @param permits available on creation.
     * @param what    the object, for messages ("semaphore 'name'").
     * @return the object's permits.
     */
    static ClusterPermits open(final Ignite ignite, final IgniteCache<String, PermitCount> cache, final String key,
        final int permits, final String what)
    {
        final ClusterPermits opened = new ClusterPermits(ignite, cache, key, what);
        opened.call(() -> cache.putIfAbsentAsync(key, PermitCount.of(permits)));
        return opened;
    }

    /**
     * One attempt, no wait: takes {@code count} permits if that many are available, after giving back those of
     * holders that left the cluster when too few are.
     *
     * @return true when taken.
     */
    boolean tryTake(final int count)
    {
        final PermitCount state = read();
        if (state.available() < count && reclaimDeadHolders(state) + state.available() < count)
        {
            return false;
        }
        return take(count);
    }

    /**
     * Takes {@code count} permits, waiting for them (rereading the entry, backing off up to
     * {@link Polling#MAX_PAUSE_MS} ms between attempts).
     *
     * @param timed    false to wait as long as it takes.
     * @param deadline {@link System#nanoTime()} by which to give up, when timed.
     * @return true when taken, false on timeout.
     * @throws InterruptedException when interrupted before or while waiting (no permit is then taken).
     */
    boolean take(final int count, final boolean timed, final long deadline) throws InterruptedException
    {
        Interrupts.throwIfInterrupted();
        return Polling.await(() -> tryTake(count), timed, deadline);
    }

    /** Takes {@code count} permits, waiting as long as it takes; an interrupt is kept for after. */
    void takeUninterruptibly(final int count)
    {
        boolean interrupted = Thread.interrupted();
        try
        {
            while (true)
            {
                try
                {
                    Polling.await(() -> tryTake(count), false, 0);
                    return;
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Gives {@code count} permits back, whoever took them.
     *
     * @throws IllegalStateException when the count of available permits would overflow an int.
     */
    void give(final int count)
    {
        final int before = call(() -> cache.invokeAsync(key, new Give(localNode(), count)));
        if ((long)before + count > Integer.MAX_VALUE)
        {
            throw new IllegalStateException("permit count would overflow: " + what + " has " + before +
                " available, released=" + count);
        }
    }

    /** @return the permits available now (a snapshot), once holders that left the cluster gave theirs back. */
    int available()
    {
        final PermitCount state = read();
        return reclaimDeadHolders(state) + state.available();
    }

    private boolean take(final int count)
    {
        return call(() -> cache.invokeAsync(key, new Take(localNode(), ignite.cluster().topologyVersion(), count)));
    }

    private PermitCount read()
    {
        return call(() -> cache.getAsync(key));
    }

    /** @return the permits given back (0 when no holder left the cluster: the usual case, with no network call). */
    private int reclaimDeadHolders(final PermitCount state)
    {
        final List<UUID> dead = deadHolders(state);
        if (dead.isEmpty())
        {
            return 0;
        }
        final int reclaimed = call(() -> cache.invokeAsync(key, new Reclaim(dead)));
        if (reclaimed > 0)
        {
            LOG.warn("{}: {} permit(s) of node(s) {} that left the cluster are available again", what, reclaimed,
                dead);
        }
        return reclaimed;
    }

    private List<UUID> deadHolders(final PermitCount state)
    {
        final IgniteCluster cluster = ignite.cluster();
        final long seen = cluster.topologyVersion(); // before the look-ups: they see this version or a later one
        final List<UUID> dead = new ArrayList<>(0);
        for (final Map.Entry<UUID, PermitCount.Holding> holder : state.holders().entrySet())
        {
            if (holder.getValue().topologyVersion() <= seen && null == cluster.node(holder.getKey()))
            {
                dead.add(holder.getKey());
            }
        }
        return dead;
    }

    private UUID localNode()
    {
        return ignite.cluster().localNode().id();
    }

    /**
     * Runs one cache operation to its end: an interrupt while it is in flight does not abandon it (it might commit
     * unseen) but is kept for the caller's wait loop; a topology change before it committed retries it.
     *
     * @throws IllegalStateException when the entry is gone (every copy of it died with its nodes).
     */
    private <T> T call(final Supplier<IgniteFuture<T>> operation)
    {
        boolean interrupted = Thread.interrupted();
        final long giveUp = System.nanoTime() + TOPOLOGY_RETRY_NS;
        try
        {
            while (true)
            {
                try
                {
                    final T result = await(operation.get());
                    if (null == result)
                    {
                        throw new IllegalStateException(what + " is gone from the cluster: every node holding a " +
                            "copy of it died (raise backups= in the cluster URI); open it again to recreate it");
                    }
                    return result;
                }
                catch (final RuntimeException ex)
                {
                    if (!topologyChanged(ex) || System.nanoTime() - giveUp > 0)
                    {
                        throw ex;
                    }
                    LOG.debug("{}: retrying an operation the cluster's topology changed under", what, ex);
                    LockSupport.parkNanos(TOPOLOGY_PAUSE_NS);
                }
            }
        }
        finally
        {
            if (interrupted || Thread.interrupted())
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for a future, uninterruptibly; the caller restores the interrupt. */
    private static <T> T await(final IgniteFuture<T> future)
    {
        while (true)
        {
            try
            {
                return future.get();
            }
            catch (final IgniteInterruptedException ex)
            {
                Thread.interrupted(); // Ignite sets it again; the caller's finally restores it
            }
        }
    }

    private static boolean topologyChanged(final Throwable ex)
    {
        for (Throwable cause = ex; null != cause; cause = cause.getCause())
        {
            if (cause instanceof ClusterTopologyException || cause instanceof ClusterTopologyCheckedException ||
                cause instanceof TransactionRollbackException)
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString()
    {
        return what + ": " + read();
    }

    /** Takes permits if that many are available. Result: true when taken, null when the entry is gone. */
    static final class Take implements CacheEntryProcessor<String, PermitCount, Boolean>
    {
        private static final long serialVersionUID = 1L;

        private final UUID node;
        private final long topologyVersion;
        private final int count;

        Take(final UUID node, final long topologyVersion, final int count)
        {
            this.node = node;
            this.topologyVersion = topologyVersion;
            this.count = count;
        }

        @Override
        public Boolean process(final MutableEntry<String, PermitCount> entry, final Object... arguments)
        {
            final PermitCount state = entry.getValue();
            if (null == state)
            {
                return null;
            }
            if (state.available() < count)
            {
                return false;
            }
            entry.setValue(state.taken(node, topologyVersion, count));
            return true;
        }
    }

    /** Gives permits back unless the count would overflow. Result: the permits available before, null: gone. */
    static final class Give implements CacheEntryProcessor<String, PermitCount, Integer>
    {
        private static final long serialVersionUID = 1L;

        private final UUID node;
        private final int count;

        Give(final UUID node, final int count)
        {
            this.node = node;
            this.count = count;
        }

        @Override
        public Integer process(final MutableEntry<String, PermitCount> entry, final Object... arguments)
        {
            final PermitCount state = entry.getValue();
            if (null == state)
            {
                return null;
            }
            if ((long)state.available() + count <= Integer.MAX_VALUE)
            {
                entry.setValue(state.given(node, count));
            }
            return state.available();
        }
    }

    /** Gives back the permits of nodes that left the cluster. Result: the permits given back, null: gone. */
    static final class Reclaim implements CacheEntryProcessor<String, PermitCount, Integer>
    {
        private static final long serialVersionUID = 1L;

        private final ArrayList<UUID> gone;

        Reclaim(final List<UUID> gone)
        {
            this.gone = new ArrayList<>(gone);
        }

        @Override
        public Integer process(final MutableEntry<String, PermitCount> entry, final Object... arguments)
        {
            final PermitCount state = entry.getValue();
            if (null == state)
            {
                return null;
            }
            final int held = state.heldBy(gone);
            if (held > 0)
            {
                entry.setValue(state.withoutHolders(gone));
            }
            return held;
        }
    }
}
