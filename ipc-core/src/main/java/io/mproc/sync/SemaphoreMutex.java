package io.mproc.sync;

import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.mproc.sync.SemaphoreDescriptor.MUTEX_OFFSET;

/**
 * The contended path of a {@link Semaphore}'s robust mutex (layout in {@link SemaphoreDescriptor}); the uncontended
 * compare-and-set stays in {@link Semaphore}. Static: no state of its own.
 */
final class SemaphoreMutex
{
    private static final Logger LOGGER = LoggerFactory.getLogger(Semaphore.class);
    private static final long MUTEX_LIVENESS_CHECK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MUTEX_LIVENESS_PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int MUTEX_SPINS_BEFORE_YIELD = 100;

    private SemaphoreMutex()
    {
    }

    /**
     * The mutex is held for a few stores, so spin then yield; a holder that stays for a millisecond may be dead
     * (or descheduled), so check, and take over from a dead one, replaying its journal ({@link SemaphoreJournal}).
     *
     * @param buffer    over the region.
     * @param bodyIndex index of the semaphore body in {@code buffer}.
     * @param token     this process's owner token.
     * @param path      of the region, for the log.
     */
    static void lockContended(final UnsafeBuffer buffer, final int bodyIndex, final long token, final Path path)
    {
        final int mutexIndex = bodyIndex + MUTEX_OFFSET;
        final long startNs = System.nanoTime();
        long nextCheckNs = startNs + MUTEX_LIVENESS_CHECK_NS;
        int spins = 0;
        while (true)
        {
            final long owner = buffer.getLongVolatile(mutexIndex);
            if (0 == owner)
            {
                if (buffer.compareAndSetLong(mutexIndex, 0, token))
                {
                    return;
                }
                continue;
            }
            if (++spins < MUTEX_SPINS_BEFORE_YIELD)
            {
                Thread.onSpinWait();
                continue;
            }
            Thread.yield();
            final long nowNs = System.nanoTime();
            if (nowNs - nextCheckNs >= 0)
            {
                nextCheckNs = nowNs + MUTEX_LIVENESS_PERIOD_NS;
                if (!OwnerToken.isAlive(owner) && buffer.compareAndSetLong(mutexIndex, owner, token))
                {
                    SemaphoreJournal.replayIfValid(buffer, bodyIndex);
                    LOGGER.warn("recovered semaphore mutex from dead process {}: {}", OwnerToken.describe(owner), path);
                    return;
                }
            }
        }
    }
}
