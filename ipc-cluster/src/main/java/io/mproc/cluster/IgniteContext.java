package io.mproc.cluster;

import io.mproc.Context;
import io.mproc.ContextOptions;
import io.mproc.JvmFlags;
import io.mproc.pool.Pool;
import io.mproc.process.ChildProcess;
import io.mproc.process.SerializableBiConsumer;
import io.mproc.process.SerializableConsumer;
import io.mproc.process.SerializableRunnable;
import io.mproc.sync.SharedBarrier;
import io.mproc.sync.SharedCondition;
import io.mproc.sync.SharedEvent;
import io.mproc.sync.SharedSemaphore;
import io.mproc.value.SharedDouble;
import io.mproc.value.SharedLong;
import io.mproc.value.SharedLongArray;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteQueue;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.CollectionConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;

/**
 * The front door on an Apache Ignite cluster: every primitive of {@link Context}, shared by every process whose
 * context names the same cluster and application ({@link ClusterUri}). The context runs one Ignite node in this JVM:
 * an embedded server (it holds copies of the objects and runs pool tasks) or a client (it joins running servers).
 * Every object's Ignite name is {@code app/kind/name}, so two applications on one cluster, or a lock and a queue
 * of the same name, never meet.
 * <p>
 * Handles are sendable: a handle put on a queue, captured by a pool task or given to a child process arrives as
 * the same object, reopened through that JVM's context on the cluster (a client node joined for it if it has none).
 */
public final class IgniteContext implements Context
{
    private static final Logger LOG = LoggerFactory.getLogger(IgniteContext.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** A node's work directory (marshaller mappings) is {@code java.io.tmpdir/mproc-ignite-PID-random}. */
    private static final String WORK_PREFIX = "mproc-ignite-";
    /** {@link JvmFlags#cluster()} less what every mproc child gets anyway ({@link JvmFlags#required()}). */
    private static final String[] IGNITE_ONLY_FLAGS = JvmFlags.cluster().stream()
        .filter((flag) -> !JvmFlags.required().contains(flag)).toArray(String[]::new);

    private final ClusterUri uri;
    private final ContextOptions options;
    private final Ignite ignite;
    private final Path workDirectory;
    private final List<Pool> pools = new ArrayList<>();
    /** The application's permit cache (semaphores and locks), created or opened on first use. */
    private volatile IgniteCache<String, PermitCount> permitCache;
    private volatile boolean closed;

    private IgniteContext(final ClusterUri uri, final ContextOptions options, final Ignite ignite, final Path work)
    {
        this.uri = uri;
        this.options = options;
        this.ignite = ignite;
        this.workDirectory = work;
    }

    /**
     * Starts this JVM's node of the cluster and returns the context on it.
     *
     * @param uri     the cluster, the application and the node's mode.
     * @param options of every object of the context.
     * @return the open context; close it to stop the node.
     * @throws IllegalStateException when a client finds no server within {@link ContextOptions#openTimeout()},
     *                               naming the URI.
     */
    public static IgniteContext open(final ClusterUri uri, final ContextOptions options)
    {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        NodeConfiguration.quietSystemProperties(uri);
        final Path work;
        try
        {
            deleteWorkOfDeadProcesses();
            work = Files.createTempDirectory(WORK_PREFIX + ProcessHandle.current().pid() + "-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the node's work directory", ex);
        }
        final String instance = "mproc-" + uri.app() + "-" + ProcessHandle.current().pid() + "-" +
            INSTANCES.incrementAndGet();
        try
        {
            final Ignite ignite = Ignition.start(NodeConfiguration.of(uri, instance, work, options.openTimeout()));
            final IgniteContext context = new IgniteContext(uri, options, ignite, work);
            ClusterContexts.opened(context);
            LOG.debug("joined cluster {} as {} node {}", uri.clusterKey(), uri.client() ? "client" : "server",
                ignite.cluster().localNode().id());
            return context;
        }
        catch (final IgniteException ex)
        {
            deleteTree(work);
            throw new IllegalStateException("cannot join cluster " + uri + (uri.client() ?
                " as a client: no server node answered within " + options.openTimeout() + " (start one: " +
                "bin/mproc-node, or open the context without mode=client)" : "") + ": " + ex.getMessage(), ex);
        }
    }

    /** @return the cluster URI this context was opened on. */
    public ClusterUri uri()
    {
        return uri;
    }

    /** @return this JVM's Ignite node, for what mproc's interfaces do not cover. */
    public Ignite ignite()
    {
        return ignite;
    }

    /** A child JVM that can join the cluster: Ignite's flags, which mproc's own ({@link JvmFlags#required()}) lack. */
    @Override
    public ChildProcess process(final SerializableRunnable task)
    {
        return new ChildProcess(task).jvmOptions(IGNITE_ONLY_FLAGS);
    }

    @Override
    public <T> ChildProcess process(final SerializableConsumer<T> task, final T argument)
    {
        return new ChildProcess(task, argument).jvmOptions(IGNITE_ONLY_FLAGS);
    }

    @Override
    public <T, U> ChildProcess process(final SerializableBiConsumer<T, U> task, final T first, final U second)
    {
        return new ChildProcess(task, first, second).jvmOptions(IGNITE_ONLY_FLAGS);
    }

    @Override
    public String backend()
    {
        return ClusterUri.SCHEME;
    }

    @Override
    public ContextOptions options()
    {
        return options;
    }

    @Override
    public SharedLong longValue(final String name, final long initialValue)
    {
        return new ClusterLong(uri, name, atomic("long", name, initialValue));
    }

    @Override
    public SharedDouble doubleValue(final String name, final double initialValue)
    {
        return new ClusterDouble(uri, name, atomic("double", name, Double.doubleToRawLongBits(initialValue)));
    }

    @Override
    public SharedLongArray longArray(final String name, final int length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("array length must not be negative: " + length + ", array=" + name);
        }
        final int recorded = (int)atomic("array", name + "#length", length).get();
        return new ClusterLongArray(uri, name, recorded, (index) -> atomic("array", name + "[" + index + "]", 0));
    }

    @Override
    public Lock lock(final String name)
    {
        return new ClusterLock(uri, name, permits(objectName("lock", name), 1, "lock '" + name + "'"));
    }

    @Override
    public Lock rlock(final String name)
    {
        return new ClusterRLock(uri, name, HandleRef.Kind.RLOCK,
            ignite.reentrantLock(objectName("rlock", name), true, false, true));
    }

    @Override
    public SharedCondition condition(final String name)
    {
        return new ClusterCondition(uri, name, new ClusterRLock(uri, name, HandleRef.Kind.CONDITION_LOCK,
            ignite.reentrantLock(objectName("condition", name), true, false, true)));
    }

    @Override
    public SharedSemaphore semaphore(final String name, final int permits)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("permits must not be negative: " + permits + ", semaphore=" + name);
        }
        return new ClusterSemaphore(uri, name, permits, permits(objectName("semaphore", name), permits,
            "semaphore '" + name + "'"));
    }

    @Override
    public SharedEvent event(final String name)
    {
        return new ClusterEvent(uri, name, atomic("event", name, 0));
    }

    @Override
    public SharedBarrier barrier(final String name, final int parties)
    {
        if (parties < 1)
        {
            throw new IllegalArgumentException("parties must be at least 1: " + parties + ", barrier=" + name);
        }
        final int recorded = (int)atomic("barrier", name + "#parties", parties).get();
        final ClusterBarrier.ResetMarks resets = new ClusterBarrier.ResetMarks()
        {
            @Override
            public void mark(final long generation)
            {
                atomic("barrier", name + "#reset#" + generation, 1);
            }

            @Override
            public boolean marked(final long generation)
            {
                return null != ignite.atomicLong(objectName("barrier", name + "#reset#" + generation), 0, false);
            }
        };
        return new ClusterBarrier(uri, name, recorded, atomic("barrier", name, 0), resets);
    }

    @Override
    public <E> BlockingQueue<E> queue(final String name)
    {
        final CollectionConfiguration config = new CollectionConfiguration()
            .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)
            .setCacheMode(CacheMode.PARTITIONED)
            .setBackups(uri.backups());
        return new ClusterQueue<>(uri, name, ignite.queue(objectName("queue", name), 0, config));
    }

    @Override
    public ClusterPipe pipe(final String name, final boolean duplex)
    {
        final String pipeName = objectName("pipe", name);
        if (!pipes().putIfAbsent(pipeName, new byte[] {(byte)(duplex ? 1 : 0)}))
        {
            throw new IllegalStateException("a pipe named '" + name + "' exists on " + uri.uri() + ": a pipe is " +
                "made once and its ends handed out; choose another name");
        }
        return new ClusterPipe(pipeEnd(name, false, duplex), pipeEnd(name, true, duplex), duplex);
    }

    /** One end of a pipe that {@link #pipe} made (or will make): for a handle that arrives in this process. */
    ClusterConnection pipeEnd(final String name, final boolean right, final boolean duplex)
    {
        final CollectionConfiguration config = new CollectionConfiguration()
            .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)
            .setCacheMode(CacheMode.PARTITIONED)
            .setBackups(uri.backups());
        final IgniteQueue<byte[]> toLeft = ignite.queue(objectName("pipe", name) + "/to-left", 0, config);
        final IgniteQueue<byte[]> toRight = duplex ? ignite.queue(objectName("pipe", name) + "/to-right", 0, config)
            : null;
        return right ? new ClusterConnection(uri, name, true, duplex, ignite, toRight, toLeft, pipes())
            : new ClusterConnection(uri, name, false, duplex, ignite, toLeft, toRight, pipes());
    }

    private IgniteCache<String, byte[]> pipes()
    {
        return ignite.getOrCreateCache(cacheConfig(uri.app() + "/pipes", CacheAtomicityMode.ATOMIC));
    }

    @Override
    public Pool pool()
    {
        return pool(options.workers());
    }

    @Override
    public Pool pool(final int workers)
    {
        ensureOpen();
        final Pool pool = new ClusterPool(ignite, workers, uri.app(), options.poolInitializer());
        synchronized (pools)
        {
            pools.add(pool);
        }
        return pool;
    }

    @Override
    public <K, V> Map<K, V> dict(final String name)
    {
        return new ClusterDict<>(uri, name, ignite.getOrCreateCache(cacheConfig(objectName("dict", name),
            CacheAtomicityMode.ATOMIC)));
    }

    @Override
    public <E> List<E> list(final String name)
    {
        return new ClusterList<>(uri, name, ignite, ignite.getOrCreateCache(cacheConfig(uri.app() + "/lists",
            CacheAtomicityMode.TRANSACTIONAL)));
    }

    /** @return true once {@link #close()} ran. */
    public boolean isClosed()
    {
        return closed;
    }

    /** Ends this context's pools (gracefully), stops its node and deletes the node's work directory. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        ClusterContexts.closed(this);
        synchronized (pools)
        {
            pools.forEach(Pool::shutdownNow);
        }
        try
        {
            ignite.close();
        }
        finally
        {
            deleteTree(workDirectory);
        }
    }

    @Override
    public String toString()
    {
        return "IgniteContext{" + uri + (closed ? ", closed" : "") + '}';
    }

    private CacheConfiguration<String, byte[]> cacheConfig(final String cacheName, final CacheAtomicityMode mode)
    {
        return new CacheConfiguration<String, byte[]>(cacheName)
            .setAtomicityMode(mode)
            .setCacheMode(CacheMode.PARTITIONED)
            .setBackups(uri.backups())
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC);
    }

    private ClusterPermits permits(final String objectName, final int permits, final String what)
    {
        IgniteCache<String, PermitCount> cache = permitCache;
        if (null == cache)
        {
            synchronized (this)
            {
                cache = permitCache;
                if (null == cache)
                {
                    cache = ignite.getOrCreateCache(ClusterPermits.cacheConfiguration(uri.app() + "/permits",
                        uri.backups()));
                    permitCache = cache;
                }
            }
        }
        return ClusterPermits.open(ignite, cache, objectName, permits, what);
    }

    private IgniteAtomicLong atomic(final String kind, final String name, final long initialValue)
    {
        return ignite.atomicLong(objectName(kind, name), initialValue, true);
    }

    private String objectName(final String kind, final String name)
    {
        ensureOpen();
        if (null == name || name.isEmpty())
        {
            throw new IllegalArgumentException("a " + kind + " needs a non-empty name, got " +
                (null == name ? "null" : "''"));
        }
        return uri.app() + '/' + kind + '/' + name;
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("context is closed: " + uri);
        }
    }

    /**
     * Deletes the work directories of nodes whose process is gone (SIGKILLed, so they could not delete their own),
     * so that killed nodes leave nothing behind for long. A cold path: once per context opened, and in the tests'
     * clean-up once their nodes are gone.
     */
    static void deleteWorkOfDeadProcesses()
    {
        final Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(temp))
        {
            entries.filter((path) -> path.getFileName().toString().startsWith(WORK_PREFIX))
                .filter((path) -> !ownerAlive(path.getFileName().toString().substring(WORK_PREFIX.length())))
                .forEach(IgniteContext::deleteTree);
        }
        catch (final IOException ex)
        {
            LOG.debug("could not list {} for dead nodes' work directories", temp, ex);
        }
    }

    private static boolean ownerAlive(final String pidAndRandom)
    {
        final int dash = pidAndRandom.indexOf('-');
        try
        {
            final long pid = Long.parseLong(dash < 0 ? pidAndRandom : pidAndRandom.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        catch (final NumberFormatException ex)
        {
            return true; // not one of ours: leave it
        }
    }

    private static void deleteTree(final Path root)
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            LOG.warn("could not delete the node's work directory {}", root, ex);
        }
    }
}
