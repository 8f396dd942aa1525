package io.mproc.process;

import io.mproc.internal.ProcessIdentity;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This JVM as a process of the program: Python's {@code multiprocessing.current_process()}. In a JVM started by
 * {@link ChildProcess} it has the child's name (e.g. {@code Process-1}), its parent's pid and its daemon flag;
 * in any other JVM its name is {@value #MAIN_PROCESS_NAME}.
 * <p>
 * Written for a fast child start-up, like {@link ChildMain}: no lambdas, no string concatenation on the way.
 * <p>
 * Also numbers the children this JVM creates, as Python does: {@code Process-1}, {@code Process-2}, ... in the
 * main process, {@code Process-1:1}, {@code Process-1:2}, ... in {@code Process-1}. Thread-safe.
 */
public final class CurrentProcess
{
    /** The name of a JVM that was not started by {@link ChildProcess}. */
    public static final String MAIN_PROCESS_NAME = "MainProcess";

    /** Parent pid not known yet: looked up on first use, since {@link ProcessHandle} costs a child ~10 ms to start. */
    private static final long UNKNOWN_PID = Long.MIN_VALUE;

    private static volatile CurrentProcess current = new CurrentProcess(
        MAIN_PROCESS_NAME, "", false, false, UNKNOWN_PID, ProcessIdentity.NOT_RUNNING);

    private final String name;
    private final String identity;
    private final boolean child;
    private final boolean daemon;
    private volatile long parentPid;
    private final long parentStartTime;
    private final AtomicInteger childCounter = new AtomicInteger();

    private CurrentProcess(
        final String name,
        final String identity,
        final boolean child,
        final boolean daemon,
        final long parentPid,
        final long parentStartTime)
    {
        this.name = name;
        this.identity = identity;
        this.child = child;
        this.daemon = daemon;
        this.parentPid = parentPid;
        this.parentStartTime = parentStartTime;
    }

    /**
     * @return this JVM as a process.
     */
    public static CurrentProcess get()
    {
        return current;
    }

    /**
     * Closes a resource when this process shuts down, as Python's {@code multiprocessing.util.Finalize} with an exit
     * priority: in a child ({@link ChildProcess}), as soon as its task has returned and its own children are joined,
     * before it waits for the threads the task left running; in any other JVM, at its exit. Resources are closed
     * newest first, each once.
     * <p>
     * For what a process opens on its own behalf rather than its task's: a backend's connection opened to reopen a
     * handle the process was sent (a cluster client node, whose non-daemon threads would otherwise keep a child
     * alive after its task).
     *
     * @param resource to close; closing it must be safe to call more than once.
     */
    public static void closeAtExit(final AutoCloseable resource)
    {
        ChildRegistry.closeAtExit(Objects.requireNonNull(resource, "resource"));
    }

    /**
     * Called once by {@link ChildMain} before the task runs.
     */
    static void becomeChild(
        final String name, final String identity, final boolean daemon, final long parentPid, final long parentStartTime)
    {
        current = new CurrentProcess(name, identity, true, daemon, parentPid, parentStartTime);
    }

    /**
     * @return the process name: {@value #MAIN_PROCESS_NAME}, {@code Process-1}, or the name its parent gave it.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the pid of this JVM.
     */
    public long pid()
    {
        return ProcessIdentity.currentPid();
    }

    /**
     * @return the pid of the JVM that started this one with {@link ChildProcess}, or else the operating system's
     * parent pid at start-up (-1 when there is none).
     */
    public long parentPid()
    {
        long pid = parentPid;
        if (UNKNOWN_PID == pid)
        {
            final java.util.Optional<ProcessHandle> parent = ProcessHandle.current().parent();
            pid = parent.isPresent() ? parent.get().pid() : -1;
            parentPid = pid;
        }
        return pid;
    }

    /**
     * @return true when this JVM was started by {@link ChildProcess}.
     */
    public boolean isChild()
    {
        return child;
    }

    /**
     * @return true when this JVM is a daemon child: it ends when its parent ends.
     */
    public boolean isDaemon()
    {
        return daemon;
    }

    /**
     * @return true while the process that started this child still runs (always true in the main process).
     */
    public boolean isParentAlive()
    {
        return !child || ProcessIdentity.isAlive(parentPid, parentStartTime);
    }

    /**
     * @return the numbers of this process in its family tree: "" in the main process, "1" in Process-1, "1:2" ...
     */
    String identity()
    {
        return identity;
    }

    /**
     * @return the identity of the next child this JVM creates: "3" in the main process, "1:3" in Process-1.
     */
    String nextChildIdentity()
    {
        final int number = childCounter.incrementAndGet();
        return identity.isEmpty() ? Integer.toString(number) : identity + ":" + number;
    }

    public String toString()
    {
        return "<CurrentProcess name='" + name + "' pid=" + pid() + " parent=" + parentPid() + (daemon ? " daemon>" : ">");
    }
}
