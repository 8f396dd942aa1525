package io.mproc.contract;

import io.mproc.Context;
import io.mproc.test.ChildJvm;
import io.mproc.value.SharedLong;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract of {@link Context#lock} and {@link Context#rlock}: mutual exclusion between processes, hand-off, the
 * reentrancy of an RLock, and a lock held by a process that dies is released to the survivors.
 */
public abstract class LockContract extends ContractTestBase
{
    private static final int ROUNDS = 500;

    @Test
    void lockExcludesAnotherProcessUntilReleased()
    {
        handOff(false);
    }

    @Test
    void rlockExcludesAnotherProcessUntilReleased()
    {
        handOff(true);
    }

    private void handOff(final boolean reentrant)
    {
        final String name = name("lock");
        final Lock lock = reentrant ? context().rlock(name) : context().lock(name);
        lock.lock();
        final ChildJvm child;
        try
        {
            child = child(LockContract.class, "lockThenRelease", name, Boolean.toString(reentrant));
            child.awaitLine("locking", GUARD);
            assertFalse(child.stdout().contains("locked"), "the child took a lock this process holds");
        }
        finally
        {
            lock.unlock();
        }
        child.awaitLine("locked", GUARD);
        assertTrue(child.stdout().contains("locked"));
        child.assertSuccess(GUARD);
        assertTrue(lock.tryLock(), "the child released the lock");
        lock.unlock();
    }

    @Test
    void lockGuardsAReadModifyWriteFromTwoProcesses()
    {
        guardedCounter(false);
    }

    @Test
    void rlockGuardsAReadModifyWriteFromTwoProcesses()
    {
        guardedCounter(true);
    }

    private void guardedCounter(final boolean reentrant)
    {
        final String lockName = name("guard");
        final String counterName = name("guarded");
        final Lock lock = reentrant ? context().rlock(lockName) : context().lock(lockName);
        try (SharedLong counter = context().longValue(counterName, 0))
        {
            final ChildJvm child = child(LockContract.class, "guardedIncrements", lockName, counterName,
                Integer.toString(ROUNDS), Boolean.toString(reentrant));
            guardedIncrements(lock, counter, ROUNDS);
            child.assertSuccess(GUARD);
            assertEquals(2L * ROUNDS, counter.get(), "a plain get-then-set under the lock lost an update");
        }
    }

    @Test
    void rlockIsReentrantAndHeldUntilTheLastUnlock() throws InterruptedException
    {
        final String name = name("rlock");
        final Lock lock = context().rlock(name);
        lock.lock();
        assertTrue(lock.tryLock(), "the holder takes its RLock again");
        lock.unlock();
        final ChildJvm child = child(LockContract.class, "tryLockOnce", name, "true");
        assertEquals("tried false", child.awaitLine("tried", GUARD), "still held once after one unlock");
        child.assertSuccess(GUARD);
        lock.unlock();
        final ChildJvm second = child(LockContract.class, "tryLockOnce", name, "true");
        assertEquals("tried true", second.awaitLine("tried", GUARD));
        second.assertSuccess(GUARD);
    }

    @Test
    void unlockByAThreadThatDoesNotHoldTheLockThrows()
    {
        assertThrows(IllegalMonitorStateException.class, () -> context().lock(name("free")).unlock());
        assertThrows(IllegalMonitorStateException.class, () -> context().rlock(name("free")).unlock());
    }

    @Test
    void lockHeldByAKilledProcessIsReleasedToTheSurvivors() throws InterruptedException
    {
        deadHolder(false);
    }

    @Test
    void rlockHeldByAKilledProcessIsReleasedToTheSurvivors() throws InterruptedException
    {
        deadHolder(true);
    }

    private void deadHolder(final boolean reentrant) throws InterruptedException
    {
        final String name = name("dead");
        final Lock lock = reentrant ? context().rlock(name) : context().lock(name);
        final ChildJvm child = child(LockContract.class, "lockUntilKilled", name, Boolean.toString(reentrant));
        child.awaitLine("locked", GUARD);
        assertFalse(lock.tryLock(), "the child holds the lock");
        child.kill();
        assertTrue(lock.tryLock(GUARD.toSeconds(), TimeUnit.SECONDS), "the dead child's lock was never released");
        lock.unlock();
    }

    private static Lock open(final Context context, final String name, final String reentrant)
    {
        return Boolean.parseBoolean(reentrant) ? context.rlock(name) : context.lock(name);
    }

    private static void guardedIncrements(final Lock lock, final SharedLong counter, final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            lock.lock();
            try
            {
                counter.set(counter.get() + 1);
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    static void lockThenRelease(final Context context, final String[] args)
    {
        final Lock lock = open(context, args[0], args[1]);
        ContractChild.say("locking");
        lock.lock();
        ContractChild.say("locked");
        lock.unlock();
    }

    static void guardedIncrements(final Context context, final String[] args)
    {
        try (SharedLong counter = context.longValue(args[1], 0))
        {
            guardedIncrements(open(context, args[0], args[3]), counter, Integer.parseInt(args[2]));
        }
    }

    static void tryLockOnce(final Context context, final String[] args)
    {
        final Lock lock = open(context, args[0], args[1]);
        final boolean taken = lock.tryLock();
        ContractChild.say("tried " + taken);
        if (taken)
        {
            lock.unlock();
        }
    }

    static void lockUntilKilled(final Context context, final String[] args) throws InterruptedException
    {
        open(context, args[0], args[1]).lock();
        ContractChild.say("locked");
        ChildJvm.blockUntilKilled();
    }
}
