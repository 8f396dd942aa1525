package io.mproc.queue;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.sync.WaitStrategy;
import org.agrona.concurrent.MessageHandler;

import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded queue shared by any number of producer and consumer processes, the twin of Python's
 * {@code multiprocessing.Queue}: each value put is taken by exactly one consumer. A {@link BlockingQueue}: {@code put}
 * and {@code take} block with the handle's {@link WaitStrategy} (by default a short spin, then a futex sleep that
 * uses no CPU), {@code offer} and {@code poll} have timeout forms, and interrupts are honoured. There is no feeder
 * thread: a value is in shared memory when {@code put} returns.
 * <p>
 * Values are encoded by a {@link Codec}. The default {@link ObjectCodec} takes, with no configuration, primitives,
 * strings, byte arrays and buffers (straight into the ring), and JDK values ({@code BigDecimal}, {@code UUID},
 * {@code java.time}, ...), the JDK's lists, sets and maps ({@code List.of}, {@code Map.of} included), arrays, enums,
 * records and shared-object handles, nested as deep as they go. Other user classes travel only when the
 * {@link AllowList} of both ends names them ({@link Builder#allowList}); a value that cannot travel fails at
 * {@code put}/{@code offer} with {@link UnsendableValueException}, and nothing outside those rules is ever
 * instantiated by a consumer.
 * Capacity is in bytes of the ring (each message takes its length plus an 8-byte header, aligned to 8).
 * <p>
 * {@link #shutdown()} is the queue's close for everyone: producers get {@link QueueClosedException}, consumers drain
 * what is left and then get it too, and blocked callers are woken. {@link #close()} only releases this handle.
 * A handle sent to another process arrives there as a live handle on the same queue, with the default codec.
 *
 * @param <E> type of the values.
 */
public class SharedQueue<E> extends AbstractSharedQueue<E> implements BlockingQueue<E>
{
    private static final long serialVersionUID = 1L;
    /** Ring capacity when none is given: 1 MiB, for messages of up to 128 KiB. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    final transient RingCore core;
    private final transient Codec<E> codec;
    private final transient ThreadLocal<QueueTaker<E>> takers;
    /** The last consumer thread's taker, so that the usual single consumer thread skips the thread-local lookup. */
    private transient QueueTaker<E> lastTaker;
    private final transient ThreadLocal<QueueDrainer<E>> drainers;
    private final transient ThreadLocal<RingValueWriter> scratches =
        ThreadLocal.withInitial(RingValueWriter::new);

    /**
     * @param region       of the queue.
     * @param codec        of the values.
     * @param waitStrategy of this handle.
     */
    protected SharedQueue(final MappedRegion region, final Codec<E> codec, final WaitStrategy waitStrategy)
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
        this.codec = ObjectCodec.at(codec, "queue '" + region.name() + "' (" + region.path() + ")",
            "SharedQueue.builder(namespace, \"" + region.name() + "\").allowList(AllowList.of(%s.class))");
        this.takers = ThreadLocal.withInitial(() -> new QueueTaker<>(core, this.codec));
        this.drainers = ThreadLocal.withInitial(() -> new QueueDrainer<>(this.codec));
    }

    /**
     * Starts describing a queue to create or open.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return a builder.
     */
    public static Builder<Object> builder(final Namespace namespace, final String name)
    {
        return new Builder<>(namespace, name, new ObjectCodec(AllowList.NONE));
    }

    /**
     * Creates a queue of any values with the default capacity; fails if the name exists.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return the queue.
     */
    public static SharedQueue<Object> create(final Namespace namespace, final String name)
    {
        return builder(namespace, name).create();
    }

    /**
     * Opens the queue of that name, creating it with the default capacity if needed.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return the queue.
     */
    public static SharedQueue<Object> createOrOpen(final Namespace namespace, final String name)
    {
        return builder(namespace, name).createOrOpen();
    }

    /**
     * Opens an existing queue, with the default codec (JDK values, collections, records, enums and handles; no other
     * user class) and wait strategy.
     *
     * @param namespace of the queue.
     * @param name      of the queue.
     * @return the queue.
     */
    public static SharedQueue<Object> open(final Namespace namespace, final String name)
    {
        return builder(namespace, name).open();
    }

    /**
     * @return the ring capacity in bytes.
     */
    public int capacityInBytes()
    {
        return core.capacity;
    }

    /**
     * @return the largest encoded value, in bytes.
     */
    public int maxMessageLength()
    {
        return core.maxMessageLength;
    }

    /**
     * @return how many may put at once, as the queue was created.
     */
    public Producers producers()
    {
        return core.producers;
    }

    /**
     * @return the wait strategy of this handle.
     */
    public WaitStrategy waitStrategy()
    {
        return core.waitStrategy;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Producers
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * @throws MessageTooLargeException when the encoded value exceeds {@link #maxMessageLength()}.
     * @throws UnsendableValueException when the value, or something in it, cannot travel; nothing is written.
     * @throws QueueClosedException     when the queue was shut down.
     */
    public boolean offer(final E value)
    {
        Objects.requireNonNull(value, "value");
        ensureOpen();
        return scratches.get().tryWrite(core, codec, value);
    }

    /**
     * {@inheritDoc}
     */
    public boolean offer(final E value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        Objects.requireNonNull(value, "value");
        ensureOpen();
        final RingValueWriter scratch = scratches.get();
        final RingCore core = this.core;
        if (scratch.tryWrite(core, codec, value))
        {
            return true;
        }
        final boolean[] written = new boolean[1];
        final boolean met = core.waitStrategy.await(
            core.notFull, () -> core.isShutdown() || (written[0] = scratch.retryWrite(core, codec, value)),
            unit.toNanos(timeout), true);
        if (written[0])
        {
            return true;
        }
        scratch.value = null;
        if (met)
        {
            throw new QueueClosedException("queue is shut down: " + path());
        }
        return false;
    }

    /**
     * {@inheritDoc}
     */
    public void put(final E value) throws InterruptedException
    {
        offer(value, WaitStrategy.FOREVER, TimeUnit.NANOSECONDS);
    }

    /**
     * {@inheritDoc} Python's {@code put_nowait}.
     */
    public boolean add(final E value)
    {
        if (!offer(value))
        {
            throw new IllegalStateException("queue full: capacityInBytes=" + core.capacity + ", path=" + path());
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Consumers
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * @throws MessageDecodingException when the value cannot be decoded (it is consumed nonetheless).
     * @throws QueueClosedException     when the queue was shut down and is empty.
     */
    public E poll()
    {
        ensureOpen();
        final QueueTaker<E> taker = taker();
        if (taker.isMet() && taker.taken)
        {
            return taker.take();
        }
        if (core.isShutdown() && core.isEmpty())
        {
            throw new QueueClosedException("queue is shut down and empty: " + path());
        }
        return null;
    }

    /**
     * {@inheritDoc}
     *
     * @throws QueueClosedException when the queue was shut down and is empty.
     */
    public E poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        ensureOpen();
        final QueueTaker<E> taker = taker();
        if (core.waitStrategy.await(core.notEmpty, taker, unit.toNanos(timeout), true))
        {
            if (taker.taken)
            {
                return taker.take();
            }
            throw new QueueClosedException("queue is shut down and empty: " + path());
        }
        return null;
    }

    private QueueTaker<E> taker()
    {
        final QueueTaker<E> cached = lastTaker;
        if (null != cached && cached.thread == Thread.currentThread())
        {
            return cached;
        }
        final QueueTaker<E> taker = takers.get();
        lastTaker = taker;
        return taker;
    }

    /**
     * {@inheritDoc}
     *
     * @throws QueueClosedException when the queue was shut down and is empty.
     */
    public E take() throws InterruptedException
    {
        return poll(WaitStrategy.FOREVER, TimeUnit.NANOSECONDS);
    }

    /**
     * {@inheritDoc}
     */
    public E peek()
    {
        ensureOpen();
        final Object[] value = new Object[1];
        RingSnapshot.peek(core, (typeId, buffer, index, length) -> value[0] = codec.decode(typeId, buffer, index, length));
        @SuppressWarnings("unchecked") final E peeked = (E)value[0];
        return peeked;
    }

    /**
     * Zero-copy read: hands up to {@code limit} raw messages to {@code handler} as views of the mapped ring.
     *
     * @param handler for each message; decode with {@link #codec()} if wanted.
     * @param limit   of messages.
     * @return messages read.
     */
    public int read(final MessageHandler handler, final int limit)
    {
        ensureOpen();
        return core.read(handler, limit);
    }

    /**
     * @return the codec of this handle.
     */
    public Codec<E> codec()
    {
        return codec;
    }

    /**
     * {@inheritDoc}
     */
    public int drainTo(final Collection<? super E> collection)
    {
        return drainTo(collection, Integer.MAX_VALUE);
    }

    /**
     * {@inheritDoc} Takes the messages in batches under one hold of the consumer lock: the fast way to consume
     * (a {@link #poll()} per message pays the lock each time). A consumer killed mid-batch loses what it had taken.
     */
    public int drainTo(final Collection<? super E> collection, final int maxElements)
    {
        Objects.requireNonNull(collection, "collection");
        if (collection == this)
        {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        ensureOpen();
        // One hold of the consumer lock per batch of up to 256; the consumed position still moves past each message.
        final QueueDrainer<E> drainer = drainers.get();
        drainer.collection = collection;
        try
        {
            int drained = 0;
            while (drained < maxElements)
            {
                final int read = core.read(drainer, Math.min(256, maxElements - drained));
                drained += read;
                if (null != drainer.failure)
                {
                    throw drainer.failure;
                }
                if (0 == read)
                {
                    break;
                }
            }
            return drained;
        }
        finally
        {
            drainer.collection = null;
            drainer.failure = null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // State
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Counts the committed messages (Python's {@code qsize()}): exact when nothing moves, a snapshot otherwise.
     *
     * @return messages waiting.
     */
    public int size()
    {
        ensureOpen();
        return RingSnapshot.countMessages(core);
    }

    /**
     * {@inheritDoc}
     */
    public boolean isEmpty()
    {
        ensureOpen();
        return !core.isReadable();
    }

    /**
     * An upper bound of the values that can still be put now: free bytes over the smallest record (8 bytes, an
     * empty value); values of n bytes take 8 + n rounded up to 8. Consumers give space back in bulk (see
     * {@link QueueDescriptor}), so just after a take this may not count the space of what was taken yet; a put
     * that needs it frees it.
     *
     * @return free bytes / 8.
     */
    public int remainingCapacity()
    {
        ensureOpen();
        return core.freeBytes() / 8;
    }

    /**
     * Closes the queue for every process (Python's {@code close()} for all producers at once): further puts throw
     * {@link QueueClosedException}, consumers drain what is left and then get it, and blocked callers are woken.
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
     * Releases this handle (its producer entries and mapping); the queue lives on for other handles.
     */
    public void close()
    {
        if (!isClosed())
        {
            core.releaseProducerEntries();
        }
        super.close();
    }

    public String toString()
    {
        return getClass().getSimpleName() + "{name=" + name() + ", capacityInBytes=" + core.capacity +
            (isClosed() ? ", closed" : ", shutdown=" + core.isShutdown()) + '}';
    }

    /**
     * Describes a queue to create or open: capacity, producers, codec and wait strategy; made by
     * {@link SharedQueue#builder}. The options and verbs are in its body, {@code QueueBuilder}.
     * <p>
     * mproc's builders are its static factories with options, and end in the factory's verb, not in
     * {@code build()}: {@code SharedQueue.builder(ns, "q").capacity(1 << 20).create()} is
     * {@code SharedQueue.create(ns, "q")} with a larger ring.
     *
     * @param <E> type of the values.
     */
    public static final class Builder<E> extends QueueBuilder<E>
    {
        Builder(final Namespace namespace, final String name, final Codec<E> codec)
        {
            super(namespace, name, codec);
        }
    }
}
