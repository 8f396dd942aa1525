package io.mproc.contract;

import io.mproc.Context;
import io.mproc.sync.SharedCondition;
import io.mproc.test.ChildJvm;
import io.mproc.value.SharedLong;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link Context#condition}: a process waiting on the condition wakes when another signals it; awaiting
 * releases the condition's lock; awaiting without holding the lock throws.
 */
public abstract class ConditionContract extends ContractTestBase
{
    @Test
    void signalAllWakesAWaiterInAnotherProcess()
    {
        final String name = name("cond");
        final String flagName = name("flag");
        try (SharedCondition condition = context().condition(name);
             SharedLong flag = context().longValue(flagName, 0))
        {
            final ChildJvm child = child(ConditionContract.class, "awaitFlag", name, flagName);
            child.awaitLine("waiting", GUARD);
            // The child printed "waiting" holding the lock: this lock() returns only once its await released it.
            condition.lock().lock();
            try
            {
                flag.set(1);
                condition.signalAll();
            }
            finally
            {
                condition.lock().unlock();
            }
            child.awaitLine("woken", GUARD);
            child.assertSuccess(GUARD);
        }
    }

    @Test
    void signalWakesOneWaiterAndTheRestStayUntilSignalled()
    {
        final String name = name("cond");
        final String flagName = name("tokens");
        try (SharedCondition condition = context().condition(name);
             SharedLong tokens = context().longValue(flagName, 0))
        {
            final ChildJvm child = child(ConditionContract.class, "takeToken", name, flagName);
            child.awaitLine("waiting", GUARD);
            condition.lock().lock();
            try
            {
                tokens.set(1);
                condition.signal();
            }
            finally
            {
                condition.lock().unlock();
            }
            child.assertSuccess(GUARD);
            assertEquals(0, tokens.get(), "the child took the token");
        }
    }

    @Test
    void timedAwaitWithoutASignalReturnsFalseAndHoldsTheLockAgain() throws InterruptedException
    {
        try (SharedCondition condition = context().condition(name("cond")))
        {
            condition.lock().lock();
            try
            {
                assertFalse(condition.await(10, TimeUnit.MILLISECONDS));
                condition.signal(); // legal: the lock is held again
            }
            finally
            {
                condition.lock().unlock();
            }
        }
    }

    @Test
    void awaitWithoutTheLockThrows()
    {
        try (SharedCondition condition = context().condition(name("cond")))
        {
            assertThrows(IllegalMonitorStateException.class, () -> condition.await(10, TimeUnit.MILLISECONDS));
            assertThrows(IllegalMonitorStateException.class, condition::signal);
        }
    }

    static void awaitFlag(final Context context, final String[] args) throws InterruptedException
    {
        try (SharedCondition condition = context.condition(args[0]);
             SharedLong flag = context.longValue(args[1], 0))
        {
            condition.lock().lock();
            try
            {
                ContractChild.say("waiting");
                while (0 == flag.get())
                {
                    condition.await();
                }
                ContractChild.say("woken");
            }
            finally
            {
                condition.lock().unlock();
            }
        }
    }

    static void takeToken(final Context context, final String[] args) throws InterruptedException
    {
        try (SharedCondition condition = context.condition(args[0]);
             SharedLong tokens = context.longValue(args[1], 0))
        {
            condition.lock().lock();
            try
            {
                ContractChild.say("waiting");
                while (0 == tokens.get())
                {
                    condition.await();
                }
                tokens.decrementAndGet();
            }
            finally
            {
                condition.lock().unlock();
            }
        }
    }
}
