package io.mproc.sync;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Barrier parties in different JVMs: rounds pass together; a timeout or an abort breaks the barrier for the
 * parties in other processes; reset makes it usable again. A party that dies after arriving still counts; one that
 * dies before arriving leaves the others to their timeouts, which break the barrier.
 */
class BarrierMultiProcessTest extends MultiProcessTest
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
    void shouldPassRoundsTogetherWithPartiesInThreeProcesses() throws Exception
    {
        final int rounds = 3;
        final Barrier barrier = Barrier.create(namespace, "barrier", 3);
        final LongValue counter = LongValue.create(namespace, "counter", 0);
        for (int i = 0; i < 2; i++)
        {
            children.add(ChildJvm.start(SyncChildMain.class, "barrier", namespace.directory().toString(),
                Integer.toString(rounds)));
        }
        final List<Integer> indexes = new ArrayList<>();
        for (int round = 0; round < rounds; round++)
        {
            counter.incrementAndGet();
            indexes.add(barrier.await(20, TimeUnit.SECONDS));
            assertEquals(3L * (round + 1), counter.get(), "every party arrived before any passed");
            barrier.await(20, TimeUnit.SECONDS);
        }
        for (final ChildJvm child : children)
        {
            child.assertSuccess(TIMEOUT);
            for (int round = 0; round < rounds; round++)
            {
                assertTrue(child.stdout().get(round).matches(
                    "PASSED " + round + " index=[012] counter=" + 3 * (round + 1)), child.stdout().toString());
            }
        }
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.numberWaiting());
    }

    @Test
    @Timeout(60)
    void shouldBreakForOtherProcessWhenOnePartyTimesOut() throws Exception
    {
        final Barrier barrier = Barrier.create(namespace, "barrier", 3);
        final ChildJvm child = startWaiter(barrier);

        final long startNs = System.nanoTime();
        assertThrows(TimeoutException.class, () -> barrier.await(200, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals("BROKEN", child.awaitLine("BROKEN", TIMEOUT));
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, () -> barrier.await(1, TimeUnit.SECONDS), "broken until reset");

        barrier.reset();
        assertFalse(barrier.isBroken());
        child.assertSuccess(TIMEOUT);
    }

    @Test
    @Timeout(60)
    void shouldBreakForWaitingProcessOnAbortAndWorkAgainAfterReset() throws Exception
    {
        final Barrier barrier = Barrier.create(namespace, "barrier", 2);
        final ChildJvm first = startWaiter(barrier);
        barrier.abort();
        assertEquals("BROKEN", first.awaitLine("BROKEN", TIMEOUT));
        first.assertSuccess(TIMEOUT);
        assertTrue(barrier.isBroken());

        barrier.reset();
        final ChildJvm second = startWaiter(barrier);
        assertTrue(barrier.await(20, TimeUnit.SECONDS) >= 0);
        assertEquals("PASSED", second.awaitLine("PASSED", TIMEOUT));
        second.assertSuccess(TIMEOUT);
    }

    @Test
    @Timeout(60)
    void shouldCountArrivalOfPartyThatDiedWhileWaiting() throws Exception
    {
        final Barrier barrier = Barrier.create(namespace, "barrier", 3);
        startWaiter(barrier).kill(); // arrived, then SIGKILLed while waiting
        assertEquals(1, barrier.numberWaiting(), "its arrival stands");
        final ChildJvm live = startWaiter(barrier);

        assertEquals(2, barrier.await(20, TimeUnit.SECONDS), "the last of three to arrive: the barrier passes");
        assertEquals("PASSED", live.awaitLine("PASSED", TIMEOUT));
        live.assertSuccess(TIMEOUT);
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.numberWaiting(), "the next generation starts empty");
    }

    @Test
    @Timeout(60)
    void shouldBreakOnTimeoutWhenPartyDiedBeforeArriving() throws Exception
    {
        final Barrier barrier = Barrier.create(namespace, "barrier", 3);
        final ChildJvm live = startWaiter(barrier);
        final ChildJvm dead = ChildJvm.start(SyncChildMain.class, "barrier-open", namespace.directory().toString());
        children.add(dead);
        dead.awaitLine("OPENED", TIMEOUT);
        dead.kill(); // a party that will never arrive

        final long startNs = System.nanoTime();
        assertThrows(TimeoutException.class, () -> barrier.await(200, TimeUnit.MILLISECONDS),
            "nobody can know the third party died: the wait lasts its timeout");
        assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals("BROKEN", live.awaitLine("BROKEN", TIMEOUT), "the timeout broke the barrier for the others");
        live.assertSuccess(TIMEOUT);
        assertTrue(barrier.isBroken());
    }

    @Test
    @Timeout(60)
    void shouldBreakUntimedWaitInAnotherProcessAfterTheBarriersDefaultTimeout() throws Exception
    {
        final Duration defaultTimeout = Duration.ofMillis(300);
        final Barrier barrier = Barrier.create(namespace, "barrier", 3, WaitStrategies.defaultFor(namespace), null,
            defaultTimeout);
        final ChildJvm child = ChildJvm.start(SyncChildMain.class, "barrier-wait-untimed",
            namespace.directory().toString());
        children.add(child);
        assertEquals("WAITING default=PT0.3S", child.awaitLine("WAITING", TIMEOUT),
            "the default timeout is stored in the barrier: the opening process sees it");

        assertEquals("BROKEN cause=" + TimeoutException.class.getName(), child.awaitLine("BROKEN", TIMEOUT),
            "an untimed await in the child breaks the barrier once the default timeout passes");
        child.assertSuccess(TIMEOUT);
        assertTrue(barrier.isBroken());

        barrier.reset();
        final long startNs = System.nanoTime();
        final BrokenBarrierException ex = assertThrows(BrokenBarrierException.class, barrier::await,
            "the creator's untimed await is bounded too");
        assertTrue(System.nanoTime() - startNs >= defaultTimeout.toNanos());
        assertTrue(ex.getCause() instanceof TimeoutException, String.valueOf(ex.getCause()));
        assertTrue(ex.getMessage().contains("default timeout of 300 ms"), ex.getMessage());
    }

    private ChildJvm startWaiter(final Barrier barrier) throws InterruptedException
    {
        final int before = barrier.numberWaiting();
        final ChildJvm child = ChildJvm.start(SyncChildMain.class, "barrier-wait", namespace.directory().toString());
        children.add(child);
        child.awaitLine("WAITING", TIMEOUT);
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (barrier.numberWaiting() != before + 1)
        {
            assertTrue(System.nanoTime() < deadlineNs, "child never arrived at the barrier");
            Thread.sleep(5);
        }
        return child;
    }
}
