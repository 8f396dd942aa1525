package io.mproc.contract;

import io.mproc.Context;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract of {@link Context#queue}: values of ordinary Java types travel between processes, in order from one
 * producer, none lost or doubled from several; a take waits for a put in another process.
 */
public abstract class QueueContract extends ContractTestBase
{
    private static final int ITEMS = 1_000;

    @Test
    void ordinaryValuesRoundTripInOrder() throws InterruptedException
    {
        final BlockingQueue<Object> queue = context().queue(name("queue"));
        final List<Object> values = List.of(42L, 7, 2.5, "text", true, List.of(1, 2, 3), Map.of("k", "v"));
        for (final Object value : values)
        {
            queue.put(value);
        }
        assertTrue(queue.offer("last"));
        final List<Object> taken = new ArrayList<>();
        for (int i = 0; i < values.size(); i++)
        {
            taken.add(queue.take());
        }
        assertEquals(values, taken);
        assertEquals("last", queue.poll(GUARD.toSeconds(), TimeUnit.SECONDS));
        assertNull(queue.poll(10, TimeUnit.MILLISECONDS), "an empty queue's timed poll returns null");
        assertNull(queue.poll());
    }

    @Test
    void itemsFromAnotherProcessArriveInOrder() throws InterruptedException
    {
        final String name = name("queue");
        final BlockingQueue<Integer> queue = context().queue(name);
        final ChildJvm child = child(QueueContract.class, "putRange", name, "0", Integer.toString(ITEMS));
        for (int i = 0; i < ITEMS; i++)
        {
            final Integer item = queue.poll(GUARD.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(item, "item " + i + " never arrived");
            assertEquals(i, item.intValue(), "one producer's items arrive in its order");
        }
        child.assertSuccess(GUARD);
    }

    @Test
    void aTakeInAnotherProcessWaitsForThisProcessesPut() throws InterruptedException
    {
        final String name = name("queue");
        final BlockingQueue<String> queue = context().queue(name);
        final ChildJvm child = child(QueueContract.class, "takeOne", name);
        child.awaitLine("taking", GUARD);
        queue.put("hello");
        assertEquals("took hello", child.awaitLine("took", GUARD));
        child.assertSuccess(GUARD);
    }

    @Test
    void twoProducerProcessesLoseAndDoubleNothing() throws InterruptedException
    {
        final String name = name("queue");
        final BlockingQueue<Integer> queue = context().queue(name);
        final ChildJvm first = child(QueueContract.class, "putRange", name, "0", Integer.toString(ITEMS));
        final ChildJvm second = child(QueueContract.class, "putRange", name, Integer.toString(ITEMS),
            Integer.toString(2 * ITEMS));
        final Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2 * ITEMS; i++)
        {
            final Integer item = queue.poll(GUARD.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(item, "only " + i + " items arrived");
            assertTrue(seen.add(item), "item arrived twice: " + item);
        }
        first.assertSuccess(GUARD);
        second.assertSuccess(GUARD);
        assertEquals(2 * ITEMS, seen.size());
        assertNull(queue.poll(), "nothing beyond what was put");
    }

    static void putRange(final Context context, final String[] args) throws InterruptedException
    {
        final BlockingQueue<Integer> queue = context.queue(args[0]);
        for (int i = Integer.parseInt(args[1]), end = Integer.parseInt(args[2]); i < end; i++)
        {
            queue.put(i);
        }
    }

    static void takeOne(final Context context, final String[] args) throws InterruptedException
    {
        final BlockingQueue<String> queue = context.queue(args[0]);
        ContractChild.say("taking");
        ContractChild.say("took " + queue.take());
    }
}
