package io.mproc.process;

import java.util.ServiceLoader;

/**
 * A start-up that a layer above this package rehearses in every warm {@link Spare}, so that a child from a spare does
 * not pay for it: found with {@link ServiceLoader} (a {@code META-INF/services/io.mproc.process.SpareRehearsal} entry)
 * and run by {@link SpareWarmUp} before the spare says it is ready. Its task goes the whole way a child's task goes:
 * serialised into a launch, read back, deserialised and run, so that the classes are loaded, linked and initialised
 * and the lambdas bootstrapped. A pool worker's first seconds are the example: opening its namespace and rings, its
 * codec, its first function ({@code io.mproc.pool.PoolWorkerRehearsal}). Not for direct use.
 * <p>
 * A rehearsal changes nothing a child sees and leaves nothing behind: whatever {@link #task()} sets up (a temporary
 * namespace) {@link #close()} removes. A rehearsal that fails is skipped; the child meets the failure, if it is real.
 */
public interface SpareRehearsal extends AutoCloseable
{
    /**
     * @return the task to rehearse, ready to run in this JVM.
     * @throws Exception when it cannot be set up: the rehearsal is skipped.
     */
    SerializableRunnable task() throws Exception;

    /**
     * Removes what {@link #task()} set up; called once the task has run or failed.
     */
    @Override
    void close();
}
