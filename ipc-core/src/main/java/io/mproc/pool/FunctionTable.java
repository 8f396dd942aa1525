package io.mproc.pool;

import io.mproc.queue.AllowList;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The functions of a pool's jobs, each serialised once and known by an id: a chunk names its function by id, and a
 * worker is sent each function (a FUNCTION message, {@link PoolProtocol}) once, before the first chunk that uses it.
 * Equal serialised forms share an id, so mapping the same lambda again sends nothing new. A function whose class holds
 * no state (a lambda or method reference that captures nothing) is serialised once per class: every instance of it
 * serialises alike, and a caller that maps it again and again (~0.2 ms of Java serialisation per call, on the path
 * between one call's results and the next call's first chunks, while the workers wait) pays it once.
 */
final class FunctionTable
{
    private static final ClassValue<Boolean> STATELESS = new ClassValue<>()
    {
        protected Boolean computeValue(final Class<?> type)
        {
            return isStateless(type);
        }
    };

    private final ReentrantLock lock;
    private final AllowList allowList;
    private final Map<ByteBuffer, Integer> ids = new HashMap<>();
    private final Map<Integer, byte[]> functions = new HashMap<>();
    private final Map<Class<?>, Integer> statelessIds = new HashMap<>();

    /**
     * @param lock      the pool lock, which guards the table.
     * @param allowList the pool's: what a function may capture.
     */
    FunctionTable(final ReentrantLock lock, final AllowList allowList)
    {
        this.lock = lock;
        this.allowList = allowList;
    }

    /**
     * Serialises a function (outside the lock) and gives it an id.
     *
     * @return its id, above 0.
     * @throws IllegalArgumentException when the workers would refuse the function's class.
     */
    int register(final Object function)
    {
        if (!function.getClass().isSynthetic() && !allowList.allows(function.getClass().getName()))
        {
            throw new IllegalArgumentException("function class is not on the pool's allow-list, workers would " +
                "refuse it: class=" + function.getClass().getName() + " (use a lambda, or Builder.allow)");
        }
        final Class<?> type = function.getClass();
        final boolean stateless = STATELESS.get(type);
        if (stateless)
        {
            final Integer known = knownStateless(type);
            if (null != known)
            {
                return known;
            }
        }
        final byte[] bytes = PoolProtocol.serialize(function, allowList);
        lock.lock();
        try
        {
            final int id = ids.computeIfAbsent(ByteBuffer.wrap(bytes), (key) ->
            {
                final int newId = ids.size() + 1;
                functions.put(newId, bytes);
                return newId;
            });
            if (stateless)
            {
                statelessIds.put(type, id);
            }
            return id;
        }
        finally
        {
            lock.unlock();
        }
    }

    private Integer knownStateless(final Class<?> type)
    {
        lock.lock();
        try
        {
            return statelessIds.get(type);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * True for a lambda's or method reference's class without instance fields: it captures nothing.
     */
    private static boolean isStateless(final Class<?> type)
    {
        if (!type.isSynthetic())
        {
            return false;
        }
        for (final Field field : type.getDeclaredFields())
        {
            if (!Modifier.isStatic(field.getModifiers()))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the serialised function of an id. Under the pool lock.
     */
    byte[] serialized(final int fnId)
    {
        return functions.get(fnId);
    }
}
