package io.mproc.contract;

import io.mproc.Context;
import io.mproc.sync.SharedBarrier;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract of {@link Context#barrier}: parties in several processes all go on once the last arrives, each with a
 * distinct arrival index; a timeout or an abort breaks the barrier for every party, and reset mends it.
 */
public abstract class BarrierContract extends ContractTestBase
{
    @Test
    void threePartiesInThreeProcessesTripTogether() throws Exception
    {
        final String name = name("barrier");
        try (SharedBarrier barrier = context().barrier(name, 3))
        {
            assertEquals(3, barrier.parties());
            final ChildJvm first = child(BarrierContract.class, "awaitBarrier", name, "3");
            final ChildJvm second = child(BarrierContract.class, "awaitBarrier", name, "3");
            awaitState("both children waiting at the barrier", () -> 2 == barrier.numberWaiting());
            final Set<Integer> indices = new TreeSet<>();
            indices.add(barrier.await(GUARD.toSeconds(), TimeUnit.SECONDS));
            indices.add(index(first.awaitLine("index", GUARD)));
            indices.add(index(second.awaitLine("index", GUARD)));
            assertEquals(Set.of(0, 1, 2), indices, "every party gets a distinct arrival index");
            first.assertSuccess(GUARD);
            second.assertSuccess(GUARD);
            assertFalse(barrier.isBroken());
        }
    }

    @Test
    void theBarrierServesTheNextGeneration() throws Exception
    {
        final String name = name("barrier");
        try (SharedBarrier barrier = context().barrier(name, 2))
        {
            final ChildJvm child = child(BarrierContract.class, "awaitBarrierTwice", name);
            barrier.await(GUARD.toSeconds(), TimeUnit.SECONDS);
            barrier.await(GUARD.toSeconds(), TimeUnit.SECONDS);
            child.assertSuccess(GUARD);
        }
    }

    @Test
    void abortBreaksTheBarrierForAWaiterInAnotherProcessAndResetMendsIt() throws Exception
    {
        final String name = name("barrier");
        try (SharedBarrier barrier = context().barrier(name, 2))
        {
            final ChildJvm child = child(BarrierContract.class, "awaitBarrier", name, "2");
            awaitState("the child waiting at the barrier", () -> 1 == barrier.numberWaiting());
            barrier.abort();
            child.awaitLine("broken", GUARD);
            child.assertSuccess(GUARD);
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, () -> barrier.await(GUARD.toSeconds(), TimeUnit.SECONDS));
            barrier.reset();
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.numberWaiting());
        }
    }

    @Test
    void aTimedOutAwaitBreaksTheBarrier()
    {
        try (SharedBarrier barrier = context().barrier(name("barrier"), 2))
        {
            assertThrows(TimeoutException.class, () -> barrier.await(10, TimeUnit.MILLISECONDS));
            assertTrue(barrier.isBroken());
            barrier.reset();
            assertFalse(barrier.isBroken());
        }
    }

    private static int index(final String line)
    {
        return Integer.parseInt(line.substring("index ".length()));
    }

    static void awaitBarrier(final Context context, final String[] args) throws Exception
    {
        try (SharedBarrier barrier = context.barrier(args[0], Integer.parseInt(args[1])))
        {
            try
            {
                ContractChild.say("index " + barrier.await());
            }
            catch (final BrokenBarrierException ex)
            {
                ContractChild.say("broken");
            }
        }
    }

    static void awaitBarrierTwice(final Context context, final String[] args) throws Exception
    {
        try (SharedBarrier barrier = context.barrier(args[0], 2))
        {
            barrier.await();
            barrier.await();
        }
    }
}
