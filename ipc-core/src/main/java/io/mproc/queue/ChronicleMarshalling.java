package io.mproc.queue;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Chronicle Bytes marshalling of user types, kept apart so that a JVM loads Chronicle only when it first meets such
 * a value (Chronicle adds hundreds of milliseconds to a JVM's start). This class names no Chronicle type, so that it
 * links without Chronicle; the work that needs Chronicle is in {@link ChronicleBytesCodec}, which also describes the
 * message layout.
 * <p>
 * Chronicle is an optional dependency of ipc-core: an application that sends or receives BytesMarshallable values
 * has it on its class path already; a JVM without it that receives such a value gets a
 * {@link MessageDecodingException} naming the artifact to add.
 */
final class ChronicleMarshalling
{
    /**
     * The artifact that brings Chronicle; ipc-core declares it optional.
     */
    static final String CHRONICLE_ARTIFACT = "net.openhft:chronicle-queue";

    private static final String MARSHALLABLE = "net.openhft.chronicle.bytes.BytesMarshallable";

    private ChronicleMarshalling()
    {
    }

    /**
     * Tests without loading Chronicle unless the value's class could be one of its types at all (and a class that
     * implements one by name could not have been loaded without Chronicle).
     */
    static boolean isMarshallable(final Object value)
    {
        return implementsByName(value.getClass()) && ChronicleBytesCodec.isMarshallable(value);
    }

    private static boolean implementsByName(final Class<?> type)
    {
        for (Class<?> current = type; null != current; current = current.getSuperclass())
        {
            for (final Class<?> face : current.getInterfaces())
            {
                if (MARSHALLABLE.equals(face.getName()) || implementsByName(face))
                {
                    return true;
                }
            }
        }
        return false;
    }

    static int encode(final Object value, final MutableDirectBuffer buffer, final int index)
    {
        return ChronicleBytesCodec.encode(value, buffer, index);
    }

    static Object decode(final AllowList allowList, final DirectBuffer buffer, final int index, final int length)
    {
        final int classNameLength = buffer.getShort(index);
        final String className = buffer.getStringWithoutLengthUtf8(index + Short.BYTES, classNameLength);
        if (!allowList.allows(className))
        {
            throw new MessageDecodingException("class not on the allow-list, not instantiated: class=" + className +
                " (" + allowList + ")", null);
        }
        if (!ChronicleOnClassPath.PRESENT)
        {
            throw new MessageDecodingException("message holds a Chronicle BytesMarshallable value but Chronicle is " +
                "not on this JVM's class path: class=" + className + "; add the dependency " + CHRONICLE_ARTIFACT +
                " (optional in ipc-core) to the receiving application", null);
        }
        return ChronicleBytesCodec.decode(className, buffer, index, length);
    }

    /**
     * Looks for Chronicle once, on the first Chronicle message (a holder class, so that the plain paths never load
     * anything of Chronicle's).
     */
    private static final class ChronicleOnClassPath
    {
        static final boolean PRESENT = isPresent();

        private static boolean isPresent()
        {
            try
            {
                Class.forName(MARSHALLABLE, false, ChronicleMarshalling.class.getClassLoader());
                return true;
            }
            catch (final ClassNotFoundException | LinkageError ex)
            {
                return false;
            }
        }
    }
}
