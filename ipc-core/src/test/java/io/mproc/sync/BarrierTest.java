package io.mproc.sync;

import io.mproc.memory.LengthMismatchException;
import io.mproc.memory.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Barrier within one process: arrival indexes, the action, reset, interrupt and parties checks.
 */
class BarrierTest
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
    @Timeout(30)
    void shouldTripEveryRoundWithDistinctIndexesAndRunActionOnce() throws Exception
    {
        final AtomicInteger actions = new AtomicInteger();
        final Barrier barrier = Barrier.create(namespace, "b", 3, WaitStrategies.defaultFor(namespace),
            actions::incrementAndGet);
        for (int round = 0; round < 5; round++)
        {
            final List<CompletableFuture<Integer>> parties = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                parties.add(CompletableFuture.supplyAsync(() -> awaitQuietly(barrier),
                    runnable -> new Thread(runnable).start()));
            }
            final Set<Integer> indexes = new TreeSet<>();
            for (final CompletableFuture<Integer> party : parties)
            {
                indexes.add(party.get(10, TimeUnit.SECONDS));
            }
            assertEquals(Set.of(0, 1, 2), indexes);
            assertEquals(round + 1, actions.get());
        }
        assertEquals(3, barrier.parties());
    }

    @Test
    @Timeout(30)
    void shouldBreakForOthersWhenActionThrows() throws Exception
    {
        final Barrier barrier = Barrier.create(namespace, "b", 2, WaitStrategies.defaultFor(namespace), () ->
        {
            throw new IllegalStateException("action failed");
        });
        final CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> awaitQuietly(barrier));
        awaitWaiting(barrier, 1);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, barrier::await);
        assertEquals("action failed", ex.getMessage());
        final ExecutionException broken = assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
        assertInstanceOf(BrokenBarrierException.class, broken.getCause().getCause());
        assertTrue(barrier.isBroken());
    }

    @Test
    @Timeout(30)
    void shouldBreakWaitersOnResetAndWhenInterrupted() throws Exception
    {
        final Barrier barrier = Barrier.create(namespace, "b", 3);
        final CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> awaitQuietly(barrier));
        awaitWaiting(barrier, 1);
        barrier.reset();
        final ExecutionException reset = assertThrows(ExecutionException.class, () -> waiter.get(5, TimeUnit.SECONDS));
        assertInstanceOf(BrokenBarrierException.class, reset.getCause().getCause());
        assertFalse(barrier.isBroken(), "reset leaves it usable");
        assertEquals(0, barrier.numberWaiting());

        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, barrier::await);
        assertTrue(barrier.isBroken(), "an interrupted party breaks the barrier");
        barrier.reset();
        barrier.reset(); // harmless on an empty barrier
        assertFalse(barrier.isBroken());
    }

    @Test
    void shouldCheckParties()
    {
        assertThrows(IllegalArgumentException.class, () -> Barrier.create(namespace, "zero", 0));
        Barrier.create(namespace, "b", 2);
        assertThrows(LengthMismatchException.class, () -> Barrier.createOrOpen(namespace, "b", 3));
        assertEquals(2, Barrier.open(namespace, "b").parties());
    }

    @Test
    @Timeout(30)
    void shouldRefuseDefaultTimeoutThatIsNotPositiveAndCreateNothing()
    {
        for (final java.time.Duration bad : List.of(java.time.Duration.ZERO, java.time.Duration.ofMillis(-5)))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Barrier.create(
                namespace, "b", 2, WaitStrategies.defaultFor(namespace), null, bad));
            assertTrue(ex.getMessage().contains("defaultTimeout=" + bad), ex.getMessage());
        }
        final Barrier none = Barrier.create(namespace, "b", 2, WaitStrategies.defaultFor(namespace), null, null);
        assertEquals(null, none.defaultTimeout(), "null: no default timeout, as Python's timeout=None");
    }

    private static int awaitQuietly(final Barrier barrier)
    {
        try
        {
            return barrier.await(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void awaitWaiting(final Barrier barrier, final int waiting) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (barrier.numberWaiting() != waiting)
        {
            assertTrue(System.nanoTime() < deadlineNs, "waiting=" + barrier.numberWaiting());
            Thread.sleep(1);
        }
    }
}
