package io.mproc.manager;

import io.mproc.memory.Namespace;

import java.util.Map;
import java.util.NoSuchElementException;

import static io.mproc.manager.ManagerProtocol.Ops.*;

/**
 * Named attributes held by a manager's server (Python's {@code manager.Namespace()}): {@code ns.set("x", 1)} is
 * Python's {@code ns.x = 1}, {@code ns.get("x")} its {@code ns.x}. Each operation is one request.
 */
public final class NamespaceProxy extends ManagedProxy
{
    private static final long serialVersionUID = 1L;

    NamespaceProxy(final Invoker invoker, final long id)
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
    public static NamespaceProxy open(final Namespace namespace, final String manager, final String id)
    {
        return resolve(namespace, manager, id, NamespaceProxy::new, NamespaceProxy.class);
    }

    /**
     * @param attribute name.
     * @return its value.
     * @throws NoSuchElementException when there is no such attribute (Python's {@code AttributeError}).
     */
    @SuppressWarnings("unchecked")
    public <T> T get(final String attribute)
    {
        return (T)call(ATTR_GET, checkName(attribute));
    }

    /**
     * @param attribute name.
     * @param value     its new value.
     */
    public void set(final String attribute, final Object value)
    {
        call(ATTR_SET, checkName(attribute), value);
    }

    /**
     * @param attribute name.
     * @return true when it existed.
     */
    public boolean delete(final String attribute)
    {
        return (Boolean)call(ATTR_DELETE, checkName(attribute));
    }

    /**
     * @return a copy of every attribute, taken in one step.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> attributes()
    {
        return (Map<String, Object>)call(SNAPSHOT);
    }

    private static String checkName(final String attribute)
    {
        if (null == attribute || attribute.isEmpty())
        {
            throw new IllegalArgumentException("attribute name must be a non-empty string: attribute=" +
                (null == attribute ? "null" : "''"));
        }
        return attribute;
    }
}
