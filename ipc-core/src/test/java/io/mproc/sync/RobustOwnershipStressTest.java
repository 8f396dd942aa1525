package io.mproc.sync;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processes churning through a semaphore and a lock are SIGKILLed at random instructions, again and again: the lock
 * stays exclusive (a half-done update is only ever found on a hold reported as recovered), nobody starves, and once
 * every process is dead the semaphore has exactly its permits back.
 */
@Tag("slow")
class RobustOwnershipStressTest extends MultiProcessTest
{
    private static final int PERMITS = 2;
    private static final int CHURNERS = 3;
    private static final int KILLS = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killChildren()
    {
        children.forEach(ChildJvm::close);
    }

    @Test
    @Timeout(300)
    void shouldStayExactWhenHoldersAreKilledAtRandom() throws Exception
    {
        final Semaphore semaphore = BoundedSemaphore.create(namespace, "semaphore", PERMITS);
        final Lock lock = Lock.create(namespace, "lock");
        final LongArray counter = LongArray.create(namespace, "plain", 1);
        final List<ChildJvm> live = new ArrayList<>();
        for (int i = 0; i < CHURNERS; i++)
        {
            live.add(startChurner());
        }
        for (int kill = 0; kill < KILLS; kill++)
        {
            Thread.sleep(ThreadLocalRandom.current().nextInt(50, 250));
            final ChildJvm victim = live.remove(ThreadLocalRandom.current().nextInt(live.size()));
            victim.kill();
            assertNoViolation(victim);
            live.add(startChurner());
        }
        for (final ChildJvm child : live)
        {
            child.kill();
            assertNoViolation(child);
        }

        semaphore.reclaimDeadHolders();
        assertEquals(PERMITS, semaphore.availablePermits(), "every permit back: " + semaphore);
        assertTrue(semaphore.reclaimedPermits() > 0);
        assertTrue(lock.tryLock(5, TimeUnit.SECONDS));
        assertTrue(counter.get(0) > 0);
        lock.unlock();
    }

    private ChildJvm startChurner()
    {
        final ChildJvm child = ChildJvm.start(SyncChildMain.class, "churn", namespace.directory().toString());
        children.add(child);
        child.awaitLine("CHURNING", TIMEOUT);
        return child;
    }

    private static void assertNoViolation(final ChildJvm child)
    {
        for (final String line : child.stdout())
        {
            assertTrue(!line.startsWith("VIOLATION"), line);
        }
        assertTrue(!child.stderr().contains("Exception"), child.stderr());
    }
}
