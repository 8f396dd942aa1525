package io.mproc.sync;

import io.mproc.internal.Futex;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A waiter SIGKILLed while asleep in the kernel leaves its sleeper announcement behind: the object's releasers repair
 * the count once their wakes have woken nobody for a while, after which releases make no system call any more.
 */
class DeadSleeperMultiProcessTest extends MultiProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @ValueSource(strings = {"lock", "event", "semaphore"})
    @Timeout(60)
    void shouldForgetSleeperKilledInTheKernel(final String what) throws Exception
    {
        assertTrue(Futex.isAvailable(), "these machines run Linux: the futex path is the one under test");
        final Runnable release;
        final WaitWord word;
        switch (what)
        {
            case "lock":
                final Lock lock = Lock.create(namespace, "lock");
                lock.lock(); // the child sleeps waiting for it
                word = lock.core.waitWord();
                release = () ->
                {
                    lock.unlock();
                    lock.lock();
                };
                break;
            case "event":
                final Event event = Event.create(namespace, "e");
                word = event.waitWord();
                release = () ->
                {
                    event.set();
                    event.clear();
                };
                break;
            default:
                final Semaphore semaphore = Semaphore.create(namespace, "semaphore", 0);
                word = semaphore.waitWord();
                release = () ->
                {
                    semaphore.release();
                    assertTrue(semaphore.tryAcquire());
                };
                break;
        }
        child = ChildJvm.start(SyncChildMain.class, "sleep-on", namespace.directory().toString(), what);
        child.awaitLine("WAITING", TIMEOUT);
        awaitSleepers(word, 1);
        child.kill(); // asleep on the futex, announced

        // A lock or semaphore waiter withdraws and announces again around each liveness check: killed in that
        // window (some microseconds a second), it left nothing to repair.
        assumeTrue(1 == word.sleepersVolatile(), "killed between two waits: no announcement left behind");
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (0 != word.sleepersVolatile()) // each release woke nobody: the repair comes after a while of that
        {
            assertTrue(System.nanoTime() < deadlineNs, "sleeper count never repaired: " + word);
            release.run();
            Thread.sleep(1);
        }
        final long futexWakes = word.futexWakes();
        for (int i = 0; i < 1_000; i++)
        {
            release.run();
        }
        assertEquals(futexWakes, word.futexWakes(), "releases make no system call once the count is repaired");
    }

    private static void awaitSleepers(final WaitWord word, final int sleepers) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (word.sleepersVolatile() != sleepers)
        {
            assertTrue(System.nanoTime() < deadlineNs, "sleepers never reached " + sleepers + ": " + word);
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }
}
