package io.mproc.process;

import io.mproc.internal.ProcessIdentity;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A separate JVM that runs a piece of this program: Python's {@code multiprocessing.Process}.
 * <pre>{@code
 * ChildProcess p = new ChildProcess(Worker::run, 42).name("worker").daemon(false);
 * p.start();
 * p.join();
 * p.exitCode();   // OptionalInt[0]
 * }</pre>
 * <b>What runs.</b> Either a task ({@link SerializableRunnable}, or {@link SerializableConsumer} /
 * {@link SerializableBiConsumer} with arguments), which travels to the child by serialisation on the child's stdin
 * pipe, or an entry class with a {@code main(String[])} ({@link #ofMain(Class, String...)}). Shared objects given to
 * a task arrive as live handles on the same memory. Bad input fails here, in the parent: a task that is not
 * serialisable fails {@link #start()} naming the offending class; a missing entry class or one without a
 * {@code main} fails {@code ofMain}.
 * <p>
 * <b>The child JVM</b> gets this JVM's java executable (or {@link #javaExecutable(Path)}) and class path (or
 * {@link #classPath(String)}): {@code java.class.path}, made absolute, and, when that does not hold mproc or the
 * task's classes ({@code mvn exec:java}, an IDE, an application server), the class path of the class loaders that
 * loaded them. Then the flags mproc needs ({@link io.mproc.JvmFlags#required()}), every {@code mproc.*} system
 * property of this JVM, {@code -Dslf4j.internal.verbosity=ERROR} (what SLF4J says of its own set-up, this JVM says), the options
 * of {@value #JVM_OPTIONS_PROPERTY}, then this process's own {@link #systemProperty(String, String)} and
 * {@link #jvmOptions(String...)}. Its stdin is mproc's control pipe (user code in the child sees an empty
 * {@code System.in}, as in Python). Its stdout and stderr follow {@link #output(OutputMode)} or go to files; its
 * stderr always passes through this JVM, which reads there when the child is ready and how it exits.
 * AppCDS is opt-in: {@link #classDataSharing(Path)} or {@value #CDS_PROPERTY}. The JVM may be a warm spare started
 * earlier with exactly that command line ({@link WarmSpares}).
 * <p>
 * <b>Starting.</b> {@link #start()} returns once the child has loaded its task; a child that cannot (a class path
 * without mproc, an unknown JVM option) makes it throw a {@link ChildStartException} with the child's error output.
 * <p>
 * <b>Exit codes</b> ({@link #exitCode()}): 0 when the task returned; 1 when it threw (the child prints
 * {@code Process <name>:} and the stack trace on its stderr); n when it called {@code System.exit(n)}; and, as a
 * shell reports it, 128 + n when it ended on signal n: 143 after {@link #terminate()} (SIGTERM, which runs the
 * child's shutdown hooks), 137 after {@link #kill()} (SIGKILL). {@link #signal()} tells which signal, and
 * {@link #pythonExitCode()} gives Python's form ({@code -15}). A child tells its parent, as it exits, whether the exit
 * is its own, so {@code System.exit(143)} reads as exit code 143 with no signal.
 * <p>
 * <b>Daemons.</b> A daemon child ends when its parent ends: terminated at the parent's normal exit, and, when the
 * parent dies any other way (SIGKILL, crash), within about 100 ms, because it checks that often that its parent
 * (pid and start time) still runs. Its exit code is then {@value #EXIT_CODE_PARENT_GONE} (128 + SIGHUP, the
 * signal a terminal's children get when it goes away). At this JVM's normal exit every non-daemon child is joined,
 * as in Python. A daemon may not start children of its own, as in Python.
 * <p>
 * Options are set before {@link #start()} by one thread; after that the object is thread-safe.
 */
public final class ChildProcess extends ChildOptions implements AutoCloseable
{
    /** System property naming the default AppCDS archive of children: {@code off} (default), {@code auto} or a path. */
    public static final String CDS_PROPERTY = "mproc.cds";
    /** System property with JVM options (space separated) for every child, e.g. {@code -XX:TieredStopAtLevel=1}. */
    public static final String JVM_OPTIONS_PROPERTY = "mproc.child.jvmOptions";
    /** {@link #pid()} of a process not started yet. */
    public static final long NO_PID = -1;
    /** Exit code of a child whose task threw. */
    public static final int EXIT_CODE_EXCEPTION = 1;
    /** Exit code of a daemon child that ended because its parent died: 128 + SIGHUP. */
    public static final int EXIT_CODE_PARENT_GONE = 129;


    private enum State
    {
        INITIAL, STARTED, CLOSED
    }

    private final ChildTask task;
    private final String identity;
    private final long parentPid = ProcessIdentity.currentPid();

    private volatile State state = State.INITIAL;
    private volatile RunningChild running;
    private final CompletableFuture<ChildProcess> exited = new CompletableFuture<>();

    /**
     * A process that runs a task: Python's {@code Process(target=f)}. The name defaults to {@code Process-N}.
     *
     * @param task to run in the child; serialised at {@link #start()}.
     */
    public ChildProcess(final SerializableRunnable task)
    {
        this(ChildTask.of(Objects.requireNonNull(task, "task")));
    }

    /**
     * A process that runs a task with one argument: Python's {@code Process(target=f, args=(x,))}.
     *
     * @param task     to run in the child.
     * @param argument for it; serialised with it at {@link #start()}.
     * @param <T>      type of the argument.
     */
    public <T> ChildProcess(final SerializableConsumer<T> task, final T argument)
    {
        this(ChildTask.of(Objects.requireNonNull(task, "task"), argument));
    }

    /**
     * A process that runs a task with two arguments: Python's {@code Process(target=f, args=(x, y))}.
     *
     * @param task   to run in the child.
     * @param first  argument; serialised with the task at {@link #start()}.
     * @param second argument; serialised with the task at {@link #start()}.
     * @param <T>    type of the first argument.
     * @param <U>    type of the second argument.
     */
    public <T, U> ChildProcess(final SerializableBiConsumer<T, U> task, final T first, final U second)
    {
        this(ChildTask.of(Objects.requireNonNull(task, "task"), first, second));
    }

    private ChildProcess(final ChildTask task)
    {
        this(task, CurrentProcess.get().nextChildIdentity());
    }

    private ChildProcess(final ChildTask task, final String identity)
    {
        super("Process-" + identity);
        this.task = task;
        this.identity = identity;
    }

    /**
     * A process that runs an entry class's {@code public static void main(String[])}.
     *
     * @param mainClass with a {@code main}, on this JVM's class path.
     * @param args      for it.
     * @return the process, not started.
     * @throws IllegalArgumentException when the class has no {@code public static void main(String[])}.
     */
    public static ChildProcess ofMain(final Class<?> mainClass, final String... args)
    {
        return new ChildProcess(ChildTask.ofMain(Objects.requireNonNull(mainClass, "mainClass"), List.of(args)));
    }

    /**
     * A process that runs an entry class, by name.
     *
     * @param mainClassName fully qualified name of a class on this JVM's class path.
     * @param args          for its {@code main}.
     * @return the process, not started.
     * @throws IllegalArgumentException when the class does not exist or has no {@code public static void main(String[])}.
     */
    public static ChildProcess ofMain(final String mainClassName, final String... args)
    {
        Objects.requireNonNull(mainClassName, "mainClassName");
        final Class<?> mainClass;
        try
        {
            mainClass = Class.forName(mainClassName, false, classLoader());
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new IllegalArgumentException("entry class not found on the class path: mainClass=" + mainClassName, ex);
        }
        return ofMain(mainClass, args);
    }

    /**
     * @return this JVM as a process: its name, pid, parent pid: Python's {@code current_process()}.
     */
    public static CurrentProcess current()
    {
        return CurrentProcess.get();
    }

    /**
     * @return the children of this JVM that were started and have not yet been seen to exit: Python's
     * {@code active_children()}.
     */
    public static List<ChildProcess> activeChildren()
    {
        return ChildRegistry.activeChildren();
    }

    /**
     * Starts the child JVM, sends it the task, and waits until the child has loaded it and is about to run it (or
     * has failed to), so that a child that cannot start is never waited for in vain: with several children to
     * start at once, {@link #startAsync()} each, then wait.
     *
     * @return this.
     * @throws IllegalStateException    when started before, or closed, or when this JVM is a daemon child.
     * @throws IllegalArgumentException when the task is not serialisable, naming the class.
     * @throws UncheckedIOException     when the JVM cannot be started.
     * @throws ChildStartException      when the child exited before it was ready (a class it needs is not on its
     *                                  class path, a JVM option it does not know, ...), with its error output, or was
     *                                  not ready within its {@link #startTimeout(Duration)} and was killed.
     */
    public ChildProcess start()
    {
        final CompletableFuture<ChildProcess> started = startAsync();
        try
        {
            return started.join();
        }
        catch (final CompletionException ex)
        {
            if (ex.getCause() instanceof ChildStartException)
            {
                throw ((ChildStartException)ex.getCause()).inCaller();
            }
            throw ex;
        }
    }

    /**
     * Starts the child JVM and sends it the task, without waiting for it.
     *
     * @return a future completed with this process once the child has loaded its task, or exceptionally with a
     * {@link ChildStartException} as {@link #start()} throws it.
     * @throws IllegalStateException    when started before, or closed, or when this JVM is a daemon child.
     * @throws IllegalArgumentException when the task is not serialisable, naming the class.
     * @throws UncheckedIOException     when the JVM cannot be started.
     */
    public synchronized CompletableFuture<ChildProcess> startAsync()
    {
        if (State.INITIAL != state)
        {
            throw new IllegalStateException(State.CLOSED == state ? "cannot start a closed process: " + this :
                "cannot start a process twice: " + this);
        }
        final CurrentProcess current = CurrentProcess.get();
        if (current.isDaemon())
        {
            throw new IllegalStateException("daemonic processes are not allowed to have children: process=" +
                current.name());
        }
        final RunningChild child = ChildLauncher.launch(this, task, new ChildLaunch.Header(name, identity, daemon,
            parentPid, ProcessIdentity.currentStartTime(), ProcessLogging.setting(), null));
        ChildRegistry.registerExitHook();
        running = child;
        state = State.STARTED;
        ChildRegistry.add(this);
        child.onExit().thenRun(this::afterExit);
        return child.readyWithin(startTimeout).thenApply(ready -> this);
    }

    /**
     * Waits for the child to exit, then for its piped output to be copied.
     *
     * @throws IllegalStateException when the process was never started, or is closed.
     * @throws InterruptedException  when interrupted while waiting.
     */
    public void join() throws InterruptedException
    {
        startedChild("join").join();
    }

    /**
     * Waits at most {@code timeout} for the child to exit.
     *
     * @param timeout to wait.
     * @return true when the child has exited.
     * @throws IllegalStateException when the process was never started, or is closed.
     * @throws InterruptedException  when interrupted while waiting.
     */
    public boolean join(final Duration timeout) throws InterruptedException
    {
        return startedChild("join").join(timeout);
    }

    /**
     * At this JVM's exit: a daemon, already terminated, is given a grace period and then killed; a non-daemon is
     * joined, unless this JVM was terminated.
     *
     * @return false when the child was left running.
     */
    boolean joinAtExit() throws InterruptedException
    {
        if (daemon)
        {
            running.joinTerminatedDaemon();
        }
        else if (TerminationSignal.received())
        {
            return false; // left running, orphaned, as in Python
        }
        else
        {
            running.join();
        }
        return true;
    }

    /**
     * @return true from {@link #start()} until the child has exited.
     * @throws IllegalStateException when the process is closed, as Python's {@code is_alive()}.
     */
    public boolean isAlive()
    {
        if (State.CLOSED == state)
        {
            throw new IllegalStateException("cannot ask whether it is alive: a closed process: " + this);
        }
        final RunningChild child = running;
        return null != child && child.isAlive();
    }

    /**
     * @return true from {@link #start()} until the child has exited, even once closed.
     */
    boolean isRunning()
    {
        final RunningChild child = running;
        return null != child && child.isAlive();
    }

    /**
     * @return the exit code once the child has exited (see the class comment), empty before: its own (given to
     * {@code System.exit}), or 128 + n when it ended on signal n, as a shell reports it.
     */
    public OptionalInt exitCode()
    {
        final RunningChild child = running;
        return null == child ? OptionalInt.empty() : child.exitCode();
    }

    /**
     * The signal the child ended on: 15 after {@link #terminate()}, 9 after {@link #kill()}, 1 for a daemon whose
     * parent died. Told apart from a child that called {@code System.exit(128 + n)} itself, which has no signal: the
     * child tells its parent how it exits.
     *
     * @return the signal number, or empty while running or when the child exited by itself.
     */
    public OptionalInt signal()
    {
        final RunningChild child = running;
        return null == child ? OptionalInt.empty() : child.signal();
    }

    /**
     * Python's {@code Process.exitcode}: the exit code, or minus the signal number when the child ended on a signal
     * ({@code -15} after {@link #terminate()}, {@code -9} after {@link #kill()}).
     *
     * @return the exit code in Python's form, empty while running or before start.
     */
    public OptionalInt pythonExitCode()
    {
        final OptionalInt signal = signal();
        return signal.isPresent() ? OptionalInt.of(-signal.getAsInt()) : exitCode();
    }

    /**
     * @return the child's pid, or {@value #NO_PID} before {@link #start()}.
     */
    public long pid()
    {
        final RunningChild child = running;
        return null == child ? NO_PID : child.pid();
    }

    /**
     * @return the pid of the JVM that created this process (this one).
     */
    public long parentPid()
    {
        return parentPid;
    }

    /**
     * Asks the child to stop: SIGTERM. The child exits at once with 143: its shutdown hooks run and its daemon
     * children are terminated, but, as in Python, its non-daemon children are not waited for: they run on, orphaned.
     * Does nothing when the child has exited.
     *
     * @throws IllegalStateException when the process was never started, or is closed.
     */
    public void terminate()
    {
        startedChild("terminate").terminate();
    }

    /**
     * Stops the child at once: SIGKILL. It exits with 137 without running anything more. Does nothing when the
     * child has exited.
     *
     * @throws IllegalStateException when the process was never started, or is closed.
     */
    public void kill()
    {
        startedChild("kill").kill();
    }

    /**
     * @return a future completed with this process once it has exited and its exit code is known; for supervisors
     * (such as the process pool) that must notice a death at once without a thread per child.
     */
    public CompletableFuture<ChildProcess> onExit()
    {
        return exited;
    }

    /**
     * Releases the pipes and threads of the process, as Python's {@code close()}: refused while the child runs, so
     * that a child is never stopped by accident; stop it first with {@link #terminate()} or {@link #kill()} and
     * {@link #join()}. Closing twice, or closing a process never started, is harmless. After it, {@link #pid()},
     * {@link #exitCode()}, {@link #signal()} and {@link #name()} still answer; every other method throws
     * {@link IllegalStateException}.
     *
     * @throws IllegalStateException when the child is still running; it is left running.
     */
    public void close()
    {
        final RunningChild child;
        synchronized (this)
        {
            child = running;
            if (State.CLOSED == state || null == child)
            {
                state = State.CLOSED;
                return;
            }
            if (child.isAlive())
            {
                throw new IllegalStateException("cannot close a process that is still running; call terminate() or " +
                    "kill() and join() first: " + this);
            }
            state = State.CLOSED;
        }
        try
        {
            child.join(); // returns at once: copies the last output, finishes the exit
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Python's repr: {@code <ChildProcess name='Process-1' pid=123 parent=45 started daemon>}, with the state
     * {@code initial}, {@code started}, {@code stopped exitcode=N} (and {@code signal=SIGTERM} after a signal)
     * or {@code closed}.
     */
    public String toString()
    {
        final StringBuilder text = new StringBuilder("<ChildProcess name='").append(name).append('\'');
        final RunningChild child = running;
        if (null != child)
        {
            text.append(" pid=").append(child.pid());
        }
        text.append(" parent=").append(parentPid);
        final OptionalInt exitCode = exitCode();
        if (State.CLOSED == state)
        {
            text.append(" closed");
        }
        else if (null == child)
        {
            text.append(" initial");
        }
        else if (exitCode.isPresent())
        {
            text.append(" stopped exitcode=").append(exitCode.getAsInt());
            final OptionalInt signal = signal();
            if (signal.isPresent())
            {
                text.append(" signal=").append(Signals.name(signal.getAsInt()));
            }
        }
        else
        {
            text.append(" started");
        }
        if (daemon)
        {
            text.append(" daemon");
        }
        return text.append('>').toString();
    }

    private static ClassLoader classLoader()
    {
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        return null == context ? ChildProcess.class.getClassLoader() : context;
    }

    ChildTask task()
    {
        return task;
    }

    /**
     * @return true when the child is a warm spare that was handed its task ({@link WarmSpares}).
     * @throws IllegalStateException when the process was never started.
     */
    boolean startedFromSpare()
    {
        final RunningChild child = running;
        if (null == child)
        {
            throw new IllegalStateException("not started: " + this);
        }
        return child.fromSpare();
    }

    void checkInitial(final String action)
    {
        if (State.INITIAL != state)
        {
            throw new IllegalStateException("cannot " + action + " after start: " + this);
        }
    }

    private RunningChild startedChild(final String action)
    {
        final RunningChild child = running;
        if (State.CLOSED == state)
        {
            throw new IllegalStateException("cannot " + action + " a closed process: " + this);
        }
        if (null == child)
        {
            throw new IllegalStateException("can only " + action + " a started process: " + this);
        }
        return child;
    }

    private void afterExit()
    {
        ChildRegistry.remove(this);
        exited.complete(this);
    }
}
