package io.mproc.queue;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.SharedObject;
import io.mproc.sync.WaitCondition;
import io.mproc.sync.WaitStrategies;
import io.mproc.sync.WaitStrategy;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.concurrent.TimeUnit;

/**
 * A bounded many-to-many message ring between processes, on a mapped file (layout and design:
 * {@link QueueDescriptor}): the zero-copy layer under {@link SharedQueue}. A producer claims space, writes the
 * message in place and commits it; a consumer reads through a handler over the mapped bytes. Nothing on these paths
 * allocates.
 * <pre>
 * int index = ring.tryClaim(MSG_TYPE, 8);        // or RingBuffer.INSUFFICIENT_CAPACITY when full
 * ring.buffer().putLong(index, value);
 * ring.commit(index);                           // or abort(index)
 * ring.read((type, buffer, index, length) -&gt; ..., 100);
 * </pre>
 * Each message is read by exactly one consumer. Thread-safe for any number of producer and consumer threads and
 * processes; a claim must be committed or aborted by the thread that made it. Message type ids must be positive.
 */
public final class MessageRing extends SharedObject
{
    private static final long serialVersionUID = 1L;

    private final transient RingCore core;
    /** What {@link #awaitReadable} waits for: made once, so that a wait allocates nothing. */
    private final transient WaitCondition readableOrShutdown;

    private MessageRing(final MappedRegion region, final WaitStrategy waitStrategy)
    {
        super(region);
        try
        {
            core = new RingCore(buffer, region.bodyOffset(), region.path(), waitStrategy);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
        final RingCore ringCore = core;
        readableOrShutdown = () -> ringCore.isReadable() || ringCore.isShutdown();
    }

    /**
     * Creates a new ring; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the ring.
     * @param capacity  in bytes, a power of two from {@value QueueDescriptor#MIN_CAPACITY}; messages may be up to
     *                  capacity / 8 bytes.
     * @return the ring.
     */
    public static MessageRing create(final Namespace namespace, final String name, final int capacity)
    {
        return create(namespace, name, capacity, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Creates a new ring whose waiting consumers use {@code waitStrategy}.
     *
     * @param namespace    to create it in.
     * @param name         of the ring.
     * @param capacity     in bytes.
     * @param waitStrategy of this handle; a strategy that never sleeps also spares producers the wake-up check.
     * @return the ring.
     */
    public static MessageRing create(
        final Namespace namespace, final String name, final int capacity, final WaitStrategy waitStrategy)
    {
        return create(namespace, name, capacity, waitStrategy, Producers.MANY);
    }

    /**
     * Creates a new ring for many producers or for one ({@link Producers#ONE}: claims without a compare-and-set,
     * one producer thread at a time across all processes).
     *
     * @param namespace    to create it in.
     * @param name         of the ring.
     * @param capacity     in bytes.
     * @param waitStrategy of this handle; a strategy that never sleeps also spares producers the wake-up check.
     * @param producers    how many may produce at once.
     * @return the ring.
     */
    public static MessageRing create(
        final Namespace namespace,
        final String name,
        final int capacity,
        final WaitStrategy waitStrategy,
        final Producers producers)
    {
        return new MessageRing(namespace.create(name,
            QueueDescriptor.spec(capacity, QueueDescriptor.DEFAULT_PRODUCER_ENTRIES),
            (b, offset, length) -> QueueDescriptor.initialise(b, offset, capacity, waitStrategy, producers)), waitStrategy);
    }

    /**
     * Opens the ring of that name, creating it if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the ring.
     * @param capacity  in bytes; an existing ring must have it.
     * @return the ring.
     */
    public static MessageRing createOrOpen(final Namespace namespace, final String name, final int capacity)
    {
        final WaitStrategy waitStrategy = WaitStrategies.defaultFor(namespace);
        return new MessageRing(namespace.createOrOpen(name,
            QueueDescriptor.spec(capacity, QueueDescriptor.DEFAULT_PRODUCER_ENTRIES),
            (b, offset, length) -> QueueDescriptor.initialise(b, offset, capacity, waitStrategy)), waitStrategy);
    }

    /**
     * Opens an existing ring, whatever its capacity.
     *
     * @param namespace to open it in.
     * @param name      of the ring.
     * @return the ring.
     */
    public static MessageRing open(final Namespace namespace, final String name)
    {
        return open(namespace, name, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens an existing ring whose waits use {@code waitStrategy}.
     *
     * @param namespace    to open it in.
     * @param name         of the ring.
     * @param waitStrategy of this handle.
     * @return the ring.
     */
    public static MessageRing open(final Namespace namespace, final String name, final WaitStrategy waitStrategy)
    {
        return new MessageRing(namespace.open(name, QueueDescriptor.anyCapacity()), waitStrategy);
    }

    /**
     * @return how many may produce at once, as the ring was created.
     */
    public Producers producers()
    {
        return core.producers;
    }

    /**
     * @return the ring capacity in bytes.
     */
    public int capacity()
    {
        return core.capacity;
    }

    /**
     * @return the largest message payload, in bytes.
     */
    public int maxMessageLength()
    {
        return core.maxMessageLength;
    }

    /**
     * @return the buffer claimed indices refer to (the ring's records).
     */
    public UnsafeBuffer buffer()
    {
        return core.records;
    }

    /**
     * Claims space for one message, to be written in place at the returned index and then committed or aborted by
     * the same thread.
     *
     * @param msgTypeId positive type of the message.
     * @param length    of the message payload.
     * @return index in {@link #buffer()} to write at, or {@link RingBuffer#INSUFFICIENT_CAPACITY} when full.
     * @throws MessageTooLargeException when {@code length} exceeds {@link #maxMessageLength()}.
     * @throws QueueClosedException     when the ring was shut down.
     * @throws IllegalStateException    when the ring is for {@link Producers#ONE} and another thread holds the role.
     */
    public int tryClaim(final int msgTypeId, final int length)
    {
        ensureOpen();
        return core.tryClaim(msgTypeId, length);
    }

    /**
     * Makes a claimed message visible to consumers, and wakes one if any sleeps.
     *
     * @param index returned by {@link #tryClaim(int, int)}.
     */
    public void commit(final int index)
    {
        ensureOpen();
        core.commit(index);
    }

    /**
     * Gives a claimed message up; consumers skip it.
     *
     * @param index returned by {@link #tryClaim(int, int)}.
     */
    public void abort(final int index)
    {
        ensureOpen();
        core.abort(index);
    }

    /**
     * Copies a message in.
     *
     * @param msgTypeId positive type of the message.
     * @param source    holding the message.
     * @param offset    of the message in {@code source}.
     * @param length    of the message.
     * @return true when written, false when the ring is full.
     */
    public boolean write(final int msgTypeId, final DirectBuffer source, final int offset, final int length)
    {
        ensureOpen();
        final int index = core.tryClaim(msgTypeId, length);
        if (index < 0)
        {
            return false;
        }
        core.records.putBytes(index, source, offset, length);
        core.commit(index);
        return true;
    }

    /**
     * Reads up to {@code limit} messages, each given to the handler as a view of the mapped bytes (copy what you
     * keep). Returns 0 at once when another consumer holds the consumer lock or nothing is committed.
     *
     * @param handler for each message.
     * @param limit   of messages to read.
     * @return messages read.
     */
    public int read(final MessageHandler handler, final int limit)
    {
        ensureOpen();
        return core.read(handler, limit);
    }

    /**
     * Waits, with this handle's wait strategy, until a message is committed or the ring is shut down.
     *
     * @param timeout longest wait.
     * @param unit    of the timeout.
     * @return true when a message is readable, false on timeout or shutdown with nothing left.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean awaitReadable(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        ensureOpen();
        core.waitStrategy.await(core.notEmpty, readableOrShutdown, unit.toNanos(timeout), true);
        return core.isReadable();
    }

    /**
     * @return true when no committed or claimed message waits.
     */
    public boolean isEmpty()
    {
        ensureOpen();
        return core.isEmpty();
    }

    /**
     * Marks the ring closed for every process and wakes every waiter: further claims throw
     * {@link QueueClosedException}; consumers may still drain what was committed.
     */
    public void shutdown()
    {
        ensureOpen();
        core.shutdown();
    }

    /**
     * @return true once any process called {@link #shutdown()}.
     */
    public boolean isShutdown()
    {
        ensureOpen();
        return core.isShutdown();
    }

    /**
     * Gives back this handle's producer entries and unmaps the ring; the ring lives on for other handles.
     */
    public void close()
    {
        if (!isClosed())
        {
            core.releaseProducerEntries();
        }
        super.close();
    }
}
