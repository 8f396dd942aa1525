package io.mproc.pool;

/**
 * A worker process died (killed, out of memory, {@code System.exit} in a task) while it held the task, and the task
 * was already retried as often as the pool allows. Names the worker and how it ended.
 */
public class WorkerDiedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String workerName;
    private final int exitCode;

    /**
     * @param workerName of the worker, such as {@code PoolWorker-3}.
     * @param exitCode   of the worker JVM (128 + n for signal n).
     * @param attempts   times the task was tried.
     */
    public WorkerDiedException(final String workerName, final int exitCode, final int attempts)
    {
        super("worker died while running the task: worker=" + workerName + ", exitCode=" + exitCode +
            (exitCode > 128 ? " (signal " + (exitCode - 128) + ")" : "") + ", attempts=" + attempts);
        this.workerName = workerName;
        this.exitCode = exitCode;
    }

    /**
     * @return name of the worker that died last holding the task.
     */
    public String workerName()
    {
        return workerName;
    }

    /**
     * @return its exit code.
     */
    public int exitCode()
    {
        return exitCode;
    }
}
