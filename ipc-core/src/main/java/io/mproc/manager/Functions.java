package io.mproc.manager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a function given to a proxy (compute, merge, apply...) travels to the server: Java serialisation, with what
 * it captures (proxies and shared objects by reference). The sender keeps the bytes of the last function each thread
 * sent when it captures nothing (its bytes never change), and the server the functions it read last, keyed by their bytes: a loop that merges with the same
 * {@code Integer::sum} serialises and deserialises it once.
 * <p>
 * <b>Trust.</b> Requests reach the server only through files in the user's private namespace folder (mode 0700): the
 * server trusts the classes they name as a child trusts its parent's pipe (see {@code io.mproc.process}), within
 * bounds set by the payload length, after any process-wide serialisation filter.
 */
final class Functions
{
    private static final int SERVER_CACHE_ENTRIES = 256;
    private static final ThreadLocal<Object[]> LAST_SENT = ThreadLocal.withInitial(() -> new Object[2]);
    /** Whether a function class has no instance fields: then its bytes never change, and may be reused. */
    private static final ClassValue<Boolean> STATELESS = new ClassValue<>()
    {
        protected Boolean computeValue(final Class<?> type)
        {
            for (Class<?> c = type; null != c && Object.class != c; c = c.getSuperclass())
            {
                for (final java.lang.reflect.Field field : c.getDeclaredFields())
                {
                    if (!java.lang.reflect.Modifier.isStatic(field.getModifiers()))
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    };

    private final Map<ByteBuffer, Object> received = new LinkedHashMap<>(64, 0.75f, true)
    {
        protected boolean removeEldestEntry(final Map.Entry<ByteBuffer, Object> eldest)
        {
            return size() > SERVER_CACHE_ENTRIES;
        }
    };

    /**
     * @param function to send, which must be {@link Serializable}.
     * @param what     the operation, for the message when it is not.
     * @return its bytes.
     * @throws IllegalArgumentException when the function is not serialisable, naming its class and the fix.
     */
    static byte[] serialize(final Object function, final String what)
    {
        if (null == function)
        {
            throw new NullPointerException("function of " + what + " is null");
        }
        final Object[] last = LAST_SENT.get();
        if (last[0] == function)
        {
            return (byte[])last[1];
        }
        checkSerializable(function, what);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(function);
        }
        catch (final NotSerializableException ex)
        {
            throw new IllegalArgumentException("the function of " + what + " captures a value that is not " +
                "serialisable: " + ex.getMessage() + " (function=" + function.getClass().getName() + ")", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot serialise the function of " + what, ex);
        }
        final byte[] encoded = bytes.toByteArray();
        if (STATELESS.get(function.getClass()))
        {
            last[0] = function;
            last[1] = encoded;
        }
        return encoded;
    }

    /**
     * @param function given to an operation that runs it in the server.
     * @param what     the operation, for the message.
     * @throws IllegalArgumentException when it is not serialisable, naming its class and the fix.
     */
    static void checkSerializable(final Object function, final String what)
    {
        if (null == function)
        {
            throw new NullPointerException("function of " + what + " is null");
        }
        if (!(function instanceof Serializable))
        {
            throw new IllegalArgumentException("the function of " + what + " runs in the manager's server and must " +
                "be serialisable: function=" + function.getClass().getName() + "; pass a lambda where a " +
                "SerializableFunction/SerializableBiFunction is expected (call the method on the proxy type, " +
                "e.g. DictProxy.merge), or cast it: (BiFunction<K, V, V> & Serializable) (a, b) -> ...");
        }
    }

    /**
     * @param argument a function (a local call, in the server) or its bytes (a remote one).
     * @return the function.
     */
    Object resolve(final Object argument) throws IOException, ClassNotFoundException
    {
        if (!(argument instanceof byte[]))
        {
            return argument;
        }
        final byte[] bytes = (byte[])argument;
        final ByteBuffer key = ByteBuffer.wrap(bytes);
        Object function = received.get(key);
        if (null == function)
        {
            function = deserialize(bytes);
            received.put(key, function);
        }
        return function;
    }

    private static Object deserialize(final byte[] bytes) throws IOException, ClassNotFoundException
    {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            final ObjectInputFilter processWide = ObjectInputFilter.Config.getSerialFilter();
            final long payloadLength = bytes.length;
            in.setObjectInputFilter((info) ->
            {
                if (null != processWide && ObjectInputFilter.Status.REJECTED == processWide.checkInput(info))
                {
                    return ObjectInputFilter.Status.REJECTED;
                }
                // an array element, a reference or a read takes at least one byte of the payload
                if (info.arrayLength() > payloadLength || info.references() > payloadLength ||
                    info.streamBytes() > payloadLength)
                {
                    return ObjectInputFilter.Status.REJECTED;
                }
                return null != info.serialClass() ? ObjectInputFilter.Status.ALLOWED :
                    ObjectInputFilter.Status.UNDECIDED;
            });
            return in.readObject();
        }
    }
}
