package io.mproc.sync;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * parties in other processes; reset makes it usable again.
 */
class BarrierMultiProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Namespace namespace;
    private final List<ChildJvm> children = new ArrayList<>();

    @BeforeEach
    void setUp()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void tearDown()
    {
        children.forEach(ChildJvm::close);
        namespace.close();
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
