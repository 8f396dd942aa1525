package io.mproc.pool;

import io.mproc.process.SerializableRunnable;
import io.mproc.queue.AllowList;

import java.nio.file.Path;
import java.util.List;

/**
 * A pool's options once built ({@link ProcessPoolBuilder} validates them): what the parts of the pool read.
 */
final class PoolOptions
{
    final int workers;
    final SerializableRunnable initializer;
    final int maxTasksPerChild;
    final int maxRetries;
    final AllowList allowList;
    /** The allow-list as names, to rebuild it in a worker ({@link #allowList(String[], String[])}). */
    final String[] allowedClasses;
    final String[] allowedPackages;
    final List<String> jvmOptions;
    /** The workers' class path, or null for the one {@link io.mproc.process.ChildProcess} derives. */
    final String classPath;
    /** The workers' java, or null for this JVM's. */
    final Path javaExecutable;

    PoolOptions(
        final int workers,
        final SerializableRunnable initializer,
        final int maxTasksPerChild,
        final int maxRetries,
        final AllowList allowList,
        final List<String> allowedClasses,
        final List<String> allowedPackages,
        final List<String> jvmOptions,
        final String classPath,
        final Path javaExecutable)
    {
        this.workers = workers;
        this.initializer = initializer;
        this.maxTasksPerChild = maxTasksPerChild;
        this.maxRetries = maxRetries;
        this.allowList = allowList;
        this.allowedClasses = allowedClasses.toArray(new String[0]);
        this.allowedPackages = allowedPackages.toArray(new String[0]);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classPath = classPath;
        this.javaExecutable = javaExecutable;
    }

    /**
     * Rebuilds, in a worker, the allow-list the parent was built with.
     */
    static AllowList allowList(final String[] classNames, final String[] packages)
    {
        AllowList list = AllowList.NONE;
        for (final String packageName : packages)
        {
            list = list.allowPackage(packageName);
        }
        return list.allowClassNames(classNames);
    }
}
