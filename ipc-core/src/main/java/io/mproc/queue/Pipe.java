package io.mproc.queue;

import io.mproc.memory.Namespace;
import io.mproc.sync.WaitStrategies;
import io.mproc.sync.WaitStrategy;

/**
 * A pipe between two processes, the twin of Python's {@code multiprocessing.Pipe()}: two {@link Connection}s over
 * one mapped file (layout: {@link PipeDescriptor}). Duplex by default, each end sending to the other; a one-way pipe
 * ({@code Pipe(duplex=False)}) has a {@link #left()} end that only receives and a {@link #right()} end that only
 * sends.
 * <pre>
 * try (Pipe pipe = Pipe.create(namespace, "p"))
 * {
 *     Connection parentEnd = pipe.left();
 *     Connection childEnd = pipe.right();   // pass it to the child process: it arrives as a live handle
 *     ...
 * }
 * try (Pipe oneWay = Pipe.create(namespace, "q", false))
 * {
 *     Connection reader = oneWay.left();    // recv only
 *     Connection writer = oneWay.right();   // send only
 * }
 * </pre>
 */
public final class Pipe implements SharedPipe
{
    /** Capacity of each direction when none is given: 64 KiB, for messages of up to 8 KiB. */
    public static final int DEFAULT_CAPACITY = 64 * 1024;

    private final Connection left;
    private final Connection right;

    private Pipe(final Connection left, final Connection right)
    {
        this.left = left;
        this.right = right;
    }

    /**
     * Creates a pipe with the default capacity; fails if the name exists.
     *
     * @param namespace of the pipe.
     * @param name      of the pipe.
     * @return the pipe.
     */
    public static Pipe create(final Namespace namespace, final String name)
    {
        return create(namespace, name, true);
    }

    /**
     * Creates a duplex or one-way pipe with the default capacity; fails if the name exists.
     *
     * @param namespace of the pipe.
     * @param name      of the pipe.
     * @param duplex    false for a one-way pipe: {@link #left()} receives, {@link #right()} sends.
     * @return the pipe.
     */
    public static Pipe create(final Namespace namespace, final String name, final boolean duplex)
    {
        return create(namespace, name, DEFAULT_CAPACITY, AllowList.NONE, WaitStrategies.defaultFor(namespace), duplex);
    }

    /**
     * Creates a pipe; fails if the name exists.
     *
     * @param namespace    of the pipe.
     * @param name         of the pipe.
     * @param capacity     of each direction in bytes, a power of two from {@value QueueDescriptor#MIN_CAPACITY};
     *                     messages may be up to capacity / 8.
     * @param allowList    of user classes this process's ends may instantiate.
     * @param waitStrategy of this process's ends; the creator's also decides whether senders must wake sleepers.
     * @return the pipe.
     */
    public static Pipe create(
        final Namespace namespace,
        final String name,
        final int capacity,
        final AllowList allowList,
        final WaitStrategy waitStrategy)
    {
        return create(namespace, name, capacity, allowList, waitStrategy, true);
    }

    /**
     * Creates a duplex or one-way pipe; fails if the name exists.
     *
     * @param namespace    of the pipe.
     * @param name         of the pipe.
     * @param capacity     of each direction in bytes, a power of two from {@value QueueDescriptor#MIN_CAPACITY}.
     * @param allowList    of user classes this process's ends may instantiate.
     * @param waitStrategy of this process's ends.
     * @param duplex       false for a one-way pipe: {@link #left()} receives, {@link #right()} sends.
     * @return the pipe.
     */
    public static Pipe create(
        final Namespace namespace,
        final String name,
        final int capacity,
        final AllowList allowList,
        final WaitStrategy waitStrategy,
        final boolean duplex)
    {
        final io.mproc.memory.MappedRegion leftRegion = namespace.create(name, PipeDescriptor.spec(capacity),
            (buffer, body, length) ->
            {
                buffer.putInt(body + PipeDescriptor.END_A_OFFSET + PipeDescriptor.DIRECTION_OFFSET,
                    duplex ? PipeDescriptor.DUPLEX : PipeDescriptor.ONE_WAY);
                QueueDescriptor.initialise(buffer, body + PipeDescriptor.A_TO_B_OFFSET, capacity, waitStrategy);
                QueueDescriptor.initialise(buffer, body + PipeDescriptor.bToAOffset(capacity), capacity, waitStrategy);
            });
        final Connection left = new Connection(leftRegion, Connection.End.A, allowList, waitStrategy);
        try
        {
            final Connection right = new Connection(namespace.open(name, PipeDescriptor.spec(capacity)),
                Connection.End.B, allowList, waitStrategy);
            return new Pipe(left, right);
        }
        catch (final RuntimeException ex)
        {
            left.close();
            throw ex;
        }
    }

    /**
     * @return true unless one-way.
     */
    public boolean isDuplex()
    {
        return left.isDuplex();
    }

    /**
     * @return end A (of a one-way pipe: the receiving end).
     */
    public Connection left()
    {
        return left;
    }

    /**
     * @return end B (of a one-way pipe: the sending end).
     */
    public Connection right()
    {
        return right;
    }

    /**
     * Closes both ends' handles in this process.
     */
    public void close()
    {
        left.close();
        right.close();
    }
}
