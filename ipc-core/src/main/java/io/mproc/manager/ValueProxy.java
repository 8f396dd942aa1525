package io.mproc.manager;

import io.mproc.memory.Namespace;

import static io.mproc.manager.ManagerProtocol.Ops.*;

/**
 * One value of any sendable type held by a manager's server (Python's {@code manager.Value}): {@link #get()} and
 * {@link #set} are single requests, {@link #updateAndGet} runs its function in the server in one step.
 *
 * @param <T> type of the value.
 */
public final class ValueProxy<T> extends ManagedProxy
{
    private static final long serialVersionUID = 1L;

    ValueProxy(final Invoker invoker, final long id)
    {
        super(invoker, id);
    }

    /**
     * Opens the proxy a reference names: how a proxy arrives in another process.
     *
     * @param namespace of the manager.
     * @param manager   name of the manager.
     * @param id        of the object, in decimal.
     * @return the proxy.
     */
    public static ValueProxy<?> open(final Namespace namespace, final String manager, final String id)
    {
        return resolve(namespace, manager, id, ValueProxy::new, ValueProxy.class);
    }

    /**
     * @return the value.
     */
    @SuppressWarnings("unchecked")
    public T get()
    {
        return (T)call(VALUE_GET);
    }

    /**
     * @param value the new value.
     */
    public void set(final T value)
    {
        call(VALUE_SET, value);
    }

    /**
     * Replaces the value by {@code function} of it, in the server, in one step.
     *
     * @param function of the value: the new value.
     * @return the new value.
     */
    @SuppressWarnings("unchecked")
    public T updateAndGet(final SerializableFunction<? super T, ? extends T> function)
    {
        return (T)call(VALUE_UPDATE, function(function, "updateAndGet"));
    }
}
