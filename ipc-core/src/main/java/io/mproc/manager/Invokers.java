package io.mproc.manager;

import io.mproc.memory.Namespace;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's way to each manager it knows, by namespace folder and name: the server's {@link LocalInvoker} in
 * the server process, a {@link ManagerClient} elsewhere (made on first use, when a proxy arrives from another
 * process).
 */
final class Invokers
{
    private static final ConcurrentHashMap<String, Invoker> BY_MANAGER = new ConcurrentHashMap<>();

    private Invokers()
    {
    }

    static String key(final Path namespaceFolder, final String name)
    {
        return namespaceFolder.toAbsolutePath().normalize() + "/" + name;
    }

    static void register(final Path namespaceFolder, final String name, final Invoker invoker)
    {
        BY_MANAGER.put(key(namespaceFolder, name), invoker);
    }

    static void unregister(final Path namespaceFolder, final String name, final Invoker invoker)
    {
        BY_MANAGER.remove(key(namespaceFolder, name), invoker);
    }

    /**
     * @return the invoker of that manager in this process, connecting to it if this process has none.
     * @throws ManagerNotRunningException when it must connect and the manager does not run.
     */
    static Invoker forManager(final Namespace namespace, final String name)
    {
        final String key = key(namespace.directory(), name);
        final Invoker known = BY_MANAGER.get(key);
        if (null != known)
        {
            return known;
        }
        synchronized (BY_MANAGER)
        {
            return BY_MANAGER.computeIfAbsent(key, (k) -> ManagerClient.connect(namespace, name));
        }
    }
}
