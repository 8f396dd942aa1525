package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.process.SerializableRunnable;
import io.mproc.process.SpareRehearsal;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageRing;
import io.mproc.queue.ObjectCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * A pool worker's start-up, rehearsed in every warm spare (see {@link SpareRehearsal}): a {@link PoolWorker} of a
 * pool of its own, in a temporary namespace, with a function, a chunk of two items and STOP waiting in its task
 * ring. The spare then has done what a worker from it would do in its first tens of milliseconds: deserialising the
 * worker, opening a namespace and two rings, making its codec, deserialising a lambda, running a chunk and writing
 * its results. Measured on 2 vCPUs: a 2-worker pool from spares to its first {@code map} took ~85 ms before, most of
 * it in that start-up. Not for direct use; public only for {@link java.util.ServiceLoader}.
 */
public final class PoolWorkerRehearsal implements SpareRehearsal
{
    private static final int RING_CAPACITY = 64 * 1024;
    private static final String TASKS = "tasks";
    private static final String RESULTS = "results";
    private static final int FUNCTION_ID = 1;

    private Namespace namespace;

    /**
     * For {@link java.util.ServiceLoader}.
     */
    public PoolWorkerRehearsal()
    {
    }

    @Override
    public SerializableRunnable task()
    {
        namespace = Namespace.temporary();
        final AllowList allowList = PoolOptions.allowList(new String[0], new String[0]);
        try (MessageRing tasks = MessageRing.create(namespace, TASKS, RING_CAPACITY);
            MessageRing results = MessageRing.create(namespace, RESULTS, RING_CAPACITY))
        {
            final SerializableFunction<Integer, Integer> doubling = x -> x * 2;
            final byte[] function = PoolProtocol.serialize(doubling, allowList);
            final UnsafeBuffer functionMessage =
                new UnsafeBuffer(new byte[PoolProtocol.FUNCTION_BODY_OFFSET + function.length]);
            functionMessage.putInt(PoolProtocol.FUNCTION_ID_OFFSET, FUNCTION_ID);
            functionMessage.putBytes(PoolProtocol.FUNCTION_BODY_OFFSET, function);
            tasks.write(PoolProtocol.FUNCTION, functionMessage, 0, functionMessage.capacity());
            final ExpandableArrayBuffer chunk = new ExpandableArrayBuffer(256);
            chunk.putLong(PoolProtocol.CHUNK_ID_OFFSET, 1);
            chunk.putInt(PoolProtocol.CHUNK_FN_OFFSET, FUNCTION_ID);
            chunk.putInt(PoolProtocol.CHUNK_MODE_OFFSET, PoolProtocol.MODE_MAP);
            chunk.putInt(PoolProtocol.CHUNK_COUNT_OFFSET, 2);
            final ObjectCodec codec = new ObjectCodec(allowList);
            int length = PoolProtocol.putItem(codec, 1, chunk, PoolProtocol.CHUNK_ITEMS_OFFSET);
            length = PoolProtocol.putItem(codec, 2, chunk, length);
            tasks.write(PoolProtocol.CHUNK, chunk, 0, length);
            tasks.write(PoolProtocol.STOP, new UnsafeBuffer(new byte[0]), 0, 0);
        }
        return new PoolWorker(namespace.directory().toString(), TASKS, RESULTS, PoolProtocol.workerField(0, 0), null, 0,
            new String[0], new String[0]);
    }

    /**
     * @return the folder of the rehearsal's namespace, once {@link #task()} has made it (for tests).
     */
    Path directory()
    {
        return namespace.directory();
    }

    @Override
    public void close()
    {
        if (null != namespace)
        {
            namespace.close();
            namespace = null;
        }
    }
}
