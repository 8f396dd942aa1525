package io.mproc.manager;

import io.mproc.memory.Namespace;

/**
 * Base of every proxy on an object held by a manager's server: the manager (by its control file) and the object's
 * id. A proxy is a shared-object handle: it travels by reference (to children, pool tasks, over queues and pipes,
 * and stored inside another managed object), and arrives as a working proxy on the same object. Each process has one
 * proxy per object. Thread-safe: every operation is one request, run by the server in one step.
 * <p>
 * A proxy is equal to another proxy of the same object of the same manager only (not to a plain collection with
 * the same content: compare {@code snapshot()}s for that).
 */
public abstract class ManagedProxy extends io.mproc.memory.SharedObject
{
    private static final long serialVersionUID = 1L;

    /** Runs this proxy's operations. */
    final transient Invoker invoker;
    /** The object's id in its manager. */
    final transient long id;

    ManagedProxy(final Invoker invoker, final long id)
    {
        super(invoker.region(), true);
        this.invoker = invoker;
        this.id = id;
    }

    /**
     * @return the object's id in its manager.
     */
    public final long id()
    {
        return id;
    }

    /**
     * @return the object's id: what {@code open(Namespace, String, String)} receives with the manager's name.
     */
    protected final String qualifier()
    {
        return Long.toString(id);
    }

    final Object call(final int op)
    {
        ensureOpen();
        return invoker.invoke(op, id, 0, null, null, null);
    }

    final Object call(final int op, final Object a)
    {
        ensureOpen();
        return invoker.invoke(op, id, 1, a, null, null);
    }

    final Object call(final int op, final Object a, final Object b)
    {
        ensureOpen();
        return invoker.invoke(op, id, 2, a, b, null);
    }

    final Object call(final int op, final Object a, final Object b, final Object c)
    {
        ensureOpen();
        return invoker.invoke(op, id, 3, a, b, c);
    }

    final Object function(final Object function, final String what)
    {
        return invoker.function(function, what);
    }

    /**
     * Opens the proxy an arriving reference names (see {@link io.mproc.memory.SharedObjectRef}).
     */
    static <P extends ManagedProxy> P resolve(
        final Namespace namespace, final String manager, final String qualifier, final Invoker.ProxyFactory<P> factory,
        final Class<P> type)
    {
        final long id;
        try
        {
            id = Long.parseLong(qualifier);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a managed object id: qualifier=" + qualifier, ex);
        }
        final ManagedProxy proxy = Invokers.forManager(namespace, manager).proxy(id, factory);
        if (!type.isInstance(proxy))
        {
            throw new IllegalArgumentException("managed object " + id + " of manager '" + manager + "' is a " +
                proxy.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(proxy);
    }

    public final boolean equals(final Object other)
    {
        return other instanceof ManagedProxy && ((ManagedProxy)other).id == id &&
            ((ManagedProxy)other).region == region;
    }

    public final int hashCode()
    {
        return Long.hashCode(id);
    }

    public String toString()
    {
        return getClass().getSimpleName() + "{manager=" + name() + ", id=" + id + (isClosed() ? ", closed" : "") + '}';
    }
}
