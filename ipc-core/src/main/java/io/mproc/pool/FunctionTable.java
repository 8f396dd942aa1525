package io.mproc.pool;

import io.mproc.queue.AllowList;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The functions of a pool's jobs, each serialised once and known by an id: a chunk names its function by id, and a
 * worker is sent each function (a FUNCTION message, {@link PoolProtocol}) once, before the first chunk that uses it.
 * Equal serialised forms share an id, so mapping the same lambda again sends nothing new.
 */
final class FunctionTable
{
    private final ReentrantLock lock;
    private final AllowList allowList;
    private final Map<ByteBuffer, Integer> ids = new HashMap<>();
    private final Map<Integer, byte[]> functions = new HashMap<>();

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
        final byte[] bytes = PoolProtocol.serialize(function, allowList);
        lock.lock();
        try
        {
            return ids.computeIfAbsent(ByteBuffer.wrap(bytes), (key) ->
            {
                final int id = ids.size() + 1;
                functions.put(id, bytes);
                return id;
            });
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return the serialised function of an id. Under the pool lock.
     */
    byte[] serialized(final int fnId)
    {
        return functions.get(fnId);
    }
}
