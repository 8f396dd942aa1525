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
 * An owner SIGKILLed while holding a Lock, an RLock or a semaphore permit: a process already asleep waiting for it
 * gets it (its liveness checks find the owner dead), and is told.
 */
class RobustOwnershipMultiProcessTest extends MultiProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    @Timeout(60)
    void shouldRecoverLockAndReportItWhenOwnerIsKilled() throws Exception
    {
        final Lock lock = Lock.create(namespace, "lock");
        holdInChild("lock");
        assertFalse(lock.tryLock());
        assertEquals(child.pid(), lock.ownerPid());

        final CompletableFuture<boolean[]> waiter = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                final boolean acquired = lock.tryLock(20, TimeUnit.SECONDS);
                final boolean ownerDied = lock.ownerDied();
                lock.unlock();
                return new boolean[]{acquired, ownerDied};
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        SyncTestWaits.awaitSleepers(lock.core.waitWord(), 1); // the waiter is past its spin and asleep
        child.kill();

        final boolean[] result = waiter.get(30, TimeUnit.SECONDS);
        assertTrue(result[0], "acquired");
        assertTrue(result[1], "ownerDied reported");
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

        assertTrue(rlock.tryLock(10, TimeUnit.SECONDS));
        try
        {
            assertTrue(rlock.ownerDied());
            assertEquals(1, rlock.getHoldCount(), "the dead owner's three holds went with it");
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

        final CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return semaphore.tryAcquire(20, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        SyncTestWaits.awaitSleepers(semaphore.waitWord(), 1); // the waiter is past its spin and asleep
        child.kill();

        assertTrue(waiter.get(30, TimeUnit.SECONDS), "acquired");
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
