package io.mproc.pool;

import io.mproc.queue.MessageRing;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.mproc.pool.PoolProtocol.FRAGMENT;
import static io.mproc.pool.PoolProtocol.FRAGMENT_BYTES_OFFSET;
import static io.mproc.pool.PoolProtocol.FRAGMENT_OFFSET_OFFSET;
import static io.mproc.pool.PoolProtocol.FRAGMENT_SENDER_OFFSET;
import static io.mproc.pool.PoolProtocol.FRAGMENT_TYPE_OFFSET;
import static io.mproc.pool.PoolProtocol.FRAGMENT_WHOLE_LENGTH_OFFSET;

/**
 * One outgoing message on its way into a ring: written whole when it fits the ring's largest message, else as
 * consecutive FRAGMENT messages ({@link PoolProtocol}) that {@link FragmentAssembler} puts back together. The write
 * resumes where it stopped when the ring fills, so that a message of any length passes through a ring of any size as
 * its reader drains it. Only the cold path of messages too long for the ring allocates this. Not thread-safe.
 */
final class FragmentedMessage
{
    private final int type;
    private final DirectBuffer source;
    private final int length;
    private final int sender;
    private int sent;

    /**
     * @param type   of the whole message.
     * @param source holding it from index 0 (not copied: left unchanged until written).
     * @param length of the whole message.
     * @param sender named in each fragment, so that the reader can tell interleaved senders apart.
     */
    FragmentedMessage(final int type, final DirectBuffer source, final int length, final int sender)
    {
        this.type = type;
        this.source = source;
        this.length = length;
        this.sender = sender;
    }

    /**
     * Writes as much of the message as the ring has room for.
     *
     * @return true once the whole message is written; false when the ring is full (call again later).
     */
    boolean writeTo(final MessageRing ring)
    {
        if (0 == sent && length <= ring.maxMessageLength())
        {
            if (!ring.write(type, source, 0, length))
            {
                return false;
            }
            sent = length;
        }
        final int maxPiece = ring.maxMessageLength() - FRAGMENT_BYTES_OFFSET;
        while (sent < length)
        {
            final int piece = Math.min(maxPiece, length - sent);
            final int index = ring.tryClaim(FRAGMENT, FRAGMENT_BYTES_OFFSET + piece);
            if (index < 0)
            {
                return false;
            }
            final MutableDirectBuffer records = ring.buffer();
            records.putInt(index + FRAGMENT_SENDER_OFFSET, sender);
            records.putInt(index + FRAGMENT_TYPE_OFFSET, type);
            records.putInt(index + FRAGMENT_WHOLE_LENGTH_OFFSET, length);
            records.putInt(index + FRAGMENT_OFFSET_OFFSET, sent);
            records.putBytes(index + FRAGMENT_BYTES_OFFSET, source, sent, piece);
            ring.commit(index);
            sent += piece;
        }
        return true;
    }
}
