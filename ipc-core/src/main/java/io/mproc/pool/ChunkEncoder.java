package io.mproc.pool;

import io.mproc.queue.AllowList;
import io.mproc.queue.ObjectCodec;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a job's items into chunks and encodes each as a CHUNK message ({@link PoolProtocol}), on the submitting
 * thread and outside the pool lock, so that an item that cannot be sent fails the submit before anything is queued.
 * A chunk longer than a task ring's largest message (a large item) travels in pieces ({@link FragmentedMessage}).
 */
final class ChunkEncoder
{
    /** Largest chunk payload: a chunk closes early past this many bytes of items. */
    static final int MAX_CHUNK_BYTES = 64 * 1024;
    /** Most items a chunk holds whatever the chunk size: each takes at least an item header. */
    static final int MAX_ITEMS_PER_CHUNK = MAX_CHUNK_BYTES / PoolProtocol.ITEM_HEADER_LENGTH + 1;

    private final ObjectCodec codec;
    private final AllowList allowList;

    /**
     * @param codec     for MAP and STARMAP items.
     * @param allowList for CALL items (serialised tasks).
     */
    ChunkEncoder(final ObjectCodec codec, final AllowList allowList)
    {
        this.codec = codec;
        this.allowList = allowList;
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
     * Encodes the next chunk of a streamed input (imap): up to {@code chunksize} items, fewer when the chunk reaches
     * {@link #MAX_CHUNK_BYTES} or the input ends; an item that cannot be sent ends the input with the reason.
     *
     * @param start     the job's index of the chunk's first item (imap's place in its window of results).
     * @param firstItem the input's index of the chunk's first item, for messages.
     * @return the chunk (with no id yet), or null when no item was left.
     */
    Chunk encodeNext(final PoolJob job, final int fnId, final StreamInput input, final int chunksize, final int start,
        final long firstItem)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final int limit = Math.min(chunksize, MAX_ITEMS_PER_CHUNK);
        int position = PoolProtocol.CHUNK_ITEMS_OFFSET;
        int count = 0;
        while (count < limit && (0 == count || position < MAX_CHUNK_BYTES) && input.advance())
        {
            try
            {
                position = putItem(buffer, position, PoolProtocol.MODE_MAP, input.current(), firstItem + count);
            }
            catch (final RuntimeException ex)
            {
                input.fail(ex);
                break;
            }
            input.accept();
            count++;
        }
        if (0 == count)
        {
            return null;
        }
        buffer.putInt(PoolProtocol.CHUNK_FN_OFFSET, fnId);
        buffer.putInt(PoolProtocol.CHUNK_MODE_OFFSET, PoolProtocol.MODE_MAP);
        buffer.putInt(PoolProtocol.CHUNK_COUNT_OFFSET, count);
        final byte[] payload = new byte[position];
        buffer.getBytes(0, payload);
        return new Chunk(job, fnId, start, count, payload);
    }

    /**
     * @return the index after the item.
     */
    private int putItem(
        final ExpandableArrayBuffer buffer, final int position, final int mode, final Object value, final long item)
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
