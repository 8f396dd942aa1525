package io.mproc.manager;

import io.mproc.internal.ProcessIdentity;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The life of a manager's files (see {@link ManagerDescriptor} for their names): waiting for a new server to serve,
 * deleting them at shutdown, and clearing those a dead manager left behind.
 */
final class ManagerFiles
{
    private static final Logger LOG = LoggerFactory.getLogger(ManagerFiles.class);

    private ManagerFiles()
    {
    }

    /**
     * Waits until the server marks the control file running, or its process ends, or the timeout passes. A start
     * path, not a hot one: it polls every millisecond.
     *
     * @throws ManagerNotRunningException when the server process ended or did not serve in time.
     */
    static void awaitServing(final MappedRegion control, final ChildProcess server, final Duration timeout)
    {
        final UnsafeBuffer buffer = control.buffer();
        final int stateIndex = control.bodyOffset() + ManagerDescriptor.STATE_OFFSET;
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (ManagerDescriptor.RUNNING != buffer.getIntVolatile(stateIndex))
        {
            if (!server.isAlive())
            {
                throw new ManagerNotRunningException("manager server process " + server.pid() +
                    " ended before serving: exitCode=" + server.exitCode() + " (see its stderr)");
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new ManagerNotRunningException("manager server process " + server.pid() +
                    " did not serve within " + timeout);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Deletes every file of the manager: its control file, request and reply rings, and the objects made through it.
     */
    static void delete(final Namespace namespace, final String name)
    {
        final String prefix = name + ".";
        for (final String file : namespace.list())
        {
            if (file.equals(name) || file.startsWith(prefix))
            {
                namespace.unlink(file);
            }
        }
    }

    /**
     * The name is taken: deletes the manager's files if they are a dead manager's (shut down, its server gone, or
     * its starter gone before it served).
     *
     * @throws IllegalStateException when a manager of that name runs, or is being started by a live process.
     */
    static void deleteIfStale(final Namespace namespace, final String name)
    {
        final MappedRegion control = namespace.open(name, ManagerDescriptor.anySlots());
        try
        {
            final UnsafeBuffer buffer = control.buffer();
            final int body = control.bodyOffset();
            final int state = buffer.getIntVolatile(body + ManagerDescriptor.STATE_OFFSET);
            final long server = buffer.getLongVolatile(body + ManagerDescriptor.SERVER_OFFSET);
            if (ManagerDescriptor.RUNNING == state && ProcessIdentity.isOwnerAlive(server))
            {
                throw new IllegalStateException("a manager of that name already runs (server pid " +
                    ProcessIdentity.pidOf(server) + "): connect to it with Manager.connect, or choose another " +
                    "name: name=" + name + ", " + control.path());
            }
            if (ManagerDescriptor.STARTING == state &&
                ProcessIdentity.isAlive(control.creatorPid(), control.creatorStartTime()))
            {
                throw new IllegalStateException("a manager of that name is being started by process " +
                    control.creatorPid() + ": name=" + name + ", " + control.path());
            }
        }
        finally
        {
            control.close();
        }
        LOG.info("deleting the files of dead manager '{}' in {}", name, namespace.directory());
        delete(namespace, name);
    }
}
