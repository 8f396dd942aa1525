package io.mproc.process;

import io.mproc.internal.ProcessIdentity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

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
 *     <li>runs the task or entry class, then, as Python does: terminates its daemon children and joins the others,
 *     prints {@code Process <name>:} and the stack trace if the task threw, waits for its own non-daemon threads,
 *     and exits with 0, or 1 if the task threw.</li>
 * </ol>
 * Kept small on purpose: what it loads is what every child pays at start-up.
 */
public final class ChildMain
{
    private static final long PARENT_POLL_MS = 100;
    private static final long PARENT_GONE_EXIT_GRACE_MS = 500;

    private ChildMain()
    {
    }

    /**
     * @param args the child's name only, for {@code ps}; the launch itself comes on stdin.
     */
    public static void main(final String[] args)
    {
        final InputStream control = System.in;
        System.setIn(InputStream.nullInputStream());

        final ChildLaunch launch;
        try
        {
            launch = ChildLaunch.readFrom(control);
        }
        catch (final EOFException ex)
        {
            System.err.println("mproc child: the parent went away before sending the task");
            System.exit(ChildProcess.EXIT_CODE_PARENT_GONE);
            return;
        }
        catch (final IOException ex)
        {
            System.err.println("mproc child: cannot read the task from the parent: " + ex);
            System.exit(ChildProcess.EXIT_CODE_EXCEPTION);
            return;
        }

        final ChildLaunch.Header header = launch.header();
        CurrentProcess.becomeChild(
            header.name(), header.identity(), header.daemon(), header.parentPid(), header.parentStartTime());
        ProcessLogging.configure(header.logSetting());
        if (header.daemon())
        {
            watchParent(header.parentPid(), header.parentStartTime());
        }
        ChildRegistry.registerExitHook(); // so that System.exit(n) in the task still shuts its children down
        TerminationSignal.install(); // terminate() ends the child at once, not after its non-daemon children

        ProcessLogging.info("child process calling self.run()");
        Throwable failure = null;
        try
        {
            run(launch);
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
        joinNonDaemonThreads();
        final int exitCode = null == failure ? 0 : ChildProcess.EXIT_CODE_EXCEPTION;
        ProcessLogging.info("process exiting with exitcode ", exitCode);
        System.out.flush();
        System.err.flush();
        System.exit(exitCode);
    }

    private static void run(final ChildLaunch launch) throws Throwable
    {
        Thread.currentThread().setContextClassLoader(ChildMain.class.getClassLoader());
        if (null != launch.call())
        {
            launch.call().invoke();
            return;
        }
        if (null != launch.task())
        {
            final Object task = TaskSerialization.deserialize(launch.task());
            ((SerializableRunnable)task).run();
            return;
        }
        final Class<?> mainClass = Class.forName(launch.mainClassName(), true, ChildMain.class.getClassLoader());
        final Method main = mainClass.getMethod("main", String[].class);
        main.setAccessible(true); // a public main in a nested class of a package-private class
        try
        {
            main.invoke(null, (Object)launch.mainArgs().toArray(new String[0]));
        }
        catch (final InvocationTargetException ex)
        {
            throw ex.getCause();
        }
    }

    /**
     * A daemon child checks every {@value #PARENT_POLL_MS} ms that its parent (pid and start time, so a recycled pid
     * does not fool it) still runs, and exits when it does not, however the parent died.
     * <p>
     * Why not read the control pipe until end of file, which would be instant: HotSpot's exit waits up to 300 ms
     * for threads that are in native code ({@code VM_Exit::wait_for_threads_in_native_to_block}), and a thread
     * blocked in {@code read()} is one, so every child would take 300 ms longer to exit. A sleeping thread is not.
     */
    private static void watchParent(final long parentPid, final long parentStartTime)
    {
        final Thread watcher = new Thread(new ParentWatcher(parentPid, parentStartTime), "mproc-parent-watcher");
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

        ParentWatcher(final long parentPid, final long parentStartTime)
        {
            this.parentPid = parentPid;
            this.parentStartTime = parentStartTime;
        }

        public void run()
        {
            try
            {
                while (ProcessIdentity.isAlive(parentPid, parentStartTime))
                {
                    Thread.sleep(PARENT_POLL_MS);
                }
            }
            catch (final InterruptedException ignore)
            {
                return;
            }
            ProcessLogging.info("daemon exiting: its parent process is gone: pid=", parentPid);
            exitWithin(ChildProcess.EXIT_CODE_PARENT_GONE, PARENT_GONE_EXIT_GRACE_MS);
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
