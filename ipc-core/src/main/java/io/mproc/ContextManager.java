package io.mproc;

import io.mproc.manager.Manager;
import io.mproc.manager.ManagerNotRunningException;
import io.mproc.memory.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link Manager} behind a {@link LocalContext}'s {@code dict} and {@code list}: one per namespace, under the
 * agreed name {@value LocalContext#MANAGER_NAME}. The first context in any process that needs it connects to the one
 * that runs, or starts it when none does; the context that started it owns it and shuts it down when it closes.
 */
final class ContextManager
{
    /** How long a context waits for a manager another process is starting at the same moment. */
    static final Duration START_RACE_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ContextManager.class);

    private final Namespace namespace;
    private Manager manager;

    ContextManager(final Namespace namespace)
    {
        this.namespace = namespace;
    }

    /**
     * @return the namespace's manager, connected to or started on first use.
     */
    synchronized Manager get()
    {
        if (null == manager)
        {
            manager = connectOrStart();
        }
        return manager;
    }

    /**
     * Shuts the manager down if this context started it (every other process's proxies then fail with
     * {@link ManagerNotRunningException}), else disconnects.
     */
    synchronized void close()
    {
        if (null != manager)
        {
            manager.close();
            manager = null;
        }
    }

    private Manager connectOrStart()
    {
        final long deadlineNs = System.nanoTime() + START_RACE_TIMEOUT.toNanos();
        while (true)
        {
            try
            {
                return Manager.connect(namespace, LocalContext.MANAGER_NAME);
            }
            catch (final ManagerNotRunningException notRunning)
            {
                try
                {
                    final Manager started = Manager.start(namespace, LocalContext.MANAGER_NAME);
                    LOG.debug("started the manager of {}: server pid {}", namespace.directory(), started.serverPid());
                    return started;
                }
                catch (final ManagerNotRunningException failedToStart)
                {
                    throw failedToStart;
                }
                catch (final IllegalStateException raced)
                {
                    // Another process started it, or is starting it, between our connect and our start: a cold
                    // path, so poll until it serves (or its starter dies and the next start clears its files).
                    if (System.nanoTime() - deadlineNs > 0)
                    {
                        throw new ManagerNotRunningException("the manager of " + namespace.directory() +
                            " was being started by another process and did not serve within " + START_RACE_TIMEOUT +
                            ": " + raced.getMessage(), raced);
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
    }
}
