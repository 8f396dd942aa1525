package io.mproc.process;

import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The children this JVM started and has not yet seen exit, and Python's exit function that ends them when this JVM
 * exits: daemons are terminated, the others joined; then what this process asked to close at its end
 * ({@link CurrentProcess#closeAtExit(AutoCloseable)}), Python's finalizers, is closed.
 */
final class ChildRegistry
{
    /** Started children not yet seen to exit, in start order (so that exit logs are in a stable order). */
    private static final Set<ChildProcess> ACTIVE = Collections.synchronizedSet(new LinkedHashSet<>());
    private static final AtomicBoolean EXIT_HOOK_REGISTERED = new AtomicBoolean();
    private static final AtomicBoolean EXIT_FUNCTION_RAN = new AtomicBoolean();
    /** What to close at this process's end, in the order registered (closed newest first). */
    private static final Deque<AutoCloseable> TO_CLOSE = new ConcurrentLinkedDeque<>();

    private ChildRegistry()
    {
    }

    static void add(final ChildProcess child)
    {
        ACTIVE.add(child);
    }

    static void remove(final ChildProcess child)
    {
        ACTIVE.remove(child);
    }

    /**
     * @return the started children that are still alive, in start order.
     */
    static List<ChildProcess> activeChildren()
    {
        final List<ChildProcess> children = new ArrayList<>();
        synchronized (ACTIVE)
        {
            for (final ChildProcess child : ACTIVE)
            {
                if (child.isRunning())
                {
                    children.add(child);
                }
            }
        }
        return children;
    }

    /**
     * Registers {@link #exitFunction()} as a shutdown hook, once.
     */
    static void registerExitHook()
    {
        if (EXIT_HOOK_REGISTERED.compareAndSet(false, true))
        {
            Runtime.getRuntime().addShutdownHook(new ExitHook());
        }
    }

    /**
     * @param resource to close at this process's end, after its children; see
     *                 {@link CurrentProcess#closeAtExit(AutoCloseable)}.
     */
    static void closeAtExit(final AutoCloseable resource)
    {
        TO_CLOSE.add(resource);
        registerExitHook(); // a main process that never starts a child has no hook yet
    }

    /**
     * Python's {@code multiprocessing.util._exit_function}, run once at this JVM's exit (and by a child after its
     * task): terminates daemon children, then joins every child, then closes what was registered to be closed at
     * exit (Python's remaining finalizers).
     */
    static void exitFunction()
    {
        if (!EXIT_FUNCTION_RAN.compareAndSet(false, true))
        {
            return;
        }
        try
        {
            endChildren();
        }
        finally
        {
            closeRegistered();
        }
    }

    private static void endChildren()
    {
        ProcessLogging.info("process shutting down");
        final List<ChildProcess> children = activeChildren();
        for (final ChildProcess child : children)
        {
            if (child.isDaemon())
            {
                ProcessLogging.info("calling terminate() for daemon " + child.name());
                child.terminate();
            }
        }
        for (final ChildProcess child : children)
        {
            ProcessLogging.info("calling join() for process " + child.name());
            try
            {
                if (!child.joinAtExit())
                {
                    ProcessLogging.info("not joining process " + child.name() + ": this process was terminated");
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Closes what {@link #closeAtExit(AutoCloseable)} registered, newest first, each once; a failure is logged and
     * the others are still closed.
     */
    private static void closeRegistered()
    {
        AutoCloseable resource;
        while (null != (resource = TO_CLOSE.pollLast()))
        {
            try
            {
                resource.close();
            }
            catch (final Exception | LinkageError ex)
            {
                // looked up here, not in a field: a child would otherwise load SLF4J at every start-up
                LoggerFactory.getLogger(ChildRegistry.class).warn("could not close {} at exit", resource, ex);
            }
        }
    }

    /**
     * Runs {@link #exitFunction()} at JVM exit, and closes what was registered after it ran (a child's task that
     * returned may leave a thread that opens more). A class, not a lambda: children register it too, and the first
     * lambda of a JVM costs it ~10 ms at start-up.
     */
    private static final class ExitHook extends Thread
    {
        ExitHook()
        {
            super("mproc-exit");
        }

        public void run()
        {
            exitFunction();
            closeRegistered();
        }
    }
}
