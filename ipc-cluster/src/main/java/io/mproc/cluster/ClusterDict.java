package io.mproc.cluster;

import org.apache.ignite.IgniteCache;

import javax.cache.Cache;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Base64;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * Python's {@code Manager().dict()} on a cluster: an Ignite cache of its own (FULL_SYNC, so that a {@code put}
 * that returned is on the backups too), keyed by the key's bytes in Base64 (equal keys, equal strings, whatever
 * their class's {@code equals}) and holding the value's bytes ({@link Payloads}). Every call is a round trip to
 * the key's primary node; iteration reads the cache as it goes, as a {@code ConcurrentHashMap}'s does.
 *
 * @param <K> type of the keys.
 * @param <V> type of the values.
 */
final class ClusterDict<K, V> extends AbstractMap<K, V> implements Serializable
{
    private static final long serialVersionUID = 1L;

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
                final Iterator<Cache.Entry<String, byte[]>> entries = cache.iterator();
                return new Iterator<>()
                {
                    private K last;

                    @Override
                    public boolean hasNext()
                    {
                        return entries.hasNext();
                    }

                    @Override
                    public Entry<K, V> next()
                    {
                        final Cache.Entry<String, byte[]> entry = entries.next();
                        last = payloads.decodeAs(Base64.getDecoder().decode(entry.getKey()));
                        return new SimpleImmutableEntry<>(last, payloads.decodeAs(entry.getValue()));
                    }

                    @Override
                    public void remove()
                    {
                        ClusterDict.this.remove(last);
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

    private String keyOf(final Object key)
    {
        return Base64.getEncoder().encodeToString(payloads.encode(key));
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.DICT, name, 0);
    }
}
