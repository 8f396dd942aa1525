package io.mproc.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of a {@link ChildProcess}, set before it starts: its name, daemon flag, JVM options, system
 * properties, environment, output, working directory and class data sharing archive. Each is checked as it is set,
 * so that bad input fails where it is given. Set by one thread before start.
 * <p>
 * The option half of {@link ChildProcess}, kept apart so that each class holds one concern; not a type to use on
 * its own.
 */
public abstract sealed class ChildOptions permits ChildProcess
{
    /** How long {@link ChildProcess#start()} waits for a child to be ready, unless {@link #startTimeout} says. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    String name;
    boolean daemon;
    final List<String> jvmOptions = new ArrayList<>();
    final Map<String, String> systemProperties = new LinkedHashMap<>();
    final Map<String, String> environment = new LinkedHashMap<>();
    OutputMode outputMode = OutputMode.INHERIT;
    Path outputFile;
    Path errorFile;
    Path directory;
    Path cdsArchive;
    boolean cdsArchiveSet;
    String classPath;
    Path javaExecutable;
    Duration startTimeout = DEFAULT_START_TIMEOUT;

    ChildOptions(final String name)
    {
        this.name = name;
    }

    /**
     * @param name of the process, shown in logs and in {@link CurrentProcess#name()} of the child.
     * @return this.
     */
    public final ChildProcess name(final String name)
    {
        checkInitial("set the name");
        this.name = Objects.requireNonNull(name, "name");
        return self();
    }

    /**
     * @param daemon true for a child that ends when this JVM ends (default false).
     * @return this.
     */
    public final ChildProcess daemon(final boolean daemon)
    {
        checkInitial("set the daemon flag");
        this.daemon = daemon;
        return self();
    }

    /**
     * Adds JVM options, such as {@code -Xmx64m}, {@code -XX:+UseSerialGC} or {@code -XX:TieredStopAtLevel=1}.
     *
     * @param options each starting with {@code -}; not the class path, which {@link #classPath(String)} sets.
     * @return this.
     * @throws IllegalArgumentException for an option that is not one, or that sets the class path or a jar.
     */
    public final ChildProcess jvmOptions(final String... options)
    {
        checkInitial("add JVM options");
        addJvmOptions(options);
        return self();
    }

    /**
     * @param key   of a system property for the child.
     * @param value of it.
     * @return this.
     */
    public final ChildProcess systemProperty(final String key, final String value)
    {
        checkInitial("set a system property");
        putSystemProperty(key, value);
        return self();
    }

    /**
     * @param key   of an environment variable for the child (it inherits this JVM's environment).
     * @param value of it.
     * @return this.
     */
    public final ChildProcess environment(final String key, final String value)
    {
        checkInitial("set an environment variable");
        environment.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /**
     * @param mode where stdout and stderr go when not redirected to a file (default {@link OutputMode#INHERIT}).
     * @return this.
     */
    public final ChildProcess output(final OutputMode mode)
    {
        checkInitial("set the output mode");
        outputMode = Objects.requireNonNull(mode, "mode");
        return self();
    }

    /**
     * @param file the child's stdout is appended to (created if needed).
     * @return this.
     */
    public final ChildProcess redirectOutput(final Path file)
    {
        checkInitial("redirect the output");
        outputFile = Objects.requireNonNull(file, "file");
        return self();
    }

    /**
     * @param file the child's stderr is appended to (created if needed).
     * @return this.
     */
    public final ChildProcess redirectError(final Path file)
    {
        checkInitial("redirect the error output");
        errorFile = Objects.requireNonNull(file, "file");
        return self();
    }

    /**
     * @param directory working directory of the child (default: this JVM's).
     * @return this.
     */
    public final ChildProcess directory(final Path directory)
    {
        checkInitial("set the working directory");
        this.directory = Objects.requireNonNull(directory, "directory");
        return self();
    }

    /**
     * Uses an AppCDS archive: the first child made with it writes the archive at its exit, later children map it
     * and start faster. Works only when the class path is jars only (e.g. {@code java -jar app.jar}); otherwise
     * ignored. Overrides {@value ChildProcess#CDS_PROPERTY}.
     *
     * @param archive file of the archive, or null for none.
     * @return this.
     */
    public final ChildProcess classDataSharing(final Path archive)
    {
        checkInitial("set the class data sharing archive");
        setClassDataSharing(archive);
        return self();
    }

    /**
     * @return the name of the process.
     */
    public final String name()
    {
        return name;
    }

    /**
     * @return true for a daemon process.
     */
    public final boolean isDaemon()
    {
        return daemon;
    }

    /**
     * Sets the child's class path, in place of the one derived from this JVM: its {@code java.class.path}, and,
     * when that does not hold mproc or the task's classes, the class path of the class loaders that loaded them.
     *
     * @param classPath entries separated by {@link java.io.File#pathSeparator}, as for {@code java -cp}; relative
     *                  entries are resolved against the child's working directory.
     * @return this.
     * @throws IllegalArgumentException when it is empty.
     */
    public final ChildProcess classPath(final String classPath)
    {
        checkInitial("set the class path");
        if (null == classPath || classPath.isBlank())
        {
            throw new IllegalArgumentException("class path must not be empty: classPath=" + classPath);
        }
        this.classPath = classPath;
        return self();
    }

    /**
     * Sets the java launcher of the child, in place of this JVM's ({@code java.home}/bin/java).
     *
     * @param javaExecutable an executable file, such as {@code /usr/lib/jvm/java-21/bin/java}.
     * @return this.
     * @throws IllegalArgumentException when it is not an executable file.
     */
    public final ChildProcess javaExecutable(final Path javaExecutable)
    {
        checkInitial("set the java executable");
        if (!Files.isRegularFile(javaExecutable) || !Files.isExecutable(javaExecutable))
        {
            throw new IllegalArgumentException("java executable is not an executable file: javaExecutable=" +
                javaExecutable);
        }
        this.javaExecutable = javaExecutable.toAbsolutePath();
        return self();
    }

    /**
     * Sets how long {@link ChildProcess#start()} waits for the child to be ready to run its task (its JVM started,
     * its task loaded) before it kills it and throws a {@link ChildStartException}.
     *
     * @param timeout positive; default {@link #DEFAULT_START_TIMEOUT}.
     * @return this.
     * @throws IllegalArgumentException when not positive.
     */
    public final ChildProcess startTimeout(final Duration timeout)
    {
        checkInitial("set the start timeout");
        if (timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException("start timeout must be positive: timeout=" + timeout);
        }
        this.startTimeout = timeout;
        return self();
    }

    /**
     * @param action about to be done to an option.
     * @throws IllegalStateException when the process has started.
     */
    abstract void checkInitial(String action);

    private ChildProcess self()
    {
        return (ChildProcess)this;
    }

    private void addJvmOptions(final String... options)
    {
        for (final String option : options)
        {
            checkJvmOption(option);
        }
        jvmOptions.addAll(List.of(options));
    }

    private void putSystemProperty(final String key, final String value)
    {
        if (null == key || key.isEmpty() || key.contains("="))
        {
            throw new IllegalArgumentException("system property key must be non-empty and without '=': key=" + key);
        }
        systemProperties.put(key, Objects.requireNonNull(value, "value"));
    }

    private void setClassDataSharing(final Path archive)
    {
        cdsArchive = null == archive ? null : archive.toAbsolutePath();
        cdsArchiveSet = true;
    }

    /**
     * @param option a JVM option given by the user, or from {@link ChildProcess#JVM_OPTIONS_PROPERTY}.
     * @throws IllegalArgumentException when it is not an option, or sets the class path, a jar or a module.
     */
    static void checkJvmOption(final String option)
    {
        if (null == option || !option.startsWith("-"))
        {
            throw new IllegalArgumentException("JVM option must start with '-': option=" + option);
        }
        if ("-cp".equals(option) || "-classpath".equals(option) || option.startsWith("--class-path") ||
            "-jar".equals(option) || option.startsWith("--module") || "-m".equals(option))
        {
            throw new IllegalArgumentException("JVM option may not set the class path, a jar or a module: give the " +
                "child's class path with ChildProcess.classPath(...): option=" + option);
        }
    }
}
