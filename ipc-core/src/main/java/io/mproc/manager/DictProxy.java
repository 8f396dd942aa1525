package io.mproc.manager;

import io.mproc.memory.Namespace;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.mproc.manager.ManagerProtocol.Ops.*;

/**
 * A {@link Map} held by a manager's server (Python's {@code DictProxy}): an insertion-ordered hash map, shared by
 * every process that has the proxy. Each operation is one request that the server runs in one step, so
 * {@link #merge}, {@link #compute}, {@link #putIfAbsent} and the rest are atomic across processes; their functions
 * run in the server and must be serialisable (the overloads taking {@link SerializableBiFunction} make a lambda so).
 * {@link #keySet()}, {@link #values()}, {@link #entrySet()} and iteration read a consistent snapshot, taken in one
 * step: they are unmodifiable copies, not views. A value that is itself a proxy (a list made by the manager) is
 * stored by reference, so {@code dict.get("k").add(x)} changes the list every process sees; a plain collection is
 * stored by value, as a copy.
 *
 * @param <K> key type.
 * @param <V> value type.
 */
public final class DictProxy<K, V> extends ManagedProxy implements Map<K, V>
{
    private static final long serialVersionUID = 1L;

    DictProxy(final Invoker invoker, final long id)
    {
        super(invoker, id);
    }

    /**
     * Opens the proxy a reference names: how a proxy arrives in another process.
     *
     * @param namespace of the manager.
     * @param manager   name of the manager.
     * @param id        of the object, in decimal.
     * @return the proxy.
     */
    public static DictProxy<?, ?> open(final Namespace namespace, final String manager, final String id)
    {
        return resolve(namespace, manager, id, DictProxy::new, DictProxy.class);
    }

    public int size()
    {
        return (Integer)call(SIZE);
    }

    public boolean isEmpty()
    {
        return 0 == size();
    }

    public boolean containsKey(final Object key)
    {
        return (Boolean)call(CONTAINS_KEY, key);
    }

    public boolean containsValue(final Object value)
    {
        return (Boolean)call(CONTAINS_VALUE, value);
    }

    @SuppressWarnings("unchecked")
    public V get(final Object key)
    {
        return (V)call(GET, key);
    }

    @SuppressWarnings("unchecked")
    public V put(final K key, final V value)
    {
        return (V)call(PUT, key, value);
    }

    @SuppressWarnings("unchecked")
    public V remove(final Object key)
    {
        return (V)call(REMOVE, key);
    }

    /**
     * Puts every entry of {@code map} in one step.
     *
     * @param map whose entries to put.
     */
    public void putAll(final Map<? extends K, ? extends V> map)
    {
        call(PUT_ALL, map instanceof ManagedProxy ? map : new LinkedHashMap<>(map));
    }

    public void clear()
    {
        call(CLEAR);
    }

    /**
     * @return a copy of the whole map, taken in one step.
     */
    @SuppressWarnings("unchecked")
    public Map<K, V> snapshot()
    {
        return (Map<K, V>)call(SNAPSHOT);
    }

    /**
     * @return the keys of a snapshot (unmodifiable).
     */
    public Set<K> keySet()
    {
        return Collections.unmodifiableSet(snapshot().keySet());
    }

    /**
     * @return the values of a snapshot (unmodifiable).
     */
    public Collection<V> values()
    {
        return Collections.unmodifiableCollection(snapshot().values());
    }

    /**
     * @return the entries of a snapshot (unmodifiable).
     */
    public Set<Entry<K, V>> entrySet()
    {
        return Collections.unmodifiableMap(snapshot()).entrySet();
    }

    @SuppressWarnings("unchecked")
    public V getOrDefault(final Object key, final V defaultValue)
    {
        return (V)call(GET_OR_DEFAULT, key, defaultValue);
    }

    @SuppressWarnings("unchecked")
    public V putIfAbsent(final K key, final V value)
    {
        return (V)call(PUT_IF_ABSENT, key, value);
    }

    public boolean remove(final Object key, final Object value)
    {
        return (Boolean)call(REMOVE_VALUE, key, value);
    }

    public boolean replace(final K key, final V oldValue, final V newValue)
    {
        return (Boolean)call(REPLACE_VALUE, key, oldValue, newValue);
    }

    @SuppressWarnings("unchecked")
    public V replace(final K key, final V value)
    {
        return (V)call(REPLACE, key, value);
    }

    /**
     * {@inheritDoc} Runs in the server, in one step; the function must be serialisable.
     */
    @SuppressWarnings("unchecked")
    public V compute(final K key, final BiFunction<? super K, ? super V, ? extends V> function)
    {
        return (V)call(COMPUTE, key, function(function, "compute"));
    }

    /**
     * Atomic {@link Map#compute} that runs in the server.
     *
     * @param key      of the entry.
     * @param function of the key and the current value (null when absent): the new value, or null to remove.
     * @return the new value.
     */
    public V compute(final K key, final SerializableBiFunction<? super K, ? super V, ? extends V> function)
    {
        return compute(key, (BiFunction<? super K, ? super V, ? extends V>)function);
    }

    /**
     * {@inheritDoc} Runs in the server, in one step; the function must be serialisable.
     */
    @SuppressWarnings("unchecked")
    public V computeIfAbsent(final K key, final Function<? super K, ? extends V> function)
    {
        return (V)call(COMPUTE_IF_ABSENT, key, function(function, "computeIfAbsent"));
    }

    /**
     * Atomic {@link Map#computeIfAbsent} that runs in the server.
     *
     * @param key      of the entry.
     * @param function of the key: the value to put when absent.
     * @return the current or new value.
     */
    public V computeIfAbsent(final K key, final SerializableFunction<? super K, ? extends V> function)
    {
        return computeIfAbsent(key, (Function<? super K, ? extends V>)function);
    }

    /**
     * {@inheritDoc} Runs in the server, in one step; the function must be serialisable.
     */
    @SuppressWarnings("unchecked")
    public V computeIfPresent(final K key, final BiFunction<? super K, ? super V, ? extends V> function)
    {
        return (V)call(COMPUTE_IF_PRESENT, key, function(function, "computeIfPresent"));
    }

    /**
     * Atomic {@link Map#computeIfPresent} that runs in the server.
     *
     * @param key      of the entry.
     * @param function of the key and the present value: the new value, or null to remove.
     * @return the new value, or null.
     */
    public V computeIfPresent(final K key, final SerializableBiFunction<? super K, ? super V, ? extends V> function)
    {
        return computeIfPresent(key, (BiFunction<? super K, ? super V, ? extends V>)function);
    }

    /**
     * {@inheritDoc} Runs in the server, in one step; the function must be serialisable.
     */
    @SuppressWarnings("unchecked")
    public V merge(final K key, final V value, final BiFunction<? super V, ? super V, ? extends V> function)
    {
        return (V)call(MERGE, key, value, function(function, "merge"));
    }

    /**
     * Atomic {@link Map#merge} that runs in the server: {@code counts.merge(word, 1, Integer::sum)} counts exactly
     * from any number of processes.
     *
     * @param key      of the entry.
     * @param value    to put when absent, or to merge with the present one.
     * @param function of the present value and {@code value}: the new value, or null to remove.
     * @return the new value, or null.
     */
    public V merge(final K key, final V value, final SerializableBiFunction<? super V, ? super V, ? extends V> function)
    {
        return merge(key, value, (BiFunction<? super V, ? super V, ? extends V>)function);
    }

    /**
     * {@inheritDoc} Runs in the server, in one step; the function must be serialisable.
     */
    public void replaceAll(final BiFunction<? super K, ? super V, ? extends V> function)
    {
        Functions.checkSerializable(function, "replaceAll");
        apply(new MapReplaceAll<>(function));
    }

    /**
     * Runs {@code function} on the map itself, in the server, in one step: a compound operation no other client
     * sees half done.
     *
     * @param function of the map; its result travels back (a copy, unless it is a proxy).
     * @param <R>      type of the result.
     * @return the result.
     */
    @SuppressWarnings("unchecked")
    public <R> R apply(final SerializableFunction<? super Map<K, V>, ? extends R> function)
    {
        return (R)call(APPLY, function(function, "apply"));
    }

    /**
     * {@code replaceAll} as a function of the map, to run in the server.
     */
    private record MapReplaceAll<K, V>(BiFunction<? super K, ? super V, ? extends V> function)
        implements SerializableFunction<Map<K, V>, Object>
    {
        public Object apply(final Map<K, V> map)
        {
            map.replaceAll(function);
            return null;
        }
    }
}
