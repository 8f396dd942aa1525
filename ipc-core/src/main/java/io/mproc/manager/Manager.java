package io.mproc.manager;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionExistsException;
import io.mproc.process.ChildProcess;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageRing;
import io.mproc.queue.SharedQueue;
import io.mproc.sync.Barrier;
import io.mproc.sync.BoundedSemaphore;
import io.mproc.sync.Condition;
import io.mproc.sync.Event;
import io.mproc.sync.Lock;
import io.mproc.sync.RLock;
import io.mproc.sync.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.mproc.manager.ManagerProtocol.Ops.*;

/**
 * Python's {@code multiprocessing.Manager()}: a server process that holds ordinary Java objects (maps, lists,
 * values, namespaces) and serves them to any number of processes through proxies ({@link DictProxy},
 * {@link ListProxy}, {@link ValueProxy}, {@link NamespaceProxy}), over shared-memory rings: a call costs about a
 * microsecond or two, not a socket round trip.
 * <pre>{@code
 * try (Manager manager = Manager.start(namespace, "app"))
 * {
 *     DictProxy<String, Integer> counts = manager.dict();
 *     ListProxy<String> log = manager.list();
 *     counts.merge("hits", 1, Integer::sum);      // atomic, in the server
 *     DictProxy<String, Object> d = manager.dict();
 *     d.put("items", manager.list());              // a nested proxy: d.get("items").add(x) is never lost
 *     new ChildProcess(Worker::run, counts).start();  // proxies travel to children and pool tasks
 * }                                                // shuts the server down and deletes its files
 * }</pre>
 * <b>Processes.</b> {@link #start} creates the manager's files and starts the server as a daemon child of this
 * process ({@link ChildProcess}); {@link #connect} reaches a manager that already runs, by name, from any process
 * of the same user (another application). {@link #close()} shuts the server down if this handle started it (and
 * deletes the manager's files), else only disconnects; {@link #shutdown()} shuts it down from any handle.
 * <p>
 * <b>Objects</b> live in the server until it shuts down or {@link #release} drops them. A named object
 * ({@link #dict(String)}, ...) is created by the first caller and found by the others. Locks, events, queues and the
 * other synchronisation objects made here are mproc's own shared-memory objects, named after the manager, and
 * deleted with it: they do not go through the server at all.
 * <p>
 * <b>Values</b> travel with the same encoding as queues and pipes ({@link io.mproc.queue.ObjectCodec}): JDK values,
 * collections, records and enums by default, other classes only when allowed ({@link Builder#allow}); a value that
 * cannot travel fails at the caller with {@link io.mproc.queue.UnsendableValueException}.
 * <p>
 * <b>Failures.</b> An exception thrown by an operation in the server comes back to its caller (see
 * {@link RemoteManagerException}); the server carries on. A call when the manager is gone fails with
 * {@link ManagerNotRunningException} within about {@value #LIVENESS_CHECK_INTERVAL_MS} ms; a client killed mid-call
 * costs the others nothing, and its slot is taken over by the next client that needs one. Thread-safe.
 */
public final class Manager implements AutoCloseable
{
    /** How often a call that waits for its reply checks that the server still runs, in milliseconds. */
    public static final long LIVENESS_CHECK_INTERVAL_MS = 100;

    /** How long {@link #close()} waits for the server to answer its shutdown before it stops the server's process. */
    static final Duration SHUTDOWN_REPLY_TIMEOUT = Duration.ofSeconds(5);
    /** Capacity of the request ring: requests of up to 512 KiB. */
    public static final int REQUEST_CAPACITY = 4 * 1024 * 1024;
    /** How an {@link io.mproc.queue.UnsendableValueException} says to allow a class. */
    static final String ALLOW_CALL_TEMPLATE = "Manager.builder(namespace, name).allow(%s.class)";
    private static final Logger LOG = LoggerFactory.getLogger(Manager.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ManagerClient client;
    private final ChildProcess server;
    private boolean closed;

    private Manager(final ManagerClient client, final ChildProcess server)
    {
        this.client = client;
        this.server = server;
    }

    /**
     * Starts a manager with default settings: its server becomes a daemon child of this process.
     *
     * @param namespace to create its files in.
     * @param name      of the manager, unique in the namespace.
     * @return the manager.
     */
    public static Manager start(final Namespace namespace, final String name)
    {
        return builder(namespace, name).start();
    }

    /**
     * Connects to a manager that already runs.
     *
     * @param namespace of the manager.
     * @param name      of the manager.
     * @return a handle whose {@link #close()} only disconnects.
     * @throws ManagerNotRunningException when there is no such manager or it does not run.
     */
    public static Manager connect(final Namespace namespace, final String name)
    {
        final ManagerClient client = ManagerClient.connect(namespace, name);
        Invokers.register(namespace.directory(), name, client);
        return new Manager(client, null);
    }

    /**
     * @param namespace of the manager.
     * @param name      of the manager.
     * @return a builder for a manager with settings of its own.
     */
    public static Builder builder(final Namespace namespace, final String name)
    {
        return new Builder(namespace, name);
    }

    /**
     * @return the manager's name.
     */
    public String name()
    {
        return client.name;
    }

    /**
     * @return the pid of the server process.
     */
    public long serverPid()
    {
        return client.serverPid();
    }

    /**
     * @return true while the server serves.
     */
    public boolean isRunning()
    {
        try
        {
            client.checkRunning();
            return true;
        }
        catch (final ManagerNotRunningException ex)
        {
            return false;
        }
    }

    /**
     * @return a new, empty managed map.
     */
    public <K, V> DictProxy<K, V> dict()
    {
        return create(ServerObjects.DICT, null, null, DictProxy::new);
    }

    /**
     * @param initial entries, copied.
     * @return a new managed map holding them.
     */
    public <K, V> DictProxy<K, V> dict(final Map<? extends K, ? extends V> initial)
    {
        return create(ServerObjects.DICT, null, Objects.requireNonNull(initial, "initial"), DictProxy::new);
    }

    /**
     * @param name of the map in this manager: the first caller creates it empty, the others find it.
     * @return the managed map of that name.
     */
    public <K, V> DictProxy<K, V> dict(final String name)
    {
        return create(ServerObjects.DICT, checkObjectName(name), null, DictProxy::new);
    }

    /**
     * @return a new, empty managed list.
     */
    public <E> ListProxy<E> list()
    {
        return create(ServerObjects.LIST, null, null, ListProxy::new);
    }

    /**
     * @param initial elements, copied.
     * @return a new managed list holding them.
     */
    public <E> ListProxy<E> list(final Collection<? extends E> initial)
    {
        return create(ServerObjects.LIST, null, List.copyOf(Objects.requireNonNull(initial, "initial")),
            ListProxy::new);
    }

    /**
     * @param name of the list in this manager: the first caller creates it empty, the others find it.
     * @return the managed list of that name.
     */
    public <E> ListProxy<E> list(final String name)
    {
        return create(ServerObjects.LIST, checkObjectName(name), null, ListProxy::new);
    }

    /**
     * @param initial value (may be null).
     * @return a new managed value.
     */
    public <T> ValueProxy<T> value(final T initial)
    {
        return create(ServerObjects.VALUE, null, initial, ValueProxy::new);
    }

    /**
     * @param name    of the value in this manager: the first caller creates it, the others find it.
     * @param initial value, used only by the caller that creates it.
     * @return the managed value of that name.
     */
    public <T> ValueProxy<T> value(final String name, final T initial)
    {
        return create(ServerObjects.VALUE, checkObjectName(name), initial, ValueProxy::new);
    }

    /**
     * @return a new managed namespace (Python's {@code manager.Namespace()}).
     */
    public NamespaceProxy namespace()
    {
        return create(ServerObjects.NAMESPACE, null, null, NamespaceProxy::new);
    }

    /**
     * @param name of the namespace in this manager: the first caller creates it, the others find it.
     * @return the managed namespace of that name.
     */
    public NamespaceProxy namespace(final String name)
    {
        return create(ServerObjects.NAMESPACE, checkObjectName(name), null, NamespaceProxy::new);
    }

    /**
     * Drops an object from the server; its proxies, in every process, then fail with
     * {@link IllegalArgumentException}.
     *
     * @param proxy of the object.
     * @return true when the server held it.
     */
    public boolean release(final ManagedProxy proxy)
    {
        return (Boolean)client.invoke(RELEASE, 0, 1, proxy.id, null, null);
    }

    /** @return a new lock (Python's {@code manager.Lock()}), deleted with the manager. */
    public Lock lock()
    {
        return Lock.create(client.namespace, newObjectName());
    }

    /** @return a new reentrant lock, deleted with the manager. */
    public RLock rlock()
    {
        return RLock.create(client.namespace, newObjectName());
    }

    /**
     * @param permits initial permits.
     * @return a new semaphore, deleted with the manager.
     */
    public Semaphore semaphore(final int permits)
    {
        return Semaphore.create(client.namespace, newObjectName(), permits);
    }

    /**
     * @param permits initial and greatest permits.
     * @return a new bounded semaphore, deleted with the manager.
     */
    public BoundedSemaphore boundedSemaphore(final int permits)
    {
        return BoundedSemaphore.create(client.namespace, newObjectName(), permits);
    }

    /** @return a new event, deleted with the manager. */
    public Event event()
    {
        return Event.create(client.namespace, newObjectName());
    }

    /** @return a new condition (with its own lock), deleted with the manager. */
    public Condition condition()
    {
        return Condition.create(client.namespace, newObjectName());
    }

    /**
     * @param parties that must arrive to trip it.
     * @return a new barrier, deleted with the manager.
     */
    public Barrier barrier(final int parties)
    {
        return Barrier.create(client.namespace, newObjectName(), parties);
    }

    /** @return a new queue of any values, deleted with the manager. */
    public SharedQueue<Object> queue()
    {
        return SharedQueue.create(client.namespace, newObjectName());
    }

    /**
     * Shuts the server down, from any handle: every later call, in every process, fails with
     * {@link ManagerNotRunningException}. Harmless when it is not running.
     */
    public void shutdown()
    {
        try
        {
            client.invoke(SHUTDOWN, 0, 0, null, null, null);
        }
        catch (final ManagerNotRunningException ex)
        {
            // already gone
        }
    }

    /**
     * Asks the server to shut down, waiting at most the timeout for its answer: a server busy in a call that blocks
     * (a function waiting on something that never comes) cannot answer, and the caller then stops its process.
     */
    private void shutdownWithin(final Duration timeout)
    {
        try
        {
            if (!client.invokeWithin(SHUTDOWN, timeout))
            {
                LOG.warn("manager '{}' did not answer its shutdown within {} (a call blocks its server): stopping " +
                    "its process", client.name, timeout);
                server.kill();
            }
        }
        catch (final ManagerNotRunningException ex)
        {
            // already gone
        }
    }

    /**
     * For the handle that started the manager: shuts the server down (stopping its process when a call blocks it
     * and it cannot answer within 5 s), waits for its process to end and deletes the manager's files. For a connected handle: gives back its slots and unmaps. Closing twice is harmless.
     */
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (null == server)
        {
            client.close();
            return;
        }
        shutdownWithin(SHUTDOWN_REPLY_TIMEOUT);
        stopServerProcess(server);
        client.close();
        ManagerFiles.delete(client.namespace, client.name);
    }

    private static void stopServerProcess(final ChildProcess server)
    {
        try
        {
            if (!server.join(Duration.ofSeconds(10)))
            {
                LOG.warn("manager server {} did not end within 10 s of its shutdown: killing it", server.pid());
                server.kill();
                server.join(Duration.ofSeconds(10));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            server.kill();
        }
        server.close();
    }

    private <P extends ManagedProxy> P create(
        final int kind, final String name, final Object initial, final Invoker.ProxyFactory<P> factory)
    {
        final long id = (Long)client.invoke(CREATE, 0, 3, kind, name, initial);
        return client.proxy(id, factory);
    }

    private String newObjectName()
    {
        return ManagerDescriptor.objectName(client.name, (Long)client.invoke(NEW_NAME, 0, 0, null, null, null));
    }

    private static String checkObjectName(final String name)
    {
        if (null == name || name.isEmpty())
        {
            throw new IllegalArgumentException("a managed object's name must be a non-empty string: name=" +
                (null == name ? "null" : "''"));
        }
        return name;
    }

    public String toString()
    {
        return "Manager{name=" + client.name + ", namespace=" + client.namespace.directory() + '}';
    }

    /**
     * Settings of a manager to start.
     */
    public static final class Builder
    {
        private final Namespace namespace;
        private final String name;
        private int clientSlots = ManagerDescriptor.DEFAULT_SLOTS;
        private int serverThreads = ManagerDescriptor.DEFAULT_SERVER_THREADS;
        private AllowList allowList = AllowList.NONE;
        private final java.util.List<String> allowed = new java.util.ArrayList<>();

        private Builder(final Namespace namespace, final String name)
        {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.name = ManagerDescriptor.validateName(name);
        }

        /**
         * @param slots client threads, over all processes, that may be connected at once (default
         *              {@value ManagerDescriptor#DEFAULT_SLOTS}); each holds a reply ring of
         *              {@value ManagerClient#REPLY_CAPACITY} bytes once it has called.
         * @return this builder.
         */
        public Builder clientSlots(final int slots)
        {
            this.clientSlots = ManagerDescriptor.checkSlots(slots);
            return this;
        }

        /**
         * @param threads of the server (default {@value ManagerDescriptor#DEFAULT_SERVER_THREADS}, at most
         *                {@value ManagerDescriptor#MAX_SERVER_THREADS}): each reads the requests of its share of the
         *                client slots (slot {@code s} goes to thread {@code s % threads}), so that many client threads
         *                are served on several cores. Every operation stays one step with respect to every other
         *                (see {@code io.mproc.manager}'s package documentation for how, and for when more than one
         *                thread pays). Each thread has a request ring of {@value Manager#REQUEST_CAPACITY} bytes.
         * @return this builder.
         */
        public Builder serverThreads(final int threads)
        {
            this.serverThreads = ManagerDescriptor.checkServerThreads(threads);
            return this;
        }

        /**
         * @param classes user classes that may be stored (beyond JDK values, collections, records and enums),
         *                allowed in this process and in the server.
         * @return this builder.
         */
        public Builder allow(final Class<?>... classes)
        {
            allowList = allowList.allow(classes);
            for (final Class<?> type : classes)
            {
                allowed.add(type.getName());
            }
            return this;
        }

        /**
         * Creates the manager's files and starts its server as a daemon child process.
         *
         * @return the running manager, whose {@link #close()} shuts it down.
         * @throws IllegalStateException      when a manager of that name already runs in the namespace.
         * @throws ManagerNotRunningException when the server process fails to start.
         */
        public Manager start()
        {
            final MappedRegion control = createControl();
            final ChildProcess server;
            try
            {
                for (int thread = 0; thread < serverThreads; thread++)
                {
                    MessageRing.create(namespace, ManagerDescriptor.requestsName(name, thread), REQUEST_CAPACITY)
                        .close();
                }
                final java.util.List<String> args = new java.util.ArrayList<>(
                    List.of(namespace.directory().toString(), name));
                args.addAll(allowed);
                server = ChildProcess.ofMain(ManagerServer.class, args.toArray(new String[0]))
                    .name("manager-" + name).daemon(true).start();
            }
            catch (final RuntimeException ex)
            {
                control.close();
                ManagerFiles.delete(namespace, name);
                throw ex;
            }
            try
            {
                ManagerFiles.awaitServing(control, server, START_TIMEOUT);
                final ManagerClient client = new ManagerClient(namespace, name, control, allowList);
                Invokers.register(namespace.directory(), name, client);
                return new Manager(client, server);
            }
            catch (final RuntimeException ex)
            {
                server.kill();
                server.close();
                control.close();
                ManagerFiles.delete(namespace, name);
                throw ex;
            }
        }

        private MappedRegion createControl()
        {
            final int slots = clientSlots;
            final int threads = serverThreads;
            try
            {
                return namespace.create(name, ManagerDescriptor.spec(slots),
                    (buffer, offset, length) -> ManagerDescriptor.initialise(buffer, offset, slots, threads));
            }
            catch (final RegionExistsException ex)
            {
                ManagerFiles.deleteIfStale(namespace, name);
                return namespace.create(name, ManagerDescriptor.spec(slots),
                    (buffer, offset, length) -> ManagerDescriptor.initialise(buffer, offset, slots, threads));
            }
        }
    }
}
