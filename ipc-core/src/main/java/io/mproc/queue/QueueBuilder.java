package io.mproc.queue;

import io.mproc.memory.BodyInitializer;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionSpec;
import io.mproc.sync.WaitStrategies;
import io.mproc.sync.WaitStrategy;

import java.util.Objects;

/**
 * Describes a queue to create or open: capacity, producers, codec and wait strategy. The body of
 * {@link SharedQueue.Builder}, the public name of this builder, kept in its own file so that the queue's file is
 * about the queue.
 * <p>
 * mproc's builders are its static factories with options, and end in the factory's verb, not in
 * {@code build()}: {@code SharedQueue.builder(ns, "q").capacity(1 << 20).create()} is
 * {@code SharedQueue.create(ns, "q")} with a larger ring, and {@link #createOrOpen()} and {@link #open()} stand
 * for their factories the same way. For a named shared object, whether it is created, opened or either is the
 * one thing the caller must say.
 *
 * @param <E> type of the values.
 */
abstract sealed class QueueBuilder<E> permits SharedQueue.Builder
{
    private final Namespace namespace;
    private final String name;
    private Codec<E> codec;
    private int capacity = SharedQueue.DEFAULT_CAPACITY;
    private WaitStrategy waitStrategy;
    private Producers producers = Producers.MANY;

    QueueBuilder(final Namespace namespace, final String name, final Codec<E> codec)
    {
        this.namespace = namespace;
        this.name = name;
        this.codec = codec;
    }

    /**
     * @param capacityInBytes of the ring: a power of two from {@value QueueDescriptor#MIN_CAPACITY}.
     * @return this.
     */
    public SharedQueue.Builder<E> capacity(final int capacityInBytes)
    {
        QueueDescriptor.checkCapacity(capacityInBytes);
        this.capacity = capacityInBytes;
        return self();
    }

    /**
     * @param producers how many may put at once, for a queue this builder creates: {@link Producers#ONE} makes
     *                  puts cheaper (no compare-and-set) and refuses a second producer thread or process.
     * @return this.
     */
    public SharedQueue.Builder<E> producers(final Producers producers)
    {
        this.producers = Objects.requireNonNull(producers, "producers");
        return self();
    }

    /**
     * @param codec of the values.
     * @param <T>   type of the values.
     * @return this builder, retyped.
     */
    @SuppressWarnings("unchecked")
    public <T> SharedQueue.Builder<T> codec(final Codec<T> codec)
    {
        final QueueBuilder<T> retyped = (QueueBuilder<T>)this;
        retyped.codec = Objects.requireNonNull(codec, "codec");
        return retyped.self();
    }

    /**
     * Uses the default {@link ObjectCodec} with this allow-list of user classes, beyond the JDK values,
     * collections, records, enums and handles that travel without one. Give it on both sides: this handle sends
     * and takes only what it allows.
     *
     * @param allowList of user classes this handle may send and instantiate.
     * @return this builder.
     */
    @SuppressWarnings("unchecked")
    public SharedQueue.Builder<Object> allowList(final AllowList allowList)
    {
        final QueueBuilder<Object> retyped = (QueueBuilder<Object>)this;
        retyped.codec = new ObjectCodec(allowList);
        return retyped.self();
    }

    /**
     * @param waitStrategy for this handle's blocking calls; the creator's also decides whether releasers must
     *                     wake sleepers (a strategy that never sleeps spares them that check).
     * @return this.
     */
    public SharedQueue.Builder<E> waitStrategy(final WaitStrategy waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return self();
    }

    /**
     * @return a new queue; fails if the name exists.
     */
    public SharedQueue<E> create()
    {
        return create(SharedQueue::new);
    }

    /**
     * @return the queue of that name, created if needed (an existing one must have this capacity).
     */
    public SharedQueue<E> createOrOpen()
    {
        return createOrOpen(SharedQueue::new);
    }

    /**
     * @return the existing queue of that name, whatever its capacity.
     */
    public SharedQueue<E> open()
    {
        return open(SharedQueue::new);
    }

    /**
     * @return a new {@link SimpleQueue}; fails if the name exists.
     */
    public SimpleQueue<E> createSimple()
    {
        return new SimpleQueue<>(create());
    }

    /**
     * @return the {@link SimpleQueue} of that name, created if needed (an existing one must have this capacity).
     */
    public SimpleQueue<E> createOrOpenSimple()
    {
        return new SimpleQueue<>(createOrOpen());
    }

    /**
     * @return the existing queue of that name as a {@link SimpleQueue}, whatever its capacity.
     */
    public SimpleQueue<E> openSimple()
    {
        return new SimpleQueue<>(open());
    }

    JoinableQueue<E> createJoinable()
    {
        return create(JoinableQueue::new);
    }

    /**
     * @return the queue of that name as a {@link JoinableQueue}, created with this builder's settings if needed.
     */
    public JoinableQueue<E> createOrOpenJoinable()
    {
        return createOrOpen(JoinableQueue::new);
    }

    JoinableQueue<E> openJoinable()
    {
        return open(JoinableQueue::new);
    }

    private <Q> Q create(final Handle<E, Q> handle)
    {
        final WaitStrategy strategy = strategy();
        return handle.of(namespace.create(name, spec(), initialiser(strategy)), codec, strategy);
    }

    private <Q> Q createOrOpen(final Handle<E, Q> handle)
    {
        final WaitStrategy strategy = strategy();
        return handle.of(namespace.createOrOpen(name, spec(), initialiser(strategy)), codec, strategy);
    }

    private <Q> Q open(final Handle<E, Q> handle)
    {
        return handle.of(namespace.open(name, QueueDescriptor.anyCapacity()), codec, strategy());
    }

    private BodyInitializer initialiser(final WaitStrategy strategy)
    {
        final int capacity = this.capacity;
        final Producers producers = this.producers;
        return (buffer, offset, length) -> QueueDescriptor.initialise(buffer, offset, capacity, strategy, producers);
    }

    private RegionSpec spec()
    {
        return QueueDescriptor.spec(capacity, QueueDescriptor.DEFAULT_PRODUCER_ENTRIES);
    }

    private WaitStrategy strategy()
    {
        return null != waitStrategy ? waitStrategy : WaitStrategies.defaultFor(namespace);
    }

    /**
     * @return this, as the one subclass it is.
     */
    @SuppressWarnings("unchecked")
    private SharedQueue.Builder<E> self()
    {
        return (SharedQueue.Builder<E>)this;
    }

    /**
     * The constructor of a queue handle type, for the builder.
     */
    @FunctionalInterface
    private interface Handle<E, Q>
    {
        Q of(MappedRegion region, Codec<E> codec, WaitStrategy waitStrategy);
    }
}
