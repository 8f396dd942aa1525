package io.mproc.sync;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Waiters in other JVMs: signal wakes exactly one (the longest waiting), signalAll the rest, and waitFor returns
 * once its predicate holds; each waiter has the lock back when it returns; a signal skips waiters whose process died.
 */
class ConditionMultiProcessTest extends MultiProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killChildren()
    {
        children.forEach(ChildJvm::close);
    }

    @Test
    @Timeout(90)
    void shouldWakeOneWaiterOnSignalThenTheRestOnSignalAll() throws Exception
    {
        final Condition condition = Condition.create(namespace, "condition");
        LongValue.create(namespace, "flag", 0);
        for (int i = 0; i < 3; i++)
        {
            startWaiter(condition, Integer.toString(i));
        }

        locked(condition, condition::signal);
        final String first = awaitAnyWoken(1).get(0);
        assertEquals("WOKE 0 true holds=1", first, "the longest waiting is woken first, with the lock held");
        assertEquals(2, condition.waitingCount(), "one signal wakes one waiter");

        locked(condition, condition::signalAll);
        final Set<String> all = new HashSet<>(awaitAnyWoken(3));
        assertEquals(Set.of("WOKE 0 true holds=1", "WOKE 1 true holds=1", "WOKE 2 true holds=1"), all);
        for (final ChildJvm child : children)
        {
            child.assertSuccess(TIMEOUT);
        }
        assertEquals(0, condition.waitingCount());
    }

    @Test
    @Timeout(60)
    void shouldReturnFromWaitForOnlyOncePredicateHolds() throws Exception
    {
        final Condition condition = Condition.create(namespace, "condition");
        final LongValue flag = LongValue.create(namespace, "flag", 0);
        startWaiter(condition, "predicate");

        locked(condition, () ->
        {
            flag.set(1);
            condition.signalAll(); // predicate still false: the waiter must wait again
        });
        awaitWaiting(condition, 1); // signalAll took it off the count; it counts again once it waits again
        locked(condition, () ->
        {
            flag.set(42);
            condition.signalAll();
        });
        assertEquals("WOKE predicate true holds=1", children.get(0).awaitLine("WOKE", TIMEOUT));
        children.get(0).assertSuccess(TIMEOUT);
    }

    @Test
    @Timeout(60)
    void shouldSignalLiveWaiterWhenTheLongestWaitingDied() throws Exception
    {
        final Condition condition = Condition.create(namespace, "condition");
        LongValue.create(namespace, "flag", 0);
        final ChildJvm dead = startWaiter(condition, "A");
        final ChildJvm live = startWaiter(condition, "B");
        dead.kill(); // SIGKILLed in await, its slot still says waiting

        locked(condition, condition::signal);
        assertEquals("WOKE B true holds=1", live.awaitLine("WOKE", TIMEOUT), "the signal went to the live waiter");
        live.assertSuccess(TIMEOUT);
        assertEquals(0, condition.waitingCount(), "the dead waiter's slot was reclaimed when the signal found it");
    }

    @Test
    @Timeout(60)
    void shouldReclaimDeadWaiterOnSignalAll() throws Exception
    {
        final Condition condition = Condition.create(namespace, "condition");
        LongValue.create(namespace, "flag", 0);
        startWaiter(condition, "A").kill();
        final ChildJvm live = startWaiter(condition, "B");

        locked(condition, condition::signalAll);
        assertEquals("WOKE B true holds=1", live.awaitLine("WOKE", TIMEOUT));
        live.assertSuccess(TIMEOUT);
        assertEquals(0, condition.waitingCount());
        locked(condition, () -> assertEquals(0, condition.occupiedSlots(), "no slot left to the dead waiter"));
    }

    /**
     * Starts a waiter and returns once it is really waiting (registered, lock released).
     */
    private ChildJvm startWaiter(final Condition condition, final String id) throws InterruptedException
    {
        final int before = condition.waitingCount();
        final ChildJvm child = ChildJvm.start(SyncChildMain.class, "cond-wait", namespace.directory().toString(), id);
        children.add(child);
        child.awaitLine("WAITING " + id, TIMEOUT);
        awaitWaiting(condition, before + 1);
        return child;
    }

    private static void awaitWaiting(final Condition condition, final int waiting) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (condition.waitingCount() != waiting)
        {
            assertTrue(System.nanoTime() < deadlineNs, "waiting=" + condition.waitingCount() + ", expected " + waiting);
            Thread.sleep(5);
        }
    }

    /**
     * @return every WOKE line printed so far, once there are at least {@code count}.
     */
    private List<String> awaitAnyWoken(final int count) throws InterruptedException
    {
        final List<String> woken = new ArrayList<>();
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (woken.size() < count)
        {
            assertTrue(System.nanoTime() < deadlineNs, "woken so far: " + woken);
            woken.clear();
            for (final ChildJvm child : children)
            {
                for (final String line : child.stdout())
                {
                    if (line.startsWith("WOKE"))
                    {
                        woken.add(line);
                    }
                }
            }
            Thread.sleep(5);
        }
        return woken;
    }

    private static void locked(final Condition condition, final Runnable action)
    {
        condition.lock().lock();
        try
        {
            action.run();
        }
        finally
        {
            condition.lock().unlock();
        }
    }
}
