package io.mproc.contract;

import io.mproc.Context;
import io.mproc.sync.SharedSemaphore;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract of {@link Context#semaphore}: permits counted across processes, a blocked acquire released by another
 * process's release, and the permits argument applied only on create.
 */
public abstract class SemaphoreContract extends ContractTestBase
{
    @Test
    void permitsAreCountedAndTheInitialCountAppliesOnlyOnCreate() throws InterruptedException
    {
        final String name = name("sem");
        try (SharedSemaphore semaphore = context().semaphore(name, 2);
             SharedSemaphore again = context().semaphore(name, 5))
        {
            assertEquals(name, semaphore.name());
            assertEquals(2, again.availablePermits(), "opening keeps the count");
            assertTrue(semaphore.tryAcquire());
            assertTrue(again.tryAcquire(1));
            assertFalse(semaphore.tryAcquire());
            assertFalse(semaphore.tryAcquire(10, TimeUnit.MILLISECONDS));
            semaphore.release(2);
            assertTrue(semaphore.tryAcquire(2, 10, TimeUnit.SECONDS));
            semaphore.release();
            semaphore.acquire();
            semaphore.release(2);
            assertEquals(2, semaphore.availablePermits());
        }
    }

    @Test
    void releaseInOneProcessUnblocksAnAcquireInAnother() throws InterruptedException
    {
        final String name = name("sem");
        try (SharedSemaphore semaphore = context().semaphore(name, 1))
        {
            semaphore.acquire();
            final ChildJvm child = child(SemaphoreContract.class, "acquireThenRelease", name);
            child.awaitLine("acquiring", GUARD);
            assertFalse(child.stdout().contains("acquired"), "the child acquired a permit that was not there");
            semaphore.release();
            child.awaitLine("acquired", GUARD);
            child.assertSuccess(GUARD);
            assertEquals(1, semaphore.availablePermits(), "the child gave its permit back");
        }
    }

    @Test
    void acquireOfSeveralPermitsWaitsForAllOfThem() throws InterruptedException
    {
        final String name = name("sem");
        try (SharedSemaphore semaphore = context().semaphore(name, 0))
        {
            final ChildJvm child = child(SemaphoreContract.class, "acquireThree", name);
            child.awaitLine("acquiring", GUARD);
            semaphore.release(2);
            semaphore.release();
            child.awaitLine("acquired", GUARD);
            child.assertSuccess(GUARD);
        }
    }

    static void acquireThenRelease(final Context context, final String[] args) throws InterruptedException
    {
        try (SharedSemaphore semaphore = context.semaphore(args[0], 0))
        {
            ContractChild.say("acquiring");
            semaphore.acquire();
            ContractChild.say("acquired");
            semaphore.release();
        }
    }

    static void acquireThree(final Context context, final String[] args) throws InterruptedException
    {
        try (SharedSemaphore semaphore = context.semaphore(args[0], 0))
        {
            ContractChild.say("acquiring");
            semaphore.acquire(3);
            ContractChild.say("acquired");
        }
    }
}
