package io.mproc.pool;

import io.mproc.queue.AllowList;
import io.mproc.queue.MessageTooLargeException;
import io.mproc.queue.ObjectCodec;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a job's items into chunks and encodes each as a CHUNK message ({@link PoolProtocol}), on the submitting
 * thread and outside the pool lock, so that an item that cannot be sent fails the submit before anything is queued.
 */
final class ChunkEncoder
{
    /** Largest chunk payload: a chunk closes early past this many bytes of items. */
    static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final ObjectCodec codec;
    private final AllowList allowList;
    private final int maxMessageLength;

    /**
     * @param codec            for MAP and STARMAP items.
     * @param allowList        for CALL items (serialised tasks).
     * @param maxMessageLength the task rings' largest message.
     */
    ChunkEncoder(final ObjectCodec codec, final AllowList allowList, final int maxMessageLength)
    {
        this.codec = codec;
        this.allowList = allowList;
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * Python's automatic chunk size when none is requested: four chunks per worker, rounded up.
     */
    static int chunksize(final int requested, final int items, final int workers)
    {
        if (requested > 0)
        {
            return requested;
        }
        // Python: chunksize, extra = divmod(len(iterable), len(self._pool) * 4); if extra: chunksize += 1
        final int divisor = workers * 4;
        int chunksize = items / divisor;
        if (0 != items % divisor)
        {
            chunksize++;
        }
        return Math.max(1, chunksize);
    }

    /**
     * @param items     the items, or for STARMAP the pairs flattened (two entries per item).
     * @param chunksize largest number of items per chunk.
     * @return the chunks, in item order, with no id yet.
     */
    List<Chunk> encode(final PoolJob job, final int fnId, final int mode, final List<Object> items, final int chunksize)
    {
        final int stride = PoolProtocol.MODE_STARMAP == mode ? 2 : 1;
        final int count = items.size() / stride;
        final List<Chunk> chunks = new ArrayList<>();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        int item = 0;
        while (item < count)
        {
            final int first = item;
            int position = PoolProtocol.CHUNK_ITEMS_OFFSET;
            while (item < count && item - first < chunksize && (item == first || position < MAX_CHUNK_BYTES))
            {
                for (int k = 0; k < stride; k++)
                {
                    position = putItem(buffer, position, mode, items.get(item * stride + k), item);
                }
                item++;
            }
            if (position > maxMessageLength)
            {
                throw new MessageTooLargeException(position, maxMessageLength);
            }
            buffer.putInt(PoolProtocol.CHUNK_FN_OFFSET, fnId);
            buffer.putInt(PoolProtocol.CHUNK_MODE_OFFSET, mode);
            buffer.putInt(PoolProtocol.CHUNK_COUNT_OFFSET, item - first);
            final byte[] payload = new byte[position];
            buffer.getBytes(0, payload);
            chunks.add(new Chunk(job, fnId, first, item - first, payload));
        }
        return chunks;
    }

    /**
     * @return the index after the item.
     */
    private int putItem(
        final ExpandableArrayBuffer buffer, final int position, final int mode, final Object value, final int item)
    {
        if (PoolProtocol.MODE_CALL == mode)
        {
            final byte[] bytes = PoolProtocol.serialize(value, allowList);
            buffer.putInt(position + PoolProtocol.ITEM_TYPE_OFFSET, ObjectCodec.SERIALIZED);
            buffer.putInt(position + PoolProtocol.ITEM_LENGTH_OFFSET, bytes.length);
            buffer.putBytes(position + PoolProtocol.ITEM_HEADER_LENGTH, bytes);
            return position + PoolProtocol.ITEM_HEADER_LENGTH + bytes.length;
        }
        if (null == value)
        {
            throw new NullPointerException("items must not be null: index=" + item);
        }
        return PoolProtocol.putItem(codec, value, buffer, position);
    }
}
