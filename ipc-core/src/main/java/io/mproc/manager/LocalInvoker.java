package io.mproc.manager;

import io.mproc.memory.MappedRegion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proxies inside the server process (stored in a managed object, or captured by a function that runs in the server)
 * run their operations here, at once, on the server thread that runs the function: a function that adds to a nested
 * list is one step. With several server threads that thread holds {@link ObjectLocks}' exclusive side for the
 * function (every function does), so these operations need no lock of their own.
 */
final class LocalInvoker implements Invoker
{
    private final ServerObjects objects;
    private final MappedRegion region;
    private final ConcurrentHashMap<Long, ManagedProxy> proxies = new ConcurrentHashMap<>();

    LocalInvoker(final ServerObjects objects, final MappedRegion region)
    {
        this.objects = objects;
        this.region = region;
    }

    public Object invoke(final int op, final long objectId, final int argCount, final Object a, final Object b,
        final Object c)
    {
        final Object result;
        try
        {
            result = objects.execute(op, objectId, a, b, c);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new RemoteManagerException(ex.getClass().getName(), ex.getMessage());
        }
        if (ManagerProtocol.Ops.SNAPSHOT == op)
        {
            // the server's own object: a local caller gets a copy, as a remote one does
            if (result instanceof Map)
            {
                return new LinkedHashMap<>((Map<?, ?>)result);
            }
            if (result instanceof List)
            {
                return new ArrayList<>((List<?>)result);
            }
        }
        return result;
    }

    public Object function(final Object function, final String what)
    {
        Functions.checkSerializable(function, what); // as a remote call would, so code behaves the same anywhere
        return function;
    }

    public MappedRegion region()
    {
        return region;
    }

    @SuppressWarnings("unchecked")
    public <P extends ManagedProxy> P proxy(final long id, final ProxyFactory<P> factory)
    {
        return (P)proxies.computeIfAbsent(id, (i) -> factory.make(this, i));
    }
}
