package io.mproc.cluster;

import io.mproc.queue.AllowList;
import io.mproc.queue.ObjectCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Values to bytes and back with mproc's own {@link ObjectCodec}: what a cluster queue, dict, list or pool task
 * carries is a {@code byte[]}, never the value itself, because Ignite's marshaller cannot rebuild records (and
 * would instantiate any class it is sent). So a value travels on the cluster exactly as it would on a shared-memory
 * queue: JDK values, collections, records and enums by default, other classes when the allow-list names them.
 * <p>
 * Format: the codec's type id (4 bytes, little-endian) then the codec's bytes.
 */
final class Payloads
{
    private static final int TYPE_ID_LENGTH = Integer.BYTES;
    /** mproc's cluster handles travel by URI and name, as Java-serialised references. */
    static final AllowList HANDLES = AllowList.NONE.allowPackage("io.mproc.cluster");

    private final ObjectCodec codec;
    private final ThreadLocal<ExpandableArrayBuffer> scratch =
        ThreadLocal.withInitial(() -> new ExpandableArrayBuffer(256));

    /**
     * @param place what the values travel on, for the message of a value that cannot (e.g. "a cluster queue").
     */
    Payloads(final String place)
    {
        this.codec = new ObjectCodec(HANDLES).at(place, "a record, a JDK value, or java.io.Serializable on an " +
            "allow-list (%s is not)");
    }

    /**
     * @param value any value the codec accepts.
     * @return its bytes.
     * @throws io.mproc.queue.UnsendableValueException naming the class when it cannot travel.
     */
    byte[] encode(final Object value)
    {
        final int typeId = codec.typeId(value);
        final ExpandableArrayBuffer buffer = scratch.get();
        buffer.putInt(0, typeId);
        final int length = codec.encode(value, buffer, TYPE_ID_LENGTH);
        final byte[] bytes = new byte[TYPE_ID_LENGTH + length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /**
     * @param bytes made by {@link #encode}, or null.
     * @return the value, or null for null.
     */
    Object decode(final byte[] bytes)
    {
        if (null == bytes)
        {
            return null;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        return codec.decode(buffer.getInt(0), buffer, TYPE_ID_LENGTH, bytes.length - TYPE_ID_LENGTH);
    }

    @SuppressWarnings("unchecked")
    <T> T decodeAs(final byte[] bytes)
    {
        return (T)decode(bytes);
    }
}
