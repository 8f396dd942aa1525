package io.mproc.pool;

import io.mproc.process.SerializableRunnable;

/**
 * Runs a plain serialisable {@link Runnable} as a {@link SerializableRunnable}; workers accept it as a task class
 * ({@link PoolProtocol}).
 */
record RunnableAdapter(Runnable task) implements SerializableRunnable
{
    public void run()
    {
        task.run();
    }
}
