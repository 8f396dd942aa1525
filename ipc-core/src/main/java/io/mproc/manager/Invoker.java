package io.mproc.manager;

import io.mproc.memory.MappedRegion;

/**
 * Runs proxy operations on a manager's objects: {@link ManagerClient} sends them to the server and waits for the
 * reply; in the server process itself, {@link LocalInvoker} runs them at once on the objects (a function running in
 * the server that uses a proxy, such as a list nested in a dict, must not send a request to itself).
 */
interface Invoker
{
    /**
     * @param op       operation code ({@link ManagerProtocol.Ops}).
     * @param objectId the object, 0 for the manager.
     * @param argCount 0 to 3.
     * @return the result.
     * @throws ManagerNotRunningException when the manager is not running.
     */
    Object invoke(int op, long objectId, int argCount, Object a, Object b, Object c);

    /**
     * @param function to pass to an operation.
     * @param what     the operation, for messages.
     * @return what travels for it: its bytes to a server, the function itself locally.
     */
    Object function(Object function, String what);

    /**
     * @return the manager's control file in this process, which every proxy is a view of.
     */
    MappedRegion region();

    /**
     * @param id      of an object.
     * @param factory makes its proxy when this process has none yet.
     * @return this process's one proxy of the object.
     */
    <P extends ManagedProxy> P proxy(long id, ProxyFactory<P> factory);

    /**
     * Makes the proxy of one kind of object.
     *
     * @param <P> type of the proxy.
     */
    @FunctionalInterface
    interface ProxyFactory<P extends ManagedProxy>
    {
        P make(Invoker invoker, long id);
    }
}
