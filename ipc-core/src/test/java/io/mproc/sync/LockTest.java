package io.mproc.sync;

import io.mproc.memory.Namespace;
import io.mproc.value.LongValue;
import io.mproc.value.ValueDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lock and RLock within one process: ownership per thread, reentrancy, timeouts, interrupts, and recovery from an
 * owner word left by a dead process.
 */
class LockTest
{
    private Namespace namespace;

    static List<WaitStrategy> strategies()
    {
        return WaitStrategyTest.strategies();
    }

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

    @ParameterizedTest
    @MethodSource("strategies")
    @Timeout(60)
    void shouldExcludeThreadsFromEachOther(final WaitStrategy strategy) throws Exception
    {
        final Lock lock = Lock.create(namespace, "lock", strategy);
        final long[] counter = new long[1];
        final int threads = 4;
        final int increments = 5_000;
        final List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            workers.add(CompletableFuture.runAsync(() ->
            {
                for (int i = 0; i < increments; i++)
                {
                    lock.lock();
                    try
                    {
                        counter[0]++;
                    }
                    finally
                    {
                        lock.unlock();
                    }
                }
            }, runnable -> new Thread(runnable).start()));
        }
        for (final CompletableFuture<Void> worker : workers)
        {
            worker.get(50, TimeUnit.SECONDS);
        }
        lock.lock(); // the lock's release/acquire orders the plain counter for this thread too
        assertEquals((long)threads * increments, counter[0]);
        lock.unlock();
    }

    @Test
    void shouldThrowIllegalMonitorStateWhenUnlockedByNonOwner() throws Exception
    {
        final Lock lock = Lock.create(namespace, "lock");
        final IllegalMonitorStateException free = assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertTrue(free.getMessage().startsWith("lock not held by this thread: owner=none, caller=pid "),
            free.getMessage());

        lock.lock();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread other = new Thread(() ->
        {
            try
            {
                lock.unlock();
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        });
        other.start();
        other.join();
        assertInstanceOf(IllegalMonitorStateException.class, thrown.get());
        assertTrue(lock.isHeldByCurrentThread(), "still ours");
        lock.unlock();
        assertFalse(lock.isLocked());
    }

    @Test
    void shouldRefuseToReenterLock() throws Exception
    {
        final Lock lock = Lock.create(namespace, "lock");
        lock.lock();
        assertFalse(lock.tryLock());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, lock::lock);
        assertTrue(ex.getMessage().startsWith("lock is not reentrant and this thread already holds it"));
        assertThrows(IllegalStateException.class, () -> lock.tryLock(1, TimeUnit.SECONDS));
        lock.unlock();
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    }

    @Test
    void shouldCountHoldsOfRLock()
    {
        final RLock rlock = RLock.create(namespace, "rlock");
        assertEquals(0, rlock.getHoldCount());
        rlock.lock();
        assertTrue(rlock.tryLock());
        rlock.lock();
        assertEquals(3, rlock.getHoldCount());
        rlock.unlock();
        rlock.unlock();
        assertTrue(rlock.isLocked());
        rlock.unlock();
        assertFalse(rlock.isLocked());
        assertEquals(0, rlock.getHoldCount());
        assertThrows(IllegalMonitorStateException.class, rlock::unlock);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    @Timeout(30)
    void shouldTimeOutAndBeInterruptedWhileAnotherThreadHolds(final WaitStrategy strategy) throws Exception
    {
        final Lock lock = Lock.create(namespace, "lock", strategy);
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread holder = new Thread(() ->
        {
            lock.lock();
            held.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ignore)
            {
                // released below
            }
            lock.unlock();
        });
        holder.start();
        held.await();

        final long startNs = System.nanoTime();
        assertFalse(lock.tryLock(100, TimeUnit.MILLISECONDS));
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertTrue(elapsedMs >= 100, "a timed wait waits its timeout: elapsedMs=" + elapsedMs);

        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                lock.lockInterruptibly();
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        });
        waiter.start();
        SyncTestWaits.awaitWaiting(waiter, strategy, lock.core.waitWord());
        waiter.interrupt();
        waiter.join(); // the lock stays held: only the interrupt can end this wait
        assertInstanceOf(InterruptedException.class, thrown.get());

        release.countDown();
        holder.join();
        assertTrue(lock.tryLock(1, TimeUnit.SECONDS));
        lock.unlock();
    }

    @Test
    @Timeout(30)
    void shouldKeepInterruptFlagThroughUninterruptibleLock() throws Exception
    {
        final Lock lock = Lock.create(namespace, "lock", BlockingWaitStrategy.INSTANCE);
        lock.lock();
        final AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        final Thread waiter = new Thread(() ->
        {
            lock.lock();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
            lock.unlock();
        });
        waiter.start();
        final WaitWord word = lock.core.waitWord();
        SyncTestWaits.awaitSleepers(word, 1);
        waiter.interrupt();
        word.repairSleepers(); // wakes the waiter with its interrupt flag set: it must announce itself and sleep again
        SyncTestWaits.awaitSleepers(word, 1);
        assertTrue(waiter.isAlive(), "lock() ignores the interrupt");
        lock.unlock();
        waiter.join(5_000);
        assertEquals(Boolean.TRUE, interruptedAfter.get());
    }

    @Test
    void shouldRefuseNewCondition()
    {
        final Lock lock = Lock.create(namespace, "lock");
        final UnsupportedOperationException ex = assertThrows(UnsupportedOperationException.class, lock::newCondition);
        assertTrue(ex.getMessage().startsWith("a shared condition needs its own name"));
    }

    @Test
    @Timeout(30)
    void shouldRecoverFromOwnerWhoseProcessIsGone() throws Exception
    {
        final Lock lock = Lock.create(namespace, "lock");
        // No process has pid 2^31-1 (Linux pid_max is at most 2^22).
        writeOwner(lock, OwnerToken.of(Integer.MAX_VALUE, 12345));
        assertFalse(lock.tryLock(), "tryLock does not wait, so does not check the owner");

        assertTrue(lock.tryLock(5, TimeUnit.SECONDS), "an owner already dead is found by a waiter's liveness check");
        assertTrue(lock.ownerDied());
        assertEquals(1, lock.recoveries());
        lock.unlock();
        lock.lock();
        assertFalse(lock.ownerDied(), "cleared with the recovered hold");
        lock.unlock();
    }

    @Test
    @Timeout(30)
    void shouldNotMistakeRecycledPidForOwner() throws Exception
    {
        final RLock rlock = RLock.create(namespace, "rlock");
        // pid 1 runs, but it is not the process that started at tick 7: the owner is dead, its pid reused.
        final long initStartTime = io.mproc.internal.ProcessIdentity.startTimeOf(1);
        writeOwner(rlock, OwnerToken.of(1, initStartTime + 7));
        assertTrue(rlock.tryLock(5, TimeUnit.SECONDS));
        assertTrue(rlock.ownerDied());
        rlock.unlock();

        // and a live owner is left alone
        writeOwner(rlock, OwnerToken.of(1, initStartTime));
        assertFalse(rlock.tryLock(100, TimeUnit.MILLISECONDS));
        writeOwner(rlock, 0);
    }

    @Test
    void shouldGiveValueItsOwnReentrantLock()
    {
        final LongValue value = LongValue.create(namespace, "value", 5);
        final RLock lock = value.lock();
        assertSame(lock, value.lock());
        assertTrue(LockDescriptor.LENGTH <= ValueDescriptor.LOCK_LENGTH);
        lock.lock();
        lock.lock();
        value.set(value.get() * 2);
        lock.unlock();
        lock.unlock();
        assertEquals(10, value.get());

        final LongValue other = LongValue.open(namespace, "value");
        other.lock().lock();
        assertTrue(lock.isLocked(), "one lock for every handle of the value");
        assertEquals(10, value.get(), "the lock area does not touch the value");
        other.lock().unlock();
    }

    private static void writeOwner(final SharedLock lock, final long owner)
    {
        lock.region().buffer().putLongVolatile(lock.region().bodyOffset() + LockDescriptor.OWNER_OFFSET, owner);
    }
}
