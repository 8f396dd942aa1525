package io.mproc.queue;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Turns values into queue messages and back. A codec whose {@link #encodedLength} knows the exact length lets
 * the queue write the value straight into the mapped ring (no copy, no allocation); one that returns
 * {@link #UNKNOWN_LENGTH} is encoded into a per-thread scratch buffer first. Implementations must be stateless or
 * thread-safe.
 *
 * @param <E> type of the values.
 */
public interface Codec<E>
{
    /** Returned by {@link #encodedLength} when the length is only known after encoding. */
    int UNKNOWN_LENGTH = -1;

    /**
     * @param value to encode.
     * @return the positive message type id stored with the message, which {@link #decode} receives back.
     */
    int typeId(E value);

    /**
     * @param value to encode.
     * @return exact encoded length in bytes, or {@link #UNKNOWN_LENGTH}.
     */
    int encodedLength(E value);

    /**
     * @param value  to encode.
     * @param buffer to write into: the ring (exactly {@link #encodedLength} bytes free) or an expandable scratch.
     * @param index  to write at.
     * @return bytes written.
     */
    int encode(E value, MutableDirectBuffer buffer, int index);

    /**
     * @param typeId stored with the message.
     * @param buffer holding the message (a view of the mapped ring: copy what you keep).
     * @param index  of the message.
     * @param length of the message.
     * @return the value.
     * @throws MessageDecodingException when the message cannot be decoded or its type is not allowed.
     */
    E decode(int typeId, DirectBuffer buffer, int index, int length);
}
