package io.mproc;

import io.mproc.process.SerializableRunnable;
import io.mproc.sync.WaitStrategy;

import java.time.Duration;
import java.util.Objects;

/**
 * Every option of a {@link Context}, in one place: each shared object the context makes takes its settings from
 * here, so a new option is added here and read where the object is made, not in every type's factory.
 * Immutable; {@link #builder()} makes one, {@link #toBuilder()} a changed copy.
 */
public final class ContextOptions
{
    private static final ContextOptions DEFAULTS = builder().build();

    private final Duration openTimeout;
    private final int workers;
    private final WaitStrategy waitStrategy;
    private final SerializableRunnable poolInitializer;

    private ContextOptions(final Builder builder)
    {
        this.openTimeout = builder.openTimeout;
        this.workers = builder.workers;
        this.waitStrategy = builder.waitStrategy;
        this.poolInitializer = builder.poolInitializer;
    }

    /** @return the options a context gets when none are given. */
    public static ContextOptions defaults()
    {
        return DEFAULTS;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public Builder toBuilder()
    {
        return new Builder().openTimeout(openTimeout).workers(workers).waitStrategy(waitStrategy)
            .poolInitializer(poolInitializer);
    }

    /** @return how long opening an object waits for another process that is creating it. */
    public Duration openTimeout()
    {
        return openTimeout;
    }

    /** @return the number of workers of {@link Context#pool()}. */
    public int workers()
    {
        return workers;
    }

    /**
     * @return how the shared-memory backend's locks, events, queues and the like wait ({@link WaitStrategy}), or
     * null for the namespace's default ({@link io.mproc.sync.WaitStrategies#defaultFor}). Other backends ignore it.
     */
    public WaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @return what every worker of the context's pools runs once before its first task (Python's
     * {@code Pool(initializer=...)}), or null for nothing.
     */
    public SerializableRunnable poolInitializer()
    {
        return poolInitializer;
    }

    @Override
    public String toString()
    {
        return "ContextOptions{openTimeout=" + openTimeout + ", workers=" + workers +
            (null == waitStrategy ? "" : ", waitStrategy=" + waitStrategy) +
            (null == poolInitializer ? "" : ", poolInitializer=" + poolInitializer) + '}';
    }

    /** Builds {@link ContextOptions}; every setting starts at its default. */
    public static final class Builder
    {
        private Duration openTimeout = io.mproc.memory.Namespace.DEFAULT_OPEN_TIMEOUT;
        private int workers = Runtime.getRuntime().availableProcessors();
        private WaitStrategy waitStrategy;
        private SerializableRunnable poolInitializer;

        private Builder()
        {
        }

        public Builder openTimeout(final Duration openTimeout)
        {
            Objects.requireNonNull(openTimeout, "openTimeout");
            if (openTimeout.isNegative())
            {
                throw new IllegalArgumentException("openTimeout must not be negative: " + openTimeout);
            }
            this.openTimeout = openTimeout;
            return this;
        }

        public Builder workers(final int workers)
        {
            if (workers < 1)
            {
                throw new IllegalArgumentException("workers must be at least 1: " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * @param waitStrategy how shared-memory objects wait; null (the default) for the namespace's default.
         * @return this builder.
         */
        public Builder waitStrategy(final WaitStrategy waitStrategy)
        {
            this.waitStrategy = waitStrategy;
            return this;
        }

        /**
         * @param poolInitializer run once by every pool worker before its first task; it travels to the workers by
         *                        serialisation. Null (the default) for none. On a cluster the workers are the server
         *                        nodes, shared by every pool: there it runs once per node and pool, before the first
         *                        of that pool's tasks the node runs (and prints, if it prints, on the node's output).
         * @return this builder.
         */
        public Builder poolInitializer(final SerializableRunnable poolInitializer)
        {
            this.poolInitializer = poolInitializer;
            return this;
        }

        public ContextOptions build()
        {
            return new ContextOptions(this);
        }
    }
}
