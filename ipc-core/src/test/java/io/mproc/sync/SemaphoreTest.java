package io.mproc.sync;

import io.mproc.memory.KindMismatchException;
import io.mproc.memory.Namespace;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Semaphore and BoundedSemaphore within one process: counting, bounds, waits, holder tracking and recovery of
 * permits and of the internal mutex from state left by a dead process.
 */
class SemaphoreTest
{
    private static final long DEAD = OwnerToken.of(Integer.MAX_VALUE, 1); // no process has that pid

    private Namespace namespace;

    @BeforeEach
    void setUp()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void tearDown()
    {
        namespace.close();
    }

    @Test
    void shouldCountPermitsAndTrackThisProcessAsHolder()
    {
        final Semaphore semaphore = Semaphore.create(namespace, "s", 2);
        assertTrue(semaphore.tryAcquire());
        assertTrue(semaphore.tryAcquire());
        assertFalse(semaphore.tryAcquire());
        assertEquals(0, semaphore.availablePermits());
        assertEquals(2, semaphore.heldPermits());
        semaphore.release();
        assertEquals(1, semaphore.availablePermits());
        assertEquals(1, semaphore.heldPermits());
        semaphore.release(3); // an unbounded semaphore takes releases beyond what was acquired, as Python's
        assertEquals(4, semaphore.availablePermits());
        assertEquals(0, semaphore.heldPermits());
        assertFalse(semaphore.tryAcquire(5));
        assertTrue(semaphore.tryAcquire(4));
        assertThrows(IllegalArgumentException.class, () -> semaphore.tryAcquire(0));
        assertThrows(IllegalArgumentException.class, () -> Semaphore.create(namespace, "t", -1));
    }

    @Test
    void shouldThrowOnOverReleaseOfBoundedSemaphoreFromEveryHandle()
    {
        final BoundedSemaphore bounded = BoundedSemaphore.create(namespace, "b", 2);
        assertTrue(bounded.isBounded());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, bounded::release);
        assertTrue(ex.getMessage().startsWith(
            "semaphore released too many times: permits=2, released=1, maxPermits=2, semaphore="), ex.getMessage());
        assertEquals(2, bounded.availablePermits(), "unchanged");

        final Semaphore plainHandle = Semaphore.open(namespace, "b");
        assertTrue(plainHandle.tryAcquire());
        plainHandle.release();
        assertThrows(IllegalStateException.class, plainHandle::release);

        Semaphore.create(namespace, "unbounded", 1);
        final KindMismatchException mismatch =
            assertThrows(KindMismatchException.class, () -> BoundedSemaphore.open(namespace, "unbounded"));
        assertEquals("bounded SEMAPHORE", mismatch.expected());
    }

    @Test
    @Timeout(30)
    void shouldWaitForPermitsReleasedByAnotherThread() throws Exception
    {
        final Semaphore semaphore = Semaphore.create(namespace, "s", 0);
        final long startNs = System.nanoTime();
        assertFalse(semaphore.tryAcquire(50, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(50));

        semaphore.release();
        semaphore.release();
        final CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return semaphore.tryAcquire(3, 10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        SyncTestWaits.awaitSleepers(semaphore.waitWord(), 1); // saw the two permits, and sleeps
        assertFalse(waiter.isDone(), "needs three");
        assertEquals(2, semaphore.availablePermits(), "takes none until it can take all three");
        semaphore.release();
        assertTrue(waiter.get(10, TimeUnit.SECONDS));
        assertEquals(0, semaphore.availablePermits());
    }

    @Test
    @Timeout(30)
    void shouldEndWaitWhenInterrupted() throws Exception
    {
        final Semaphore semaphore = Semaphore.create(namespace, "s", 0);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                semaphore.acquire();
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        });
        waiter.start();
        SyncTestWaits.awaitSleepers(semaphore.waitWord(), 1);
        waiter.interrupt();
        waiter.join(); // no permit will come: only the interrupt can end this wait
        assertInstanceOf(InterruptedException.class, thrown.get());
    }

    @Test
    @Timeout(30)
    void shouldReturnPermitsOfDeadHolderToStarvedWaiter() throws Exception
    {
        final Semaphore semaphore = Semaphore.create(namespace, "s", 1);
        assertTrue(semaphore.tryAcquire());
        // pretend a dead process holds 2 permits in the slot after ours
        final AtomicBuffer buffer = semaphore.region().buffer();
        final int slot = semaphore.region().bodyOffset() + SemaphoreDescriptor.slotOffset(5);
        buffer.putInt(slot + SemaphoreDescriptor.SLOT_COUNT_OFFSET, 2);
        buffer.putLongVolatile(slot + SemaphoreDescriptor.SLOT_OWNER_OFFSET, DEAD);

        assertTrue(semaphore.tryAcquire(2, 5, TimeUnit.SECONDS));
        assertEquals(2, semaphore.reclaimedPermits());
        assertEquals(3, semaphore.heldPermits());
        assertEquals(0, buffer.getLongVolatile(slot + SemaphoreDescriptor.SLOT_OWNER_OFFSET), "slot freed");
    }

    @Test
    void shouldNotReturnPermitsWithoutTracking()
    {
        final Semaphore semaphore = Semaphore.create(namespace, "s", 1, PermitTracking.NONE,
            WaitStrategies.defaultFor(namespace));
        assertEquals(PermitTracking.NONE, semaphore.tracking());
        assertTrue(semaphore.tryAcquire());
        assertEquals(0, semaphore.heldPermits());
        assertEquals(0, semaphore.reclaimDeadHolders());
    }

    @Test
    @Timeout(30)
    void shouldReplayJournalOfProcessThatDiedHoldingTheMutex()
    {
        final BoundedSemaphore semaphore = BoundedSemaphore.create(namespace, "s", 8);
        final AtomicBuffer buffer = semaphore.region().buffer();
        final int body = semaphore.region().bodyOffset();
        // A dead process was half-way through taking 3 permits: journal written, permits not yet stored.
        buffer.putInt(body + SemaphoreDescriptor.JOURNAL_PERMITS_OFFSET, 5);
        buffer.putInt(body + SemaphoreDescriptor.JOURNAL_SLOT_OFFSET, 7);
        buffer.putLong(body + SemaphoreDescriptor.JOURNAL_SLOT_OWNER_OFFSET, DEAD);
        buffer.putInt(body + SemaphoreDescriptor.JOURNAL_SLOT_COUNT_OFFSET, 3);
        buffer.putLong(body + SemaphoreDescriptor.JOURNAL_RECLAIMED_OFFSET, 0);
        buffer.putIntVolatile(body + SemaphoreDescriptor.JOURNAL_VALID_OFFSET, 1);
        buffer.putLongVolatile(body + SemaphoreDescriptor.MUTEX_OFFSET, DEAD);

        semaphore.release(); // takes the mutex over, replays: 5 permits, then releases one
        assertEquals(6, semaphore.availablePermits());
        // and the dead process's 3 permits come back as soon as someone looks
        assertEquals(3, semaphore.reclaimDeadHolders());
        assertEquals(8, semaphore.availablePermits(), "never above the bound: 6 + 3 capped at 8");
    }
}
