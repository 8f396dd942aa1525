package io.mproc.pool;

import io.mproc.process.SerializableRunnable;
import io.mproc.queue.AllowList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of a {@link ProcessPool}, from {@link ProcessPool#builder()}; ends, as every builder in mproc, in the
 * factory's verb: {@link #create()}.
 */
public final class ProcessPoolBuilder
{
    private int workers = Runtime.getRuntime().availableProcessors();
    private SerializableRunnable initializer;
    private int maxTasksPerChild;
    private int maxRetries = 1;
    private AllowList allowList = AllowList.NONE;
    private final List<String> allowedClasses = new ArrayList<>();
    private final List<String> allowedPackages = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private String classPath;
    private Path javaExecutable;

    ProcessPoolBuilder()
    {
    }

    /**
     * @param workers number of worker processes (default: available processors).
     * @return this.
     */
    public ProcessPoolBuilder workers(final int workers)
    {
        if (workers < 1 || workers > PoolProtocol.MAX_WORKERS)
        {
            throw new IllegalArgumentException("workers must be at least 1: workers=" + workers);
        }
        this.workers = workers;
        return this;
    }

    /**
     * @param initializer run once in each worker before its first task (Python's {@code initializer}).
     * @return this.
     */
    public ProcessPoolBuilder initializer(final SerializableRunnable initializer)
    {
        this.initializer = initializer;
        return this;
    }

    /**
     * @param maxTasksPerChild tasks a worker runs before it is replaced by a fresh one; 0 for no limit.
     * @return this.
     */
    public ProcessPoolBuilder maxTasksPerChild(final int maxTasksPerChild)
    {
        if (maxTasksPerChild < 0)
        {
            throw new IllegalArgumentException("maxTasksPerChild must be >= 0: maxTasksPerChild=" + maxTasksPerChild);
        }
        this.maxTasksPerChild = maxTasksPerChild;
        return this;
    }

    /**
     * @param maxRetries times a task held by a dying worker is sent again before it fails (default 1).
     * @return this.
     */
    public ProcessPoolBuilder maxRetries(final int maxRetries)
    {
        if (maxRetries < 0)
        {
            throw new IllegalArgumentException("maxRetries must be >= 0: maxRetries=" + maxRetries);
        }
        this.maxRetries = maxRetries;
        return this;
    }

    /**
     * @param classes user classes that may travel as items, results or task objects.
     * @return this.
     */
    public ProcessPoolBuilder allow(final Class<?>... classes)
    {
        allowList = allowList.allow(classes);
        for (final Class<?> type : classes)
        {
            allowedClasses.add(type.getName());
        }
        return this;
    }

    /**
     * @param packageName whose classes may travel as items, results or task objects.
     * @return this.
     */
    public ProcessPoolBuilder allowPackage(final String packageName)
    {
        allowList = allowList.allowPackage(packageName);
        allowedPackages.add(packageName);
        return this;
    }

    /**
     * @param options extra JVM options for the workers, such as {@code -Xmx512m}.
     * @return this.
     */
    public ProcessPoolBuilder jvmOptions(final String... options)
    {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /**
     * The workers' class path, where the one mproc finds (this JVM's {@code java.class.path}, or the class
     * loaders' when that lacks mproc or the tasks' classes, see {@link io.mproc.process.ChildOptions#classPath(String)}) is not
     * the one they need.
     *
     * @param classPath entries separated by the platform's path separator.
     * @return this.
     * @throws IllegalArgumentException when it is empty.
     */
    public ProcessPoolBuilder classPath(final String classPath)
    {
        if (null == classPath || classPath.isBlank())
        {
            throw new IllegalArgumentException("class path must not be empty: classPath=" + classPath);
        }
        this.classPath = classPath;
        return this;
    }

    /**
     * @param javaExecutable the {@code java} that runs the workers, instead of this JVM's.
     * @return this.
     * @throws IllegalArgumentException when it is not an executable file.
     */
    public ProcessPoolBuilder javaExecutable(final Path javaExecutable)
    {
        if (null == javaExecutable || !Files.isRegularFile(javaExecutable) || !Files.isExecutable(javaExecutable))
        {
            throw new IllegalArgumentException("java executable is not an executable file: javaExecutable=" +
                javaExecutable);
        }
        this.javaExecutable = javaExecutable;
        return this;
    }

    /**
     * Starts the workers and waits until a first one is ready (its JVM up, its initializer run), so that a pool
     * that cannot start says so here rather than at its first task.
     *
     * @return a started pool.
     * @throws PoolStartException when a worker ended before any was ready: the message carries the worker JVM's
     *                            error output (an unknown JVM option, say), or the initializer's class and message
     *                            with its stack trace as the cause. Nothing of the pool is left behind.
     */
    public ProcessPool create()
    {
        return new ProcessPool(new PoolOptions(workers, initializer, maxTasksPerChild, maxRetries, allowList,
            allowedClasses, allowedPackages, jvmOptions, classPath, javaExecutable)).awaitFirstWorker();
    }

    /**
     * @return a started pool.
     * @deprecated builders end in their factory's verb across mproc: use {@link #create()}, which this calls.
     */
    @Deprecated
    public ProcessPool build()
    {
        return create();
    }
}
