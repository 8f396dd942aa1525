package io.mproc;

import io.mproc.manager.DictProxy;
import io.mproc.manager.ListProxy;
import io.mproc.manager.Manager;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;
import io.mproc.memory.RegionExistsException;
import io.mproc.pool.ProcessPool;
import io.mproc.queue.AllowList;
import io.mproc.queue.Connection;
import io.mproc.queue.JoinableQueue;
import io.mproc.queue.Pipe;
import io.mproc.queue.SharedQueue;
import io.mproc.queue.SimpleQueue;
import io.mproc.sync.Barrier;
import io.mproc.sync.BoundedSemaphore;
import io.mproc.sync.Condition;
import io.mproc.sync.Event;
import io.mproc.sync.Lock;
import io.mproc.sync.PermitTracking;
import io.mproc.sync.RLock;
import io.mproc.sync.Semaphore;
import io.mproc.sync.SyncOptions;
import io.mproc.sync.WaitStrategy;
import io.mproc.value.BooleanValue;
import io.mproc.value.ByteArray;
import io.mproc.value.DoubleArray;
import io.mproc.value.DoubleValue;
import io.mproc.value.IntArray;
import io.mproc.value.IntValue;
import io.mproc.value.LongArray;
import io.mproc.value.LongValue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared-memory {@link Context}: every object is a file of one {@link Namespace} on this machine, created on
 * first use and opened by every later caller of its name ({@code createOrOpen}), with the wait strategy and open
 * timeout of the context's {@link ContextOptions}. The methods return mproc's own types, which offer more than the
 * backend-neutral interfaces (a lock's {@code ownerDied()}, a value's {@code updateAndGet}, ...); a few primitives
 * exist only here: {@link #pipe}, {@link #joinableQueue}, {@link #simpleQueue}, int and boolean values, byte, int
 * and double arrays, {@link #boundedSemaphore} and the {@link #manager()} itself.
 * <p>
 * <b>What closing does.</b> A context on a namespace it opened itself ({@link Multiprocessing#context()} or a
 * {@code shm:} URI) closes that namespace, which unmaps every handle made through it; a temporary one is deleted with
 * its files. A context on a namespace the caller gave ({@link Multiprocessing#context(Namespace)}) leaves it, and its
 * handles, to the caller. Either way the pools the context made are closed (gracefully: submitted work finishes).
 * <p>
 * <b>The manager</b> behind {@link #dict} and {@link #list} is the namespace's manager named
 * {@value #MANAGER_NAME}: the first context that needs it, in any process, connects to the one that runs or starts
 * it when none does. The context that <i>started</i> it owns it: closing that context shuts the manager down, and
 * then every other process's dict and list proxies fail with {@link io.mproc.manager.ManagerNotRunningException}.
 * So let the longest-lived process (the parent) touch {@link #dict}, {@link #list} or {@link #manager()} first.
 * <p>
 * Thread-safe.
 */
public final class LocalContext implements Context
{
    /** The name, in every namespace, of the manager that serves the contexts' dicts and lists. */
    public static final String MANAGER_NAME = "context-manager";

    private final Namespace namespace;
    private final boolean ownsNamespace;
    private final ContextOptions options;
    private final SyncOptions syncOptions;
    private final WaitStrategy strategy;
    private final String uri;
    private final ContextManager manager;
    private final List<ProcessPool> pools = new ArrayList<>();
    private boolean closed;

    private LocalContext(final Namespace namespace, final boolean ownsNamespace, final ContextOptions options,
        final String uri)
    {
        this.namespace = namespace;
        this.ownsNamespace = ownsNamespace;
        this.options = options;
        this.uri = null == uri ? uriOf(namespace) : uri;
        // ContextOptions -> the shared-memory types' options, in this one place.
        this.syncOptions = SyncOptions.of(options.waitStrategy());
        this.strategy = syncOptions.strategyIn(namespace);
        this.manager = new ContextManager(namespace);
        if (ownsNamespace)
        {
            namespace.openTimeout(options.openTimeout());
        }
    }

    static LocalContext temporary(final ContextOptions options)
    {
        return new LocalContext(Namespace.temporary(), true, options, null);
    }

    static LocalContext on(final Namespace namespace, final ContextOptions options)
    {
        return new LocalContext(namespace, false, options, null);
    }

    static LocalContext owning(final Namespace namespace, final ContextOptions options, final String uri)
    {
        return new LocalContext(namespace, true, options, uri);
    }

    private static String uriOf(final Namespace namespace)
    {
        try
        {
            return new URI(Multiprocessing.SHM_SCHEME, null, namespace.directory().toString(), null).toString();
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalArgumentException("namespace folder not expressible as a URI: " + namespace, ex);
        }
    }

    @Override
    public String backend()
    {
        return Multiprocessing.SHM_SCHEME;
    }

    @Override
    public ContextOptions options()
    {
        return options;
    }

    /**
     * @return the URI another process opens this context's namespace with ({@link Multiprocessing#context(String)}):
     * {@code shm:/folder/of/the/namespace}, or the URI this context was opened with.
     */
    public String uri()
    {
        return uri;
    }

    /** @return the namespace every object of this context lives in. */
    public Namespace namespace()
    {
        return namespace;
    }

    /** @return the wait strategy of this context's objects. */
    public WaitStrategy waitStrategy()
    {
        return strategy;
    }

    // ---- values and arrays ----------------------------------------------------------------------------------------

    @Override
    public LongValue longValue(final String name, final long initialValue)
    {
        return LongValue.open(namespace, name, OpenMode.CREATE_OR_OPEN, initialValue);
    }

    @Override
    public DoubleValue doubleValue(final String name, final double initialValue)
    {
        return DoubleValue.open(namespace, name, OpenMode.CREATE_OR_OPEN, initialValue);
    }

    /** Python's {@code Value('i', initialValue)}. */
    public IntValue intValue(final String name, final int initialValue)
    {
        return IntValue.createOrOpen(namespace, name, initialValue);
    }

    /** Python's {@code Value(c_bool, initialValue)}. */
    public BooleanValue booleanValue(final String name, final boolean initialValue)
    {
        return BooleanValue.createOrOpen(namespace, name, initialValue);
    }

    @Override
    public LongArray longArray(final String name, final int length)
    {
        return LongArray.open(namespace, name, OpenMode.CREATE_OR_OPEN, length, null);
    }

    /** Python's {@code Array('i', length)}. */
    public IntArray intArray(final String name, final int length)
    {
        return IntArray.createOrOpen(namespace, name, length);
    }

    /** Python's {@code Array('d', length)}. */
    public DoubleArray doubleArray(final String name, final int length)
    {
        return DoubleArray.createOrOpen(namespace, name, length);
    }

    /** Python's {@code Array('b', length)}. */
    public ByteArray byteArray(final String name, final int length)
    {
        return ByteArray.createOrOpen(namespace, name, length);
    }

    // ---- synchronisation ------------------------------------------------------------------------------------------

    @Override
    public Lock lock(final String name)
    {
        return Lock.open(namespace, name, OpenMode.CREATE_OR_OPEN, syncOptions);
    }

    @Override
    public RLock rlock(final String name)
    {
        return RLock.open(namespace, name, OpenMode.CREATE_OR_OPEN, syncOptions);
    }

    @Override
    public Condition condition(final String name)
    {
        return Condition.open(namespace, name, OpenMode.CREATE_OR_OPEN, io.mproc.sync.ConditionDescriptor.DEFAULT_MAX_WAITERS,
            syncOptions);
    }

    @Override
    public Semaphore semaphore(final String name, final int permits)
    {
        return Semaphore.open(namespace, name, OpenMode.CREATE_OR_OPEN, permits, PermitTracking.PER_PROCESS, syncOptions);
    }

    /** Python's {@code BoundedSemaphore(permits)}: releasing above the initial count throws. */
    public BoundedSemaphore boundedSemaphore(final String name, final int permits)
    {
        return BoundedSemaphore.open(namespace, name, OpenMode.CREATE_OR_OPEN, permits, syncOptions);
    }

    @Override
    public Event event(final String name)
    {
        return Event.open(namespace, name, OpenMode.CREATE_OR_OPEN, syncOptions);
    }

    @Override
    public Barrier barrier(final String name, final int parties)
    {
        return Barrier.open(namespace, name, OpenMode.CREATE_OR_OPEN, parties, null, null, syncOptions);
    }

    // ---- queues and pipes -----------------------------------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public <E> SharedQueue<E> queue(final String name)
    {
        return (SharedQueue<E>)SharedQueue.builder(namespace, name).waitStrategy(strategy).createOrOpen();
    }

    /** Python's {@code JoinableQueue()}: with {@code taskDone()} and {@code join()}. */
    @SuppressWarnings("unchecked")
    public <E> JoinableQueue<E> joinableQueue(final String name)
    {
        return (JoinableQueue<E>)SharedQueue.builder(namespace, name).waitStrategy(strategy).createOrOpenJoinable();
    }

    /** Python's {@code SimpleQueue()}. */
    @SuppressWarnings("unchecked")
    public <E> SimpleQueue<E> simpleQueue(final String name)
    {
        return (SimpleQueue<E>)SharedQueue.builder(namespace, name).waitStrategy(strategy).createOrOpenSimple();
    }

    /**
     * Python's {@code Pipe()}: a new duplex pipe; hand one end ({@link Pipe#right()}) to another process (it travels
     * by name), or let that process open it with {@link #connection(String, Connection.End)}.
     *
     * @throws RegionExistsException when the name is taken: a pipe's two ends are made together, once.
     */
    @Override
    public Pipe pipe(final String name)
    {
        return pipe(name, true);
    }

    /**
     * Python's {@code Pipe(duplex)}: false for a one-way pipe, whose {@link Pipe#left()} receives and
     * {@link Pipe#right()} sends.
     *
     * @throws RegionExistsException when the name is taken.
     */
    @Override
    public Pipe pipe(final String name, final boolean duplex)
    {
        return Pipe.create(namespace, name, Pipe.DEFAULT_CAPACITY, AllowList.NONE, strategy, duplex);
    }

    /** Opens one end of an existing pipe, in the process that did not make it. */
    public Connection connection(final String name, final Connection.End end)
    {
        return Connection.open(namespace, name, end, AllowList.NONE, strategy);
    }

    // ---- pools and the manager ------------------------------------------------------------------------------------

    @Override
    public ProcessPool pool()
    {
        return pool(options.workers());
    }

    @Override
    public ProcessPool pool(final int workers)
    {
        final io.mproc.pool.ProcessPoolBuilder builder = ProcessPool.builder().workers(workers);
        if (null != options.poolInitializer())
        {
            builder.initializer(options.poolInitializer());
        }
        final ProcessPool pool = builder.create();
        synchronized (this)
        {
            if (closed)
            {
                pool.close();
                throw new IllegalStateException("context is closed: " + uri);
            }
            pools.removeIf(ProcessPool::isTerminated);
            pools.add(pool);
        }
        return pool;
    }

    @Override
    public <K, V> DictProxy<K, V> dict(final String name)
    {
        return manager().dict(name);
    }

    @Override
    public <E> ListProxy<E> list(final String name)
    {
        return manager().list(name);
    }

    /**
     * @return the namespace's manager ({@value #MANAGER_NAME}): connected to if it runs, else started, and then
     * owned by this context (see the class comment).
     */
    public Manager manager()
    {
        ensureOpen();
        return manager.get();
    }

    @Override
    public void close()
    {
        final List<ProcessPool> toClose;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(pools);
            pools.clear();
        }
        toClose.forEach(ProcessPool::close);
        manager.close();
        if (ownsNamespace)
        {
            namespace.close();
        }
    }

    private synchronized void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("context is closed: " + uri);
        }
    }

    @Override
    public String toString()
    {
        return "LocalContext{" + uri + (closed ? ", closed" : "") + '}';
    }
}
