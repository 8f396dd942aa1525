package io.mproc.cluster;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The state of one cluster semaphore or lock: the value of its entry in the permit cache ({@link ClusterPermits}).
 * Immutable; every change is a new value written by an entry processor under the entry's lock.
 * <pre>
 *   available   int                    permits free now (never negative)
 *   holders     node id -> Holding     per Ignite node: the permits its processes took and have not given back,
 *                                      and the topology version its node saw when it last took one
 * </pre>
 * The holders are what makes the semaphore failover-safe: when a node leaves the cluster (its process killed), a
 * waiter adds that node's permits back ({@link #withoutHolders}). A node's topology version at its last take guards
 * against the waiter's own view of the cluster lagging behind: a holder only counts as gone for a waiter that has
 * seen at least that version and still does not see the node. Holds only JDK and ipc-cluster classes, which every
 * node has on its class path (peer class loading is off).
 */
final class PermitCount implements Serializable
{
    private static final long serialVersionUID = 1L;

    /** The permits one node holds. */
    static final class Holding implements Serializable
    {
        private static final long serialVersionUID = 1L;

        private final int count;
        private final long topologyVersion;

        Holding(final int count, final long topologyVersion)
        {
            this.count = count;
            this.topologyVersion = topologyVersion;
        }

        int count()
        {
            return count;
        }

        /** @return the topology version the holder's node saw when it last took a permit (it includes its join). */
        long topologyVersion()
        {
            return topologyVersion;
        }

        @Override
        public String toString()
        {
            return count + "@v" + topologyVersion;
        }
    }

    private final int available;
    private final HashMap<UUID, Holding> holders;

    private PermitCount(final int available, final HashMap<UUID, Holding> holders)
    {
        this.available = available;
        this.holders = holders;
    }

    /** @return a new semaphore's state: {@code permits} available, no holder. */
    static PermitCount of(final int permits)
    {
        return new PermitCount(permits, new HashMap<>());
    }

    int available()
    {
        return available;
    }

    /** @return the nodes holding permits, with their holdings. */
    Map<UUID, Holding> holders()
    {
        return holders;
    }

    /**
     * @param node            the taker's node.
     * @param topologyVersion the topology version the taker's node sees.
     * @param count           permits to take; at most {@link #available()}.
     * @return the state once {@code node} took {@code count} permits.
     */
    PermitCount taken(final UUID node, final long topologyVersion, final int count)
    {
        final HashMap<UUID, Holding> changed = new HashMap<>(holders);
        final Holding held = holders.get(node);
        changed.put(node, null == held ? new Holding(count, topologyVersion) :
            new Holding(held.count + count, Math.max(held.topologyVersion, topologyVersion)));
        return new PermitCount(available - count, changed);
    }

    /**
     * As the shared-memory semaphore: a release adds its permits whoever releases, and takes them off the releaser's
     * node's holding as far as it goes (a node may release permits another took).
     *
     * @param node  the giver's node.
     * @param count permits to give back; {@code available + count} must fit an int.
     * @return the state once {@code node} gave back {@code count} permits.
     */
    PermitCount given(final UUID node, final int count)
    {
        final Holding held = holders.get(node);
        if (null == held)
        {
            return new PermitCount(available + count, holders);
        }
        final HashMap<UUID, Holding> changed = new HashMap<>(holders);
        if (held.count <= count)
        {
            changed.remove(node);
        }
        else
        {
            changed.put(node, new Holding(held.count - count, held.topologyVersion));
        }
        return new PermitCount(available + count, changed);
    }

    /**
     * @param gone nodes that left the cluster.
     * @return the state with the permits those nodes held available again (capped at {@link Integer#MAX_VALUE}).
     */
    PermitCount withoutHolders(final Collection<UUID> gone)
    {
        final HashMap<UUID, Holding> changed = new HashMap<>(holders);
        long freed = available;
        for (final UUID node : gone)
        {
            final Holding held = changed.remove(node);
            freed += null == held ? 0 : held.count;
        }
        return new PermitCount((int)Math.min(Integer.MAX_VALUE, freed), changed);
    }

    /** @return the permits {@code nodes} hold together. */
    int heldBy(final List<UUID> nodes)
    {
        return nodes.stream().map(holders::get).mapToInt((held) -> null == held ? 0 : held.count).sum();
    }

    @Override
    public String toString()
    {
        return "PermitCount{available=" + available + ", holders=" + holders.entrySet().stream()
            .map((entry) -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ", "{", "}")) + '}';
    }
}
