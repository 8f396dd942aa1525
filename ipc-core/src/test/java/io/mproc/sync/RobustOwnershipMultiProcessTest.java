package io.mproc.sync;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An owner SIGKILLed while holding a Lock, an RLock or a semaphore permit: a process already waiting for it gets it
 * within a bounded time, and is told.
 */
class RobustOwnershipMultiProcessTest extends MultiProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** One liveness period (1 s) plus generous slack for a loaded 2-core machine. */
    private static final long RECOVERY_BOUND_MS = 4_000;

    @Test
    @Timeout(60)
    void shouldRecoverLockAndReportItWhenOwnerIsKilled() throws Exception
    {
        final Lock lock = Lock.create(namespace, "lock");
        holdInChild("lock");
        assertFalse(lock.tryLock());
        assertEquals(child.pid(), lock.ownerPid());

        final CompletableFuture<long[]> waiter = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                final boolean acquired = lock.tryLock(20, TimeUnit.SECONDS);
                final long acquiredNs = System.nanoTime();
                final boolean ownerDied = lock.ownerDied();
                lock.unlock();
                return new long[]{acquired ? 1 : 0, ownerDied ? 1 : 0, acquiredNs};
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        Thread.sleep(200); // the waiter is past its spin and asleep
        final long killedNs = System.nanoTime();
        child.kill();

        final long[] result = waiter.get(20, TimeUnit.SECONDS);
        assertEquals(1, result[0], "acquired");
        assertEquals(1, result[1], "ownerDied reported");
        final long recoveryMs = TimeUnit.NANOSECONDS.toMillis(result[2] - killedNs);
        assertTrue(recoveryMs < RECOVERY_BOUND_MS, "recovered in " + recoveryMs + " ms");
        assertEquals(1, lock.recoveries());
        assertFalse(lock.isLocked());

        // the next hold is a normal one
        lock.lock();
        assertFalse(lock.ownerDied());
        lock.unlock();
    }

    @Test
    @Timeout(60)
    void shouldRecoverRLockWithAllItsHoldsWhenOwnerIsKilled() throws Exception
    {
        final RLock rlock = RLock.create(namespace, "rlock");
        holdInChild("rlock");
        child.kill();

        final long startNs = System.nanoTime();
        assertTrue(rlock.tryLock(10, TimeUnit.SECONDS));
        final long recoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        try
        {
            assertTrue(rlock.ownerDied());
            assertEquals(1, rlock.getHoldCount(), "the dead owner's three holds went with it");
            assertTrue(recoveryMs < RECOVERY_BOUND_MS, "recovered in " + recoveryMs + " ms");
        }
        finally
        {
            rlock.unlock();
        }
        assertFalse(rlock.isLocked());
    }

    @Test
    @Timeout(60)
    void shouldReturnPermitOfKilledHolder() throws Exception
    {
        final Semaphore semaphore = Semaphore.create(namespace, "semaphore", 1);
        holdInChild("permit");
        assertEquals(0, semaphore.availablePermits());

        final CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return semaphore.tryAcquire(20, TimeUnit.SECONDS) ? System.nanoTime() : -1L;
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        Thread.sleep(200);
        final long killedNs = System.nanoTime();
        child.kill();

        final long acquiredNs = waiter.get(20, TimeUnit.SECONDS);
        assertTrue(acquiredNs > 0, "acquired");
        final long recoveryMs = TimeUnit.NANOSECONDS.toMillis(acquiredNs - killedNs);
        assertTrue(recoveryMs < RECOVERY_BOUND_MS, "recovered in " + recoveryMs + " ms");
        assertEquals(1, semaphore.reclaimedPermits());
        assertEquals(1, semaphore.heldPermits());
        assertEquals(0, semaphore.availablePermits());
        semaphore.release();
        assertEquals(1, semaphore.availablePermits());
        assertEquals(0, semaphore.heldPermits());
    }

    private void holdInChild(final String what)
    {
        child = ChildJvm.start(SyncChildMain.class, "hold", namespace.directory().toString(), what);
        child.awaitLine("HELD", TIMEOUT);
    }
}
