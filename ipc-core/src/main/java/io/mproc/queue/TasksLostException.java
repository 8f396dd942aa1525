package io.mproc.queue;

/**
 * Thrown by {@link JoinableQueue#join()} when it ends because every task is done except some that a consumer process
 * took and then died before marking done: those tasks are lost (their work may or may not have happened), and the
 * queue no longer counts them as unfinished. Reported once, to the joiner that sees the join end first; later joins
 * return normally.
 */
public class TasksLostException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final long lostTasks;

    /**
     * @param lostTasks tasks taken by consumers that died before marking them done.
     * @param message   the detail message.
     */
    public TasksLostException(final long lostTasks, final String message)
    {
        super(message);
        this.lostTasks = lostTasks;
    }

    /**
     * @return tasks taken by consumers that died before marking them done.
     */
    public long lostTasks()
    {
        return lostTasks;
    }
}
