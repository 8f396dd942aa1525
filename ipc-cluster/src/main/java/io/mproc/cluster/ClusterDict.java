package io.mproc.cluster;

import org.apache.ignite.IgniteCache;

import org.apache.ignite.cluster.ClusterTopologyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.cache.Cache;
import javax.cache.CacheException;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Python's {@code Manager().dict()} on a cluster: an Ignite cache of its own (FULL_SYNC, so that a {@code put}
 * that returned is on the backups too), keyed by the key's bytes in Base64 (equal keys, equal strings, whatever
 * their class's {@code equals}) and holding the value's bytes ({@link Payloads}). Every call is a round trip to
 * the key's primary node; iteration walks a copy of the entries, read in one scan.
 *
 * @param <K> type of the keys.
 * @param <V> type of the values.
 */
final class ClusterDict<K, V> extends AbstractMap<K, V> implements Serializable
{
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterDict.class);
    /**
     * How long a scan is started again while it meets a node leaving: until the survivors have dropped it, which
     * takes up to the failure detection timeout.
     */
    private static final long SCAN_RETRY_NS = 3 * NodeConfiguration.FAILURE_DETECTION_TIMEOUT.toNanos();
    private static final long SCAN_RETRY_PAUSE_MS = 100;

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient IgniteCache<String, byte[]> cache;
    private final transient Payloads payloads;

    ClusterDict(final ClusterUri uri, final String name, final IgniteCache<String, byte[]> cache)
    {
        this.uri = uri;
        this.name = name;
        this.cache = cache;
        this.payloads = new Payloads("cluster dict '" + name + "'");
    }

    @Override
    public V get(final Object key)
    {
        return payloads.decodeAs(cache.get(keyOf(key)));
    }

    @Override
    public V put(final K key, final V value)
    {
        Objects.requireNonNull(value, "a cluster dict holds no null values: key=" + key);
        return payloads.decodeAs(cache.getAndPut(keyOf(key), payloads.encode(value)));
    }

    @Override
    public V remove(final Object key)
    {
        return payloads.decodeAs(cache.getAndRemove(keyOf(key)));
    }

    @Override
    public boolean containsKey(final Object key)
    {
        return cache.containsKey(keyOf(key));
    }

    @Override
    public V putIfAbsent(final K key, final V value)
    {
        Objects.requireNonNull(value, "a cluster dict holds no null values: key=" + key);
        return payloads.decodeAs(cache.getAndPutIfAbsent(keyOf(key), payloads.encode(value)));
    }

    @Override
    public int size()
    {
        return cache.size();
    }

    @Override
    public void clear()
    {
        cache.clear();
    }

    @Override
    public Set<Entry<K, V>> entrySet()
    {
        return new AbstractSet<>()
        {
            @Override
            public Iterator<Entry<K, V>> iterator()
            {
                final Iterator<Entry<K, V>> entries = snapshot().iterator();
                return new Iterator<>()
                {
                    private Entry<K, V> last;

                    @Override
                    public boolean hasNext()
                    {
                        return entries.hasNext();
                    }

                    @Override
                    public Entry<K, V> next()
                    {
                        last = entries.next();
                        return last;
                    }

                    @Override
                    public void remove()
                    {
                        ClusterDict.this.remove(last.getKey());
                    }
                };
            }

            @Override
            public int size()
            {
                return cache.size();
            }
        };
    }

    /**
     * Every entry, read in one scan of the cache (as Python's {@code items()} on a Manager dict returns a copy). A
     * scan that meets a node leaving the cluster fails with a topology exception (measured: every scan started
     * in the seconds after a node was killed, until the survivors drop it); the data is still on the backups, so
     * the scan is started again, a tenth of a second apart, until the topology has settled.
     */
    private List<Entry<K, V>> snapshot()
    {
        final long deadline = System.nanoTime() + SCAN_RETRY_NS;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                final List<Entry<K, V>> entries = new ArrayList<>();
                for (final Cache.Entry<String, byte[]> entry : cache)
                {
                    final K key = payloads.decodeAs(Base64.getDecoder().decode(entry.getKey()));
                    entries.add(new SimpleImmutableEntry<>(key, payloads.decodeAs(entry.getValue())));
                }
                return entries;
            }
            catch (final CacheException ex)
            {
                if (!(ex.getCause() instanceof ClusterTopologyException) || System.nanoTime() - deadline > 0)
                {
                    throw ex;
                }
                LOG.debug("scan of dict '{}' met a node leaving, scanning again (attempt {})", name, attempt, ex);
                pauseBeforeRescan();
            }
        }
    }

    private static void pauseBeforeRescan()
    {
        try
        {
            Thread.sleep(SCAN_RETRY_PAUSE_MS); // a cold path: a node just died; give the survivors time to drop it
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a dict scan waited for a node to be dropped", ex);
        }
    }

    private String keyOf(final Object key)
    {
        return Base64.getEncoder().encodeToString(payloads.encode(key));
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.DICT, name, 0);
    }
}
