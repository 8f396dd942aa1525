package io.mproc.pool;

import io.mproc.queue.MessageRing;
import io.mproc.sync.BackoffWaitStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Writes a worker's EXITED message ({@link PoolProtocol}) to the pool's result ring, on the JDK's process reaper
 * thread. When the ring is full (the collector is behind, in a slow callback say) it waits, backing off to 1 ms
 * parks so as not to take a core from the workers, until there is room or the pool is gone.
 */
final class ExitReporter
{
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private ExitReporter()
    {
    }

    /**
     * @param results     the pool's result ring.
     * @param workerField slot and generation of the worker.
     * @param exitCode    of its JVM.
     * @param poolGone    true once no collector is left to read the message.
     * @return true when written, false when the pool went away first.
     */
    static boolean report(
        final MessageRing results, final int workerField, final int exitCode, final BooleanSupplier poolGone)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[PoolProtocol.EXITED_LENGTH]);
        message.putInt(PoolProtocol.EXITED_WORKER_OFFSET, workerField);
        message.putInt(PoolProtocol.EXITED_CODE_OFFSET, exitCode);
        final boolean[] written = new boolean[1];
        new FullRingWait(new BackoffWaitStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(10), MAX_PARK_NS)).await(() ->
            (written[0] = results.write(PoolProtocol.EXITED, message, 0, message.capacity())) || poolGone.getAsBoolean());
        return written[0];
    }
}
