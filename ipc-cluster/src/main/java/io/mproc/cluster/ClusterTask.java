package io.mproc.cluster;

import io.mproc.pool.SerializableBiFunction;
import io.mproc.pool.SerializableFunction;
import io.mproc.process.SerializableRunnable;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentMap;

/**
 * One job of a cluster pool, as Ignite carries it to a server node: the function, Java-serialised (a lambda travels
 * as its {@code SerializedLambda}, as to a process pool's worker), and its arguments as mproc's codec bytes
 * ({@link Payloads}), so that Ignite's marshaller only ever sees this class and byte arrays. It runs the function
 * on each argument of its chunk and returns the results' bytes: {@link #OK} then the list of results, or
 * {@link #FAILED} then the exception's class, message and stack trace.
 * <p>
 * Ignite re-runs a job elsewhere when the node running it leaves the cluster (its default failover), so a job is
 * only a function of its arguments: it may run more than once.
 */
final class ClusterTask implements IgniteCallable<byte[]>
{
    private static final long serialVersionUID = 1L;
    static final byte OK = 0;
    static final byte FAILED = 1;
    /** A callable: no arguments, one result. */
    static final int CALL = 0;
    /** A function applied to each argument. */
    static final int APPLY = 1;
    /** A two-argument function applied to each pair (a list of two). */
    static final int STARMAP = 2;

    private final int kind;
    private final byte[] function;
    private final byte[] arguments;
    private final Setup setup;
    @IgniteInstanceResource
    private transient Ignite ignite;

    /**
     * What every task of one pool carries so that the node running it can set itself up for the pool first: the
     * pool's id and its initializer (Java-serialised; null for none). A node runs the initializer once per pool,
     * before that pool's first task there: the first task to arrive runs it under the key's entry of the node's local
     * map (other tasks of the pool on that node wait for it), and its success is remembered there. When it throws,
     * nothing is remembered, that task fails with its exception and the next task on the node runs it again.
     * (A class, not a record: records do not pass Ignite's marshaller.)
     */
    static final class Setup implements Serializable
    {
        private static final long serialVersionUID = 1L;

        private final String poolId;
        private final byte[] initializer;

        Setup(final String poolId, final byte[] initializer)
        {
            this.poolId = poolId;
            this.initializer = initializer;
        }

        String poolId()
        {
            return poolId;
        }

        byte[] initializer()
        {
            return initializer;
        }
    }

    ClusterTask(final int kind, final byte[] function, final byte[] arguments, final Setup setup)
    {
        this.kind = kind;
        this.function = function;
        this.arguments = arguments;
        this.setup = setup;
    }

    @Override
    public byte[] call()
    {
        final Payloads payloads = new Payloads("a cluster pool's results");
        try
        {
            final List<Object> results = run(payloads);
            final byte[] encoded = payloads.encode(results);
            final byte[] reply = new byte[encoded.length + 1];
            reply[0] = OK;
            System.arraycopy(encoded, 0, reply, 1, encoded.length);
            return reply;
        }
        catch (final Exception | Error ex)
        {
            return failure(payloads, ex);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Object> run(final Payloads payloads) throws Exception
    {
        initializeThisNode();
        final Object code = deserialize(function);
        final List<Object> results = new ArrayList<>();
        if (CALL == kind)
        {
            results.add(((Callable<Object>)code).call());
            return results;
        }
        final List<Object> items = payloads.decodeAs(arguments);
        for (final Object item : items)
        {
            if (APPLY == kind)
            {
                results.add(((SerializableFunction)code).apply(item));
            }
            else
            {
                final List<?> pair = (List<?>)item;
                results.add(((SerializableBiFunction)code).apply(pair.get(0), pair.get(1)));
            }
        }
        return results;
    }

    private void initializeThisNode() throws Exception
    {
        if (null == setup.initializer() || null == ignite)
        {
            return;
        }
        final ConcurrentMap<String, Boolean> local = ignite.cluster().nodeLocalMap();
        try
        {
            local.computeIfAbsent("mproc.pool.initialized/" + setup.poolId(), (key) ->
            {
                try
                {
                    ((SerializableRunnable)deserialize(setup.initializer())).run();
                }
                catch (final Exception ex)
                {
                    throw new InitializerFailed(ex);
                }
                return Boolean.TRUE;
            });
        }
        catch (final InitializerFailed ex)
        {
            throw (Exception)ex.getCause();
        }
    }

    /** Carries the initializer's exception out of computeIfAbsent's function. */
    private static final class InitializerFailed extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        InitializerFailed(final Exception cause)
        {
            super(cause);
        }
    }

    private static byte[] failure(final Payloads payloads, final Throwable ex)
    {
        final List<String> stack = new ArrayList<>();
        for (final StackTraceElement frame : ex.getStackTrace())
        {
            stack.add(frame.getClassName() + '\n' + frame.getMethodName() + '\n' +
                (null == frame.getFileName() ? "" : frame.getFileName()) + '\n' + frame.getLineNumber());
        }
        final byte[] encoded = payloads.encode(List.of(ex.getClass().getName(),
            null == ex.getMessage() ? "" : ex.getMessage(), stack));
        final byte[] reply = new byte[encoded.length + 1];
        reply[0] = FAILED;
        System.arraycopy(encoded, 0, reply, 1, encoded.length);
        return reply;
    }

    /**
     * Java-serialises a function for a job, failing at the caller when it cannot travel.
     *
     * @throws IllegalArgumentException naming the class that is not serializable.
     */
    static byte[] serialize(final Object function)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(function);
        }
        catch (final NotSerializableException ex)
        {
            throw new IllegalArgumentException("task cannot be sent to the cluster, not serializable: task=" +
                function.getClass().getName() + ", offending class=" + ex.getMessage() +
                " (use a lambda typed as SerializableFunction / SerializableCallable, capturing serializable values)",
                ex);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("task cannot be sent to the cluster: task=" +
                function.getClass().getName(), ex);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(final byte[] bytes) throws IOException, ClassNotFoundException
    {
        final ClassLoader loader = ClusterTask.class.getClassLoader();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))
        {
            @Override
            protected Class<?> resolveClass(final ObjectStreamClass desc) throws IOException, ClassNotFoundException
            {
                try
                {
                    return Class.forName(desc.getName(), false, loader);
                }
                catch (final ClassNotFoundException ex)
                {
                    return super.resolveClass(desc);
                }
            }
        })
        {
            return in.readObject();
        }
    }
}
