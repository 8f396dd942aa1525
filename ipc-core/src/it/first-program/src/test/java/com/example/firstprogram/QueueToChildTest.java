package com.example.firstprogram;

import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;
import io.mproc.queue.SharedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python's first queue program: a dict of lists, and a value of the user's own type, put on a queue that a child
 * process consumes. No allow-list, no codec, no flag for the child.
 */
class QueueToChildTest
{
    private static final long WAIT_S = 60;

    @Test
    @Timeout(120)
    void shouldCarryAMapOfListsAndARecordToAChildJvmAndBack() throws Exception
    {
        final Map<String, List<Integer>> scores = new HashMap<>();
        scores.put("alice", new ArrayList<>(List.of(3, 5, 8)));
        scores.put("bob", List.of(13, 21));
        final Map<String, List<String>> immutable = Map.of("colours", List.of("red", "green"), "empty", List.of());
        final Order order = new Order("A-1", 3, new BigDecimal("9.99"), List.of("gift", "express"));

        try (Namespace namespace = Namespace.temporary())
        {
            final SharedQueue<Object> toChild = SharedQueue.create(namespace, "to-child");
            final SharedQueue<Object> fromChild = SharedQueue.create(namespace, "from-child");
            try (ChildProcess child = new ChildProcess(QueueToChildTest::echoThree, toChild, fromChild))
            {
                child.start();
                toChild.put(scores);
                toChild.put(immutable);
                toChild.put(order);

                assertEquals(scores, fromChild.poll(WAIT_S, TimeUnit.SECONDS));
                assertEquals(immutable, fromChild.poll(WAIT_S, TimeUnit.SECONDS));
                assertEquals(order, fromChild.poll(WAIT_S, TimeUnit.SECONDS));
                assertEquals("total quantity 3", fromChild.poll(WAIT_S, TimeUnit.SECONDS),
                    "the child read the record's fields");
                assertTrue(child.join(Duration.ofSeconds(WAIT_S)), "the child ended");
                assertEquals(0, child.exitCode().orElse(-1), child.toString());
            }
        }
    }

    /**
     * Runs in the child JVM: sends back the three values it takes, then a line made from the record's fields.
     */
    private static void echoThree(final SharedQueue<Object> in, final SharedQueue<Object> out)
    {
        try
        {
            for (int i = 0; i < 2; i++)
            {
                out.put(in.take());
            }
            final Order order = (Order)in.take();
            out.put(order);
            out.put("total quantity " + order.quantity());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
