package io.mproc.sync;

import io.mproc.memory.LengthMismatchException;
import io.mproc.memory.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Condition within one process: the lock rules, timeouts, interrupts, signal counts and the waiter limit.
 */
class ConditionTest
{
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
    void shouldRequireTheLock()
    {
        final Condition condition = Condition.create(namespace, "c");
        assertThrows(IllegalMonitorStateException.class, condition::signal);
        assertThrows(IllegalMonitorStateException.class, condition::signalAll);
        assertThrows(IllegalMonitorStateException.class, () -> condition.await(1, TimeUnit.MILLISECONDS));
        assertThrows(IllegalMonitorStateException.class, () -> condition.waitFor(() -> true, 1, TimeUnit.SECONDS));
    }

    @Test
    @Timeout(30)
    void shouldTimeOutWithEveryHoldRestored() throws Exception
    {
        final Condition condition = Condition.create(namespace, "c");
        final RLock lock = condition.lock();
        lock.lock();
        lock.lock();
        try
        {
            final long startNs = System.nanoTime();
            assertFalse(condition.await(50, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(50));
            assertEquals(2, lock.getHoldCount());
            assertTrue(condition.awaitNanos(TimeUnit.MILLISECONDS.toNanos(10)) <= 0);
            assertFalse(condition.waitFor(() -> false, 20, TimeUnit.MILLISECONDS));
            assertTrue(condition.waitFor(() -> true, 0, TimeUnit.MILLISECONDS));
            assertEquals(0, condition.waitingCount());
        }
        finally
        {
            lock.unlock();
            lock.unlock();
        }
    }

    @Test
    @Timeout(30)
    void shouldWakeOneThreadPerSignalAndAllOnSignalAll() throws Exception
    {
        final Condition condition = Condition.create(namespace, "c");
        final AtomicInteger woken = new AtomicInteger();
        final List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            final Thread waiter = new Thread(() ->
            {
                condition.lock().lock();
                try
                {
                    if (condition.await(20, TimeUnit.SECONDS))
                    {
                        woken.incrementAndGet();
                    }
                }
                catch (final InterruptedException ignore)
                {
                    // counted as not woken
                }
                finally
                {
                    condition.lock().unlock();
                }
            });
            waiter.start();
            waiters.add(waiter);
        }
        awaitWaiting(condition, 4);

        signalLocked(condition, false);
        awaitWoken(woken, 1);
        assertEquals(3, condition.waitingCount(), "one signal took one waiter off: the others can only wake signalled");
        assertEquals(1, woken.get());

        signalLocked(condition, true);
        awaitWoken(woken, 4);
        for (final Thread waiter : waiters)
        {
            waiter.join(5_000);
        }
        assertEquals(0, condition.waitingCount());
    }

    @Test
    @Timeout(30)
    void shouldHoldLockAgainWhenInterrupted() throws Exception
    {
        final Condition condition = Condition.create(namespace, "c", 4, BlockingWaitStrategy.INSTANCE);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final AtomicReference<Boolean> heldAfter = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        final Thread waiter = new Thread(() ->
        {
            condition.lock().lock();
            try
            {
                condition.await();
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
                heldAfter.set(condition.lock().isHeldByCurrentThread());
            }
            finally
            {
                condition.lock().unlock();
                done.countDown();
            }
        });
        waiter.start();
        awaitWaiting(condition, 1);
        waiter.interrupt();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertEquals(Boolean.TRUE, heldAfter.get());
        assertEquals(0, condition.waitingCount());
    }

    @Test
    @Timeout(30)
    void shouldRefuseWaiterBeyondMaxWaiters() throws Exception
    {
        final Condition condition = Condition.create(namespace, "c", 1, WaitStrategies.defaultFor(namespace));
        final Thread waiter = new Thread(() ->
        {
            condition.lock().lock();
            try
            {
                condition.await(20, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignore)
            {
                // ends the test
            }
            finally
            {
                condition.lock().unlock();
            }
        });
        waiter.start();
        awaitWaiting(condition, 1);
        condition.lock().lock();
        try
        {
            final IllegalStateException ex =
                assertThrows(IllegalStateException.class, () -> condition.await(1, TimeUnit.SECONDS));
            assertTrue(ex.getMessage().startsWith("too many waiters on condition: maxWaiters=1"), ex.getMessage());
            condition.signalAll();
        }
        finally
        {
            condition.lock().unlock();
        }
        waiter.join(5_000);
        assertThrows(LengthMismatchException.class,
            () -> Condition.createOrOpen(namespace, "c", 2, WaitStrategies.defaultFor(namespace)));
        assertEquals(1, Condition.open(namespace, "c").maxWaiters());
    }

    private static void signalLocked(final Condition condition, final boolean all)
    {
        condition.lock().lock();
        try
        {
            if (all)
            {
                condition.signalAll();
            }
            else
            {
                condition.signal();
            }
        }
        finally
        {
            condition.lock().unlock();
        }
    }

    private static void awaitWaiting(final Condition condition, final int waiting) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (condition.waitingCount() != waiting)
        {
            assertTrue(System.nanoTime() < deadlineNs, "waiting=" + condition.waitingCount());
            Thread.sleep(1);
        }
    }

    private static void awaitWoken(final AtomicInteger woken, final int count) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (woken.get() < count)
        {
            assertTrue(System.nanoTime() < deadlineNs, "woken=" + woken.get());
            Thread.sleep(1);
        }
    }
}
