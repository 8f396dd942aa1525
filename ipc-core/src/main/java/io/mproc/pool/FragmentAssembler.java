package io.mproc.pool;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.mproc.pool.PoolProtocol.FRAGMENT_BYTES_OFFSET;
import static io.mproc.pool.PoolProtocol.FRAGMENT_OFFSET_OFFSET;
import static io.mproc.pool.PoolProtocol.FRAGMENT_SENDER_OFFSET;
import static io.mproc.pool.PoolProtocol.FRAGMENT_TYPE_OFFSET;
import static io.mproc.pool.PoolProtocol.FRAGMENT_WHOLE_LENGTH_OFFSET;

/**
 * The reading side of {@link FragmentedMessage}: collects the FRAGMENT messages of each sender ({@link PoolProtocol})
 * and hands the whole message to a handler once its last piece arrives. A sender's pieces arrive in order (a ring keeps
 * each writer's order); a sender that dies half-way leaves a partial message, dropped by {@link #discard}. Not
 * thread-safe: used by the one thread that reads the ring.
 */
final class FragmentAssembler
{
    private static final Logger LOGGER = LoggerFactory.getLogger(FragmentAssembler.class);

    private final Int2ObjectHashMap<Partial> partials = new Int2ObjectHashMap<>();

    /**
     * Takes one FRAGMENT message; when it completes its message, gives the whole message to the handler.
     */
    void onFragment(final DirectBuffer buffer, final int index, final int length, final MessageHandler handler)
    {
        final int sender = buffer.getInt(index + FRAGMENT_SENDER_OFFSET);
        final int type = buffer.getInt(index + FRAGMENT_TYPE_OFFSET);
        final int wholeLength = buffer.getInt(index + FRAGMENT_WHOLE_LENGTH_OFFSET);
        final int offset = buffer.getInt(index + FRAGMENT_OFFSET_OFFSET);
        final int pieceLength = length - FRAGMENT_BYTES_OFFSET;

        Partial partial = partials.get(sender);
        if (0 == offset)
        {
            partial = new Partial(type, wholeLength); // a new message (a stale partial is dropped)
            partials.put(sender, partial);
        }
        if (null == partial || offset != partial.received || type != partial.type ||
            wholeLength != partial.bytes.capacity() || offset + pieceLength > wholeLength)
        {
            LOGGER.error("dropping an out-of-order message fragment: sender={}, type={}, offset={}, length={}",
                sender, type, offset, wholeLength);
            partials.remove(sender);
            return;
        }
        partial.bytes.putBytes(offset, buffer, index + FRAGMENT_BYTES_OFFSET, pieceLength);
        partial.received += pieceLength;
        if (partial.received == wholeLength)
        {
            partials.remove(sender);
            handler.onMessage(type, partial.bytes, 0, wholeLength);
        }
    }

    /**
     * Drops what a sender left half-sent (it died).
     */
    void discard(final int sender)
    {
        partials.remove(sender);
    }

    /**
     * @return senders with a message half-received (for tests).
     */
    int partialCount()
    {
        return partials.size();
    }

    private static final class Partial
    {
        final int type;
        final UnsafeBuffer bytes;
        int received;

        Partial(final int type, final int wholeLength)
        {
            this.type = type;
            this.bytes = new UnsafeBuffer(new byte[wholeLength]);
        }
    }
}
