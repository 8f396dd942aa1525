package io.mproc.process;

import io.mproc.internal.ProcessIdentity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of every child JVM that {@link ChildProcess} starts; not for direct use. Python's
 * {@code multiprocessing.spawn.spawn_main} plus {@code BaseProcess._bootstrap}:
 * <ol>
 *     <li>reads the {@link ChildLaunch} from stdin, the pipe from the parent, and leaves user code an empty
 *     {@code System.in};</li>
 *     <li>in a daemon child, watches the parent: when it is gone the child exits
 *     ({@link ChildProcess#EXIT_CODE_PARENT_GONE});</li>
 *     <li>on SIGTERM ({@link ChildProcess#terminate()}) exits at once with 143, leaving its non-daemon children
 *     running, orphaned, as Python does ({@link TerminationSignal});</li>
 *     <li>loads the task (its classes, its shared objects) and tells the parent it is ready, on its stderr
 *     ({@link StatusLine}); as it exits it tells the parent whether the exit is its own or a signal's;</li>
 *     <li>runs the task or entry class, then, as Python does: terminates its daemon children and joins the others,
 *     prints {@code Process <name>:} and the stack trace if the task threw, waits for its own non-daemon threads,
 *     and exits with 0, or 1 if the task threw.</li>
 * </ol>
 * Kept small on purpose: what it loads is what every child pays at start-up. A warm spare ({@link Spare}) does
 * that start-up work ahead of need: it loads and exercises what a child uses ({@link SpareWarmUp}), then waits in
 * step 1 until its parent sends a launch.
 */
public final class ChildMain
{
    private static final long PARENT_POLL_MS = 100;
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final long PARENT_GONE_EXIT_GRACE_MS = 500;
    /** First of the two arguments of a warm spare ({@link Spare}); a cold child gets one argument, its name. */
    static final String SPARE_FLAG = "--mproc-spare";

    private ChildMain()
    {
    }

    /**
     * @param args the child's name only, for {@code ps}, the launch itself coming on stdin; or, for a warm spare,
     *             {@value #SPARE_FLAG} and one more: it does its start-up work, says it is ready, and then waits for
     *             its launch, exiting quietly if the parent closes the pipe first.
     */
    public static void main(final String[] args)
    {
        final boolean spare = 2 == args.length && SPARE_FLAG.equals(args[0]);
        if (spare)
        {
            SpareWarmUp.run();
            StatusLine.writeSpareReady();
        }
        final ChildLaunch launch = readLaunch(spare);
        final ChildLaunch.Header header = launch.header();
        final StatusLine.Writer status = new StatusLine.Writer(header.statusToken());
        Runtime.getRuntime().addShutdownHook(new ExitStatusHook(status));
        CurrentProcess.becomeChild(
            header.name(), header.identity(), header.daemon(), header.parentPid(), header.parentStartTime());
        ProcessLogging.configure(header.logSetting());
        if (header.daemon())
        {
            watchParent(header.parentPid(), header.parentStartTime(), status);
        }
        ChildRegistry.registerExitHook(); // so that System.exit(n) in the task still shuts its children down
        TerminationSignal.install(status); // terminate() ends the child at once, not after its non-daemon children

        Task task = null;
        Throwable failure = null;
        try
        {
            task = load(launch);
            status.ready();
            ProcessLogging.info("child process calling self.run()");
            task.run();
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        ChildRegistry.exitFunction();
        if (null != failure)
        {
            System.err.println("Process " + header.name() + ":");
            failure.printStackTrace();
        }
        if (null != task)
        {
            joinNonDaemonThreads();
        }
        final int exitCode = null == failure ? 0 : ChildProcess.EXIT_CODE_EXCEPTION;
        ProcessLogging.info("process exiting with exitcode ", exitCode);
        System.out.flush();
        System.err.flush();
        System.exit(exitCode);
    }

    /**
     * Reads the launch from stdin, the pipe from the parent, and leaves user code an empty {@code System.in}; exits
     * when it cannot. A spare blocks here, in a read that costs no CPU, until it is needed.
     */
    private static ChildLaunch readLaunch(final boolean spare)
    {
        final InputStream control = System.in;
        System.setIn(InputStream.nullInputStream());
        try
        {
            return ChildLaunch.readFrom(control);
        }
        catch (final EOFException ex)
        {
            if (spare)
            {
                Runtime.getRuntime().halt(0); // dismissed, or its parent died: nothing to say, no hooks to run
            }
            System.err.println("mproc child: the parent went away before sending the task");
            System.exit(ChildProcess.EXIT_CODE_PARENT_GONE);
        }
        catch (final IOException ex)
        {
            System.err.println("mproc child: cannot read the task from the parent: " + ex);
            System.exit(ChildProcess.EXIT_CODE_EXCEPTION);
        }
        throw new IllegalStateException("unreachable: System.exit returned");
    }

    /**
     * Loads what the launch says to run (its classes, its method, the shared objects it is given), so that what
     * cannot load fails before the child says it is ready.
     */
    private static Task load(final ChildLaunch launch) throws Exception
    {
        Thread.currentThread().setContextClassLoader(ChildMain.class.getClassLoader());
        if (null != launch.call())
        {
            return new Task(launch.call().bind(), null, null, null);
        }
        if (null != launch.task())
        {
            return new Task(null, (SerializableRunnable)TaskSerialization.deserialize(launch.task()), null, null);
        }
        final Class<?> mainClass = Class.forName(launch.mainClassName(), true, ChildMain.class.getClassLoader());
        final Method main = mainClass.getMethod("main", String[].class);
        main.setAccessible(true); // a public main in a nested class of a package-private class
        return new Task(null, null, main, launch.mainArgs().toArray(new String[0]));
    }

    /**
     * A daemon child checks every {@value #PARENT_POLL_MS} ms that its parent (pid and start time, so a recycled pid
     * does not fool it) still runs, and exits when it does not, however the parent died.
     * <p>
     * Why not read the control pipe until end of file, which would be instant: HotSpot's exit waits up to 300 ms
     * for threads that are in native code ({@code VM_Exit::wait_for_threads_in_native_to_block}), and a thread
     * blocked in {@code read()} is one, so every child would take 300 ms longer to exit. A sleeping thread is not.
     */
    private static void watchParent(final long parentPid, final long parentStartTime, final StatusLine.Writer status)
    {
        final Thread watcher = new Thread(new ParentWatcher(parentPid, parentStartTime, status), "mproc-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Python's {@code threading._shutdown()}: a child exits only when the threads its task started have finished,
     * as the JVM would at the end of {@code main}.
     */
    private static void joinNonDaemonThreads()
    {
        final Thread self = Thread.currentThread();
        ThreadGroup root = self.getThreadGroup();
        while (null != root.getParent())
        {
            root = root.getParent();
        }
        while (true)
        {
            final Thread[] threads = new Thread[root.activeCount() + 8];
            final int count = root.enumerate(threads, true);
            final List<Thread> others = new ArrayList<>();
            for (int i = 0; i < count; i++)
            {
                final Thread thread = threads[i];
                if (thread != self && !thread.isDaemon() && thread.isAlive() && !"DestroyJavaVM".equals(thread.getName()))
                {
                    others.add(thread);
                }
            }
            if (others.isEmpty())
            {
                return;
            }
            for (final Thread other : others)
            {
                try
                {
                    other.join();
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }
    }

    /**
     * A class, not a lambda: the first lambda of a JVM costs it ~10 ms at start-up.
     */
    private static final class ParentWatcher implements Runnable
    {
        private final long parentPid;
        private final long parentStartTime;
        private final StatusLine.Writer status;

        ParentWatcher(final long parentPid, final long parentStartTime, final StatusLine.Writer status)
        {
            this.parentPid = parentPid;
            this.parentStartTime = parentStartTime;
            this.status = status;
        }

        public void run()
        {
            // While the parent lives, this process's parent pid is its pid; once it dies, the orphan is adopted
            // (parent pid 1 or a subreaper), and a pid it held cannot come back as this process's parent. That check
            // (getppid, then one read of /proc) costs a third of the pid-and-start-time check (~0.17 instead of ~0.4
            // ms of CPU per look here), which every pool worker pays ten times a second on cores that its tasks
            // fill. The full check stays for a child whose launcher is not its parent process.
            final boolean parentLaunchedThis = parentPid == currentParentPid();
            try
            {
                while (parentLaunchedThis ? parentPid == currentParentPid() :
                    ProcessIdentity.isAlive(parentPid, parentStartTime))
                {
                    Thread.sleep(PARENT_POLL_MS);
                }
            }
            catch (final InterruptedException ignore)
            {
                return;
            }
            ProcessLogging.info("daemon exiting: its parent process is gone: pid=", parentPid);
            status.signal(ChildProcess.EXIT_CODE_PARENT_GONE - SIGNAL_EXIT_BASE); // reads as SIGHUP, as documented
            exitWithin(ChildProcess.EXIT_CODE_PARENT_GONE, PARENT_GONE_EXIT_GRACE_MS);
        }

        /**
         * @return this process's parent's pid; 0 when it has none (it was adopted by a process we cannot see).
         */
        private static long currentParentPid()
        {
            final Optional<ProcessHandle> parent = ProcessHandle.current().parent(); // no lambda: see the class
            return parent.isPresent() ? parent.get().pid() : 0;
        }

        /**
         * Exits running the shutdown hooks, but halts if they take longer than {@code graceMs}: a daemon must not
         * outlive its parent by more than about a second.
         */
        private static void exitWithin(final int exitCode, final long graceMs)
        {
            final Thread exiter = new Thread(new Exiter(exitCode), "mproc-daemon-exit");
            exiter.setDaemon(true);
            exiter.start();
            try
            {
                exiter.join(graceMs);
            }
            catch (final InterruptedException ignore)
            {
                // halt now
            }
            Runtime.getRuntime().halt(exitCode);
        }
    }

    /**
     * The child's task, loaded: a static call, a task object, or an entry class's {@code main}.
     */
    private static final class Task
    {
        private final StaticCall.Bound call;
        private final SerializableRunnable runnable;
        private final Method main;
        private final String[] mainArgs;

        Task(final StaticCall.Bound call, final SerializableRunnable runnable, final Method main, final String[] mainArgs)
        {
            this.call = call;
            this.runnable = runnable;
            this.main = main;
            this.mainArgs = mainArgs;
        }

        void run() throws Throwable
        {
            if (null != call)
            {
                call.invoke();
            }
            else if (null != runnable)
            {
                runnable.run();
            }
            else
            {
                try
                {
                    main.invoke(null, (Object)mainArgs);
                }
                catch (final InvocationTargetException ex)
                {
                    throw ex.getCause();
                }
            }
        }
    }

    /**
     * Tells the parent, at any exit that runs the shutdown hooks, that the exit is the child's own, unless a signal
     * handler told it first (see {@link StatusLine}).
     */
    private static final class ExitStatusHook extends Thread
    {
        private final StatusLine.Writer status;

        ExitStatusHook(final StatusLine.Writer status)
        {
            super("mproc-exit-status");
            this.status = status;
        }

        public void run()
        {
            status.exit();
        }
    }

    private static final class Exiter implements Runnable
    {
        private final int exitCode;

        Exiter(final int exitCode)
        {
            this.exitCode = exitCode;
        }

        public void run()
        {
            System.exit(exitCode);
        }
    }
}
