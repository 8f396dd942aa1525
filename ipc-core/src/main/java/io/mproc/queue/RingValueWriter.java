package io.mproc.queue;

import org.agrona.ExpandableArrayBuffer;

/**
 * A producer thread's writer of encoded values into a {@link RingCore}. Values whose encoded length is only known
 * after encoding go through its expandable scratch buffer, which keeps the encoding while one put waits for space,
 * so that its retries do not encode again. One per producer thread (a thread-local, or a single-writer handle's).
 */
final class RingValueWriter
{
    final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    /** The value whose encoding {@link #buffer} holds, or null. */
    Object value;
    int length;

    /**
     * Encodes a value into the ring, straight in place when the codec knows the length, else through the
     * scratch buffer. The first attempt of each put: it encodes the value as it is now, whatever an earlier call left
     * in the scratch (the caller may have changed the value since a refused offer).
     *
     * @return true when written, false when the ring is full.
     */
    <E> boolean tryWrite(final RingCore core, final Codec<E> codec, final E value)
    {
        this.value = null;
        return retryWrite(core, codec, value);
    }

    /**
     * {@link #tryWrite} again within the same put, while it waits for space: reuses the encoding the scratch holds
     * of this very value instead of encoding it again.
     *
     * @return true when written, false when the ring is full.
     */
    <E> boolean retryWrite(final RingCore core, final Codec<E> codec, final E value)
    {
        final int typeId = codec.typeId(value);
        int length = codec.encodedLength(value);
        if (Codec.UNKNOWN_LENGTH == length)
        {
            if (this.value != value)
            {
                this.length = codec.encode(value, buffer, 0);
                this.value = value;
            }
            length = this.length;
            final int index = core.tryClaim(typeId, length);
            if (index < 0)
            {
                return false;
            }
            core.records.putBytes(index, buffer, 0, length);
            this.value = null;
            core.commit(index);
            return true;
        }
        final int index = core.tryClaim(typeId, length);
        if (index < 0)
        {
            return false;
        }
        try
        {
            codec.encode(value, core.records, index);
        }
        catch (final RuntimeException ex)
        {
            core.abort(index);
            throw ex;
        }
        core.commit(index);
        return true;
    }
}
