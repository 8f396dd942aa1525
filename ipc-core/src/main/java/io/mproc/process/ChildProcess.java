package io.mproc.process;

import io.mproc.internal.JvmFlags;
import io.mproc.internal.ProcessIdentity;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * <b>The child JVM</b> gets this JVM's java executable and class path ({@code java.class.path}, made absolute),
 * the flags mproc needs ({@link JvmFlags#required()}), every {@code mproc.*} system property of this JVM, the options
 * of {@value #JVM_OPTIONS_PROPERTY}, then this process's own {@link #systemProperty(String, String)} and
 * {@link #jvmOptions(String...)}. Its stdin is mproc's control pipe (user code in the child sees an empty
 * {@code System.in}, as in Python). Its stdout and stderr follow {@link #output(OutputMode)} or go to files.
 * AppCDS is opt-in: {@link #classDataSharing(Path)} or {@value #CDS_PROPERTY}.
 * <p>
 * <b>Exit codes</b> ({@link #exitCode()}): 0 when the task returned; 1 when it threw (the child prints
 * {@code Process <name>:} and the stack trace on its stderr); n when it called {@code System.exit(n)}; and, as a
 * shell reports it, 128 + n when it ended on signal n: 143 after {@link #terminate()} (SIGTERM, which runs the
 * child's shutdown hooks), 137 after {@link #kill()} (SIGKILL). {@link #signal()} tells which signal. A JVM reports a
 * SIGTERM it handled with the same exit code as {@code System.exit(143)}, so the two read the same.
 * <p>
 * <b>Daemons.</b> A daemon child ends when its parent ends: terminated at the parent's normal exit, and, when the
 * parent dies any other way (SIGKILL, crash), within about 100 ms, because it checks that often that its parent
 * (pid and start time) still runs. Its exit code is then {@value #EXIT_CODE_PARENT_GONE} (128 + SIGHUP, the
 * signal a terminal's children get when it goes away). At this JVM's normal exit every non-daemon child is joined,
 * as in Python. A daemon may not start children of its own, as in Python.
 * <p>
 * Options are set before {@link #start()} by one thread; after that the object is thread-safe.
 */
public final class ChildProcess implements AutoCloseable
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

    private static final int SIGNAL_EXIT_BASE = 128;
    private static final int MAX_SIGNAL = 64;
    private static final long CLOSE_GRACE_MS = 1_000;
    private static final long DAEMON_EXIT_GRACE_MS = 2_000;
    private static final long PUMP_DRAIN_MS = 1_000;
    /** Started children not yet seen to exit, in start order (so that exit logs are in a stable order). */
    private static final Set<ChildProcess> ACTIVE = Collections.synchronizedSet(new LinkedHashSet<>());
    private static final AtomicBoolean EXIT_HOOK_REGISTERED = new AtomicBoolean();
    private static final AtomicBoolean EXIT_FUNCTION_RAN = new AtomicBoolean();

    private enum State
    {
        INITIAL, STARTED, CLOSED
    }

    private final SerializableRunnable task;
    private final String mainClassName;
    private final List<String> mainArgs;
    private final String identity;
    private final long parentPid = ProcessIdentity.currentPid();

    private String name;
    private boolean daemon;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private OutputMode outputMode = OutputMode.INHERIT;
    private Path outputFile;
    private Path errorFile;
    private Path directory;
    private Path cdsArchive;
    private boolean cdsArchiveSet;

    private volatile State state = State.INITIAL;
    private volatile Process process;
    private final CompletableFuture<ChildProcess> exited = new CompletableFuture<>();
    private Thread stdoutPump;
    private Thread stderrPump;
    private ClassDataSharing.Plan cdsPlan = ClassDataSharing.Plan.NONE;
    private boolean exitHandled;

    /**
     * A process that runs a task: Python's {@code Process(target=f)}. The name defaults to {@code Process-N}.
     *
     * @param task to run in the child; serialised at {@link #start()}.
     */
    public ChildProcess(final SerializableRunnable task)
    {
        this(Objects.requireNonNull(task, "task"), (String)null, List.of());
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
        this(new BoundTask<>(Objects.requireNonNull(task, "task"), argument), (String)null, List.of());
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
        this(new BoundTask2<>(Objects.requireNonNull(task, "task"), first, second), (String)null, List.of());
    }

    private ChildProcess(final SerializableRunnable task, final String mainClassName, final List<String> mainArgs)
    {
        this.task = task;
        this.mainClassName = mainClassName;
        this.mainArgs = mainArgs;
        this.identity = CurrentProcess.get().nextChildIdentity();
        this.name = "Process-" + identity;
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
        checkMain(Objects.requireNonNull(mainClass, "mainClass"));
        return new ChildProcess((SerializableRunnable)null, mainClass.getName(), List.of(args));
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
        final List<ChildProcess> children = new ArrayList<>();
        synchronized (ACTIVE)
        {
            for (final ChildProcess child : ACTIVE)
            {
                if (child.isAlive())
                {
                    children.add(child);
                }
            }
        }
        return children;
    }

    /**
     * @param name of the process, shown in logs and in {@link CurrentProcess#name()} of the child.
     * @return this.
     */
    public ChildProcess name(final String name)
    {
        checkInitial("set the name");
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * @param daemon true for a child that ends when this JVM ends (default false).
     * @return this.
     */
    public ChildProcess daemon(final boolean daemon)
    {
        checkInitial("set the daemon flag");
        this.daemon = daemon;
        return this;
    }

    /**
     * Adds JVM options, such as {@code -Xmx64m}, {@code -XX:+UseSerialGC} or {@code -XX:TieredStopAtLevel=1}.
     *
     * @param options each starting with {@code -}; not the class path, which is always this JVM's.
     * @return this.
     * @throws IllegalArgumentException for an option that is not one, or that sets the class path or a jar.
     */
    public ChildProcess jvmOptions(final String... options)
    {
        checkInitial("add JVM options");
        for (final String option : options)
        {
            checkJvmOption(option);
            jvmOptions.add(option);
        }
        return this;
    }

    /**
     * @param key   of a system property for the child.
     * @param value of it.
     * @return this.
     */
    public ChildProcess systemProperty(final String key, final String value)
    {
        checkInitial("set a system property");
        if (null == key || key.isEmpty() || key.contains("="))
        {
            throw new IllegalArgumentException("system property key must be non-empty and without '=': key=" + key);
        }
        systemProperties.put(key, Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * @param key   of an environment variable for the child (it inherits this JVM's environment).
     * @param value of it.
     * @return this.
     */
    public ChildProcess environment(final String key, final String value)
    {
        checkInitial("set an environment variable");
        environment.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * @param mode where stdout and stderr go when not redirected to a file (default {@link OutputMode#INHERIT}).
     * @return this.
     */
    public ChildProcess output(final OutputMode mode)
    {
        checkInitial("set the output mode");
        this.outputMode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * @param file the child's stdout is appended to (created if needed).
     * @return this.
     */
    public ChildProcess redirectOutput(final Path file)
    {
        checkInitial("redirect the output");
        this.outputFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * @param file the child's stderr is appended to (created if needed).
     * @return this.
     */
    public ChildProcess redirectError(final Path file)
    {
        checkInitial("redirect the error output");
        this.errorFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * @param directory working directory of the child (default: this JVM's).
     * @return this.
     */
    public ChildProcess directory(final Path directory)
    {
        checkInitial("set the working directory");
        this.directory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * Uses an AppCDS archive: the first child made with it writes the archive at its exit, later children map it
     * and start faster. Works only when the class path is jars only (e.g. {@code java -jar app.jar}); otherwise
     * ignored. Overrides {@value #CDS_PROPERTY}.
     *
     * @param archive file of the archive, or null for none.
     * @return this.
     */
    public ChildProcess classDataSharing(final Path archive)
    {
        checkInitial("set the class data sharing archive");
        this.cdsArchive = null == archive ? null : archive.toAbsolutePath();
        this.cdsArchiveSet = true;
        return this;
    }

    /**
     * Starts the child JVM and sends it the task.
     *
     * @return this.
     * @throws IllegalStateException    when started before, or closed, or when this JVM is a daemon child.
     * @throws IllegalArgumentException when the task is not serialisable, naming the class.
     * @throws UncheckedIOException     when the JVM cannot be started.
     */
    public synchronized ChildProcess start()
    {
        if (State.INITIAL != state)
        {
            throw new IllegalStateException("cannot start a process twice: " + this);
        }
        final CurrentProcess current = CurrentProcess.get();
        if (current.isDaemon())
        {
            throw new IllegalStateException("daemonic processes are not allowed to have children: process=" +
                current.name());
        }

        // Encode first, so that bad input fails before any JVM is started.
        final StaticCall call = staticCallOf(task);
        final byte[] taskBytes = null == task || null != call ? null : TaskSerialization.serialize(task);
        final ChildLaunch launch = new ChildLaunch(name, identity, daemon, parentPid,
            ProcessIdentity.currentStartTime(), ProcessLogging.setting(), taskBytes, call, mainClassName, mainArgs);

        final String classPath = absoluteClassPath();
        final Path archive = cdsArchiveSet ? cdsArchive :
            ClassDataSharing.archiveFor(System.getProperty(CDS_PROPERTY), classPath);
        final ClassDataSharing.Plan plan = ClassDataSharing.plan(archive, classPath);
        final List<String> command = command(classPath, plan.options());
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(redirectFor(outputFile));
        builder.redirectError(redirectFor(errorFile));
        builder.environment().putAll(environment);
        if (null != directory)
        {
            builder.directory(directory.toFile());
        }

        registerExitHook();
        ProcessLogging.debug("starting " + name + ": " + String.join(" ", command));
        final Process started;
        try
        {
            started = builder.start();
        }
        catch (final IOException ex)
        {
            plan.finish(false);
            throw new UncheckedIOException("cannot start a child JVM: java=" + command.get(0), ex);
        }

        process = started;
        cdsPlan = plan;
        state = State.STARTED;
        ACTIVE.add(this);
        if (null == outputFile && OutputMode.INHERIT != outputMode)
        {
            stdoutPump = pump(started.getInputStream(), false, prefix(), name + "-stdout");
        }
        if (null == errorFile && OutputMode.INHERIT != outputMode)
        {
            stderrPump = pump(started.getErrorStream(), true, prefix(), name + "-stderr");
        }
        started.onExit().thenRun(this::afterExit);

        try (OutputStream control = started.getOutputStream())
        {
            launch.writeTo(control);
        }
        catch (final IOException ex)
        {
            // The child died before reading it (a bad JVM option, say): its exit code and stderr tell why.
            ProcessLogging.debug("cannot send the task to " + name + ": " + ex);
        }
        return this;
    }

    /**
     * Waits for the child to exit, then for its piped output to be copied.
     *
     * @throws IllegalStateException when the process was never started, or is closed.
     * @throws InterruptedException  when interrupted while waiting.
     */
    public void join() throws InterruptedException
    {
        startedProcess("join").waitFor();
        afterExit();
        drainPumps();
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
        if (!startedProcess("join").waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS))
        {
            return false;
        }
        afterExit();
        drainPumps();
        return true;
    }

    /**
     * @return true from {@link #start()} until the child has exited.
     */
    public boolean isAlive()
    {
        final Process p = process;
        return null != p && State.STARTED == state && p.isAlive();
    }

    /**
     * @return the exit code once the child has exited (see the class comment), empty before.
     */
    public OptionalInt exitCode()
    {
        final Process p = process;
        if (null == p || p.isAlive())
        {
            return OptionalInt.empty();
        }
        return OptionalInt.of(p.exitValue());
    }

    /**
     * The signal the child ended on, read from its exit code as a shell does (128 + n): 15 after
     * {@link #terminate()}, 9 after {@link #kill()}, 1 for a daemon whose parent died. A child that itself called
     * {@code System.exit(128 + n)} reads the same.
     *
     * @return the signal number, or empty while running or when the child exited with a code of 128 or less.
     */
    public OptionalInt signal()
    {
        final OptionalInt exitCode = exitCode();
        if (exitCode.isPresent() && exitCode.getAsInt() > SIGNAL_EXIT_BASE &&
            exitCode.getAsInt() <= SIGNAL_EXIT_BASE + MAX_SIGNAL)
        {
            return OptionalInt.of(exitCode.getAsInt() - SIGNAL_EXIT_BASE);
        }
        return OptionalInt.empty();
    }

    /**
     * @return the child's pid, or {@value #NO_PID} before {@link #start()}.
     */
    public long pid()
    {
        final Process p = process;
        return null == p ? NO_PID : p.pid();
    }

    /**
     * @return the pid of the JVM that created this process (this one).
     */
    public long parentPid()
    {
        return parentPid;
    }

    /**
     * @return the name of the process.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return true for a daemon process.
     */
    public boolean isDaemon()
    {
        return daemon;
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
        startedProcess("terminate").destroy();
    }

    /**
     * Stops the child at once: SIGKILL. It exits with 137 without running anything more. Does nothing when the
     * child has exited.
     *
     * @throws IllegalStateException when the process was never started, or is closed.
     */
    public void kill()
    {
        startedProcess("kill").destroyForcibly();
    }

    /**
     * Releases the pipes and threads of the process. Unlike Python's {@code close()}, which refuses a running
     * process, this one stops it (SIGTERM, then SIGKILL after a second), so that try-with-resources never leaves a
     * child behind when its block fails. Closing twice is harmless; after it, only the getters may be used.
     */
    public void close()
    {
        final Process p;
        synchronized (this)
        {
            if (State.STARTED != state)
            {
                state = State.CLOSED;
                return;
            }
            p = process;
        }
        boolean interrupted = false;
        if (p.isAlive())
        {
            p.destroy();
            try
            {
                if (!p.waitFor(CLOSE_GRACE_MS, TimeUnit.MILLISECONDS))
                {
                    p.destroyForcibly();
                    p.waitFor();
                }
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
                p.destroyForcibly();
            }
        }
        afterExit();
        try
        {
            drainPumps();
        }
        catch (final InterruptedException ex)
        {
            interrupted = true;
        }
        state = State.CLOSED;
        if (interrupted)
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
        final Process p = process;
        if (null != p)
        {
            text.append(" pid=").append(p.pid());
        }
        text.append(" parent=").append(parentPid);
        final OptionalInt exitCode = exitCode();
        if (State.CLOSED == state)
        {
            text.append(" closed");
        }
        else if (null == p)
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

    /**
     * Python's {@code multiprocessing.util._exit_function}, run once at this JVM's exit (and by a child after its
     * task): terminates daemon children, then joins every child.
     */
    static void exitFunction()
    {
        if (!EXIT_FUNCTION_RAN.compareAndSet(false, true))
        {
            return;
        }
        ProcessLogging.info("process shutting down");
        final List<ChildProcess> children = activeChildren();
        for (final ChildProcess child : children)
        {
            if (child.daemon)
            {
                ProcessLogging.info("calling terminate() for daemon " + child.name);
                child.process.destroy();
            }
        }
        for (final ChildProcess child : children)
        {
            ProcessLogging.info("calling join() for process " + child.name);
            try
            {
                if (child.daemon)
                {
                    if (!child.process.waitFor(DAEMON_EXIT_GRACE_MS, TimeUnit.MILLISECONDS))
                    {
                        child.process.destroyForcibly().waitFor();
                    }
                }
                else if (TerminationSignal.received())
                {
                    ProcessLogging.info("not joining process " + child.name + ": this process was terminated");
                    continue; // left running, orphaned, as in Python
                }
                else
                {
                    child.process.waitFor();
                }
                child.afterExit();
                child.drainPumps();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void registerExitHook()
    {
        if (EXIT_HOOK_REGISTERED.compareAndSet(false, true))
        {
            Runtime.getRuntime().addShutdownHook(new ExitHook());
        }
    }

    private static StaticCall staticCallOf(final SerializableRunnable task)
    {
        if (task instanceof BoundTask)
        {
            final BoundTask<?> bound = (BoundTask<?>)task;
            return StaticCall.of(bound.task, bound.argument);
        }
        if (task instanceof BoundTask2)
        {
            final BoundTask2<?, ?> bound = (BoundTask2<?, ?>)task;
            return StaticCall.of(bound.task, bound.first, bound.second);
        }
        return StaticCall.of(task);
    }

    private static void checkMain(final Class<?> mainClass)
    {
        final Method main;
        try
        {
            main = mainClass.getMethod("main", String[].class);
        }
        catch (final NoSuchMethodException | LinkageError ex)
        {
            throw new IllegalArgumentException(
                "entry class has no public static void main(String[]): mainClass=" + mainClass.getName(), ex);
        }
        if (!Modifier.isStatic(main.getModifiers()) || void.class != main.getReturnType())
        {
            throw new IllegalArgumentException(
                "entry class has no public static void main(String[]): mainClass=" + mainClass.getName());
        }
    }

    private static void checkJvmOption(final String option)
    {
        if (null == option || !option.startsWith("-"))
        {
            throw new IllegalArgumentException("JVM option must start with '-': option=" + option);
        }
        if ("-cp".equals(option) || "-classpath".equals(option) || option.startsWith("--class-path") ||
            "-jar".equals(option) || option.startsWith("--module") || "-m".equals(option))
        {
            throw new IllegalArgumentException(
                "JVM option may not set the class path, a jar or a module: the child uses this JVM's: option=" + option);
        }
    }

    private static ClassLoader classLoader()
    {
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        return null == context ? ChildProcess.class.getClassLoader() : context;
    }

    private void checkInitial(final String action)
    {
        if (State.INITIAL != state)
        {
            throw new IllegalStateException("cannot " + action + " after start: " + this);
        }
    }

    private Process startedProcess(final String action)
    {
        final Process p = process;
        if (State.CLOSED == state)
        {
            throw new IllegalStateException("cannot " + action + " a closed process: " + this);
        }
        if (null == p)
        {
            throw new IllegalStateException("can only " + action + " a started process: " + this);
        }
        return p;
    }

    private List<String> command(final String classPath, final List<String> cdsOptions)
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.addAll(cdsOptions);
        final List<String> inherited = new ArrayList<>(System.getProperties().stringPropertyNames());
        Collections.sort(inherited);
        for (final String key : inherited)
        {
            if (key.startsWith("mproc.") && !systemProperties.containsKey(key))
            {
                command.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        final String globalOptions = System.getProperty(JVM_OPTIONS_PROPERTY, "").trim();
        if (!globalOptions.isEmpty())
        {
            for (final String option : globalOptions.split("\\s+"))
            {
                checkJvmOption(option);
                command.add(option);
            }
        }
        for (final Map.Entry<String, String> property : systemProperties.entrySet())
        {
            command.add("-D" + property.getKey() + "=" + property.getValue());
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        command.add(name); // only so that ps shows which child this is
        return command;
    }

    private static String absoluteClassPath()
    {
        final String classPath = System.getProperty("java.class.path", "");
        final StringBuilder absolute = new StringBuilder();
        for (final String entry : classPath.split(File.pathSeparator))
        {
            if (absolute.length() > 0)
            {
                absolute.append(File.pathSeparatorChar);
            }
            absolute.append(Paths.get(entry.isEmpty() ? "." : entry).toAbsolutePath().normalize());
        }
        return absolute.toString();
    }

    private ProcessBuilder.Redirect redirectFor(final Path file)
    {
        if (null != file)
        {
            return ProcessBuilder.Redirect.appendTo(file.toFile());
        }
        return OutputMode.INHERIT == outputMode ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE;
    }

    private String prefix()
    {
        return OutputMode.PREFIXED == outputMode ? "[" + name + "] " : null;
    }

    /**
     * Once the child has exited, whoever sees it first (a join, or the JVM's process reaper): publishes an AppCDS
     * archive the child made, forgets the child.
     */
    private synchronized void afterExit()
    {
        if (exitHandled)
        {
            return;
        }
        exitHandled = true;
        final int exitCode = process.exitValue();
        cdsPlan.finish(exitCode <= SIGNAL_EXIT_BASE);
        ACTIVE.remove(this);
        ProcessLogging.debug(name + " exited with exitcode " + exitCode);
        exited.complete(this);
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
     * Waits, boundedly, for the last output of the child to be copied: a grandchild that inherited the pipe may keep
     * it open long after the child exited.
     */
    private void drainPumps() throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PUMP_DRAIN_MS);
        for (final Thread pump : new Thread[]{stdoutPump, stderrPump})
        {
            if (null != pump)
            {
                pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
            }
        }
    }

    private static Thread pump(final InputStream in, final boolean toStderr, final String prefix, final String threadName)
    {
        final Thread thread = new Thread(() -> copyLines(in, toStderr, prefix), threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Copies whole lines, so that lines of several children never interleave mid-line; looks up System.out/err at
     * each line so that a later {@link System#setOut} is honoured.
     */
    private static void copyLines(final InputStream in, final boolean toStderr, final String prefix)
    {
        final byte[] prefixBytes = null == prefix ? new byte[0] : prefix.getBytes(StandardCharsets.UTF_8);
        final byte[] buffer = new byte[8192];
        final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (InputStream input = in)
        {
            int length;
            while ((length = input.read(buffer)) > 0)
            {
                int lineStart = 0;
                for (int i = 0; i < length; i++)
                {
                    if ('\n' == buffer[i])
                    {
                        line.write(buffer, lineStart, i + 1 - lineStart);
                        emit(line, prefixBytes, toStderr);
                        lineStart = i + 1;
                    }
                }
                line.write(buffer, lineStart, length - lineStart);
            }
        }
        catch (final IOException ignore)
        {
            // the child is gone
        }
        if (line.size() > 0)
        {
            emit(line, prefixBytes, toStderr);
        }
    }

    private static void emit(final ByteArrayOutputStream line, final byte[] prefixBytes, final boolean toStderr)
    {
        final PrintStream target = toStderr ? System.err : System.out;
        synchronized (target)
        {
            target.write(prefixBytes, 0, prefixBytes.length);
            target.write(line.toByteArray(), 0, line.size());
            target.flush();
        }
        line.reset();
    }

    /**
     * Runs {@link #exitFunction()} at JVM exit. A class, not a lambda: children register it too, and the first
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
        }
    }

    /**
     * A task with its argument, so that the child needs only one shape of task. A class, not a record: a record is
     * deserialised through method handles, which costs a child ~10 ms at start-up.
     */
    private static final class BoundTask<T> implements SerializableRunnable
    {
        private static final long serialVersionUID = 1L;
        private final SerializableConsumer<T> task;
        private final T argument;

        BoundTask(final SerializableConsumer<T> task, final T argument)
        {
            this.task = task;
            this.argument = argument;
        }

        public void run() throws Exception
        {
            task.accept(argument);
        }
    }

    /**
     * A task with its two arguments.
     */
    private static final class BoundTask2<T, U> implements SerializableRunnable
    {
        private static final long serialVersionUID = 1L;
        private final SerializableBiConsumer<T, U> task;
        private final T first;
        private final U second;

        BoundTask2(final SerializableBiConsumer<T, U> task, final T first, final U second)
        {
            this.task = task;
            this.first = first;
            this.second = second;
        }

        public void run() throws Exception
        {
            task.accept(first, second);
        }
    }
}
