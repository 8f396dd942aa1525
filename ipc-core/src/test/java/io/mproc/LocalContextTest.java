package io.mproc;

import io.mproc.pool.ProcessPool;
import io.mproc.process.ChildProcess;
import io.mproc.queue.Pipe;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared-memory context's own behaviour beyond the contract ({@code io.mproc.contract}): who owns the manager,
 * pipes and processes across JVMs, pools closed with the context, and the local extras.
 */
class LocalContextTest extends MultiProcessTest
{
    private static final Duration GUARD = Duration.ofSeconds(60);

    @Test
    void theContextThatStartedTheManagerShutsItDownAndOtherProcessesFailClearly()
    {
        final LocalContext owner = Multiprocessing.context(namespace);
        final Map<String, Integer> dict = owner.dict("d");
        dict.put("a", 1);
        child = io.mproc.test.ChildJvm.start(LocalContextChild.class, owner.uri(), "dictAfterOwnerCloses");
        assertEquals("saw 1", child.awaitLine("saw", GUARD));
        owner.close();
        assertThrows(IllegalStateException.class, () -> dict.get("a"), "the owner's own proxies are closed with it");
        Multiprocessing.context(namespace).event("owner-closed").set();
        final String line = child.awaitLine("", GUARD);
        assertTrue(line.startsWith("manager gone: "), line);
        child.assertSuccess(GUARD);
    }

    @Test
    void aContextThatConnectedLeavesTheManagerRunning()
    {
        try (LocalContext owner = Multiprocessing.context(namespace))
        {
            owner.dict("d").put("a", 1);
            try (LocalContext other = Multiprocessing.context(namespace))
            {
                assertEquals(1, other.<String, Integer>dict("d").get("a"));
            }
            assertEquals(1, owner.<String, Integer>dict("d").get("a"), "closing a connected context stops nothing");
        }
    }

    @Test
    void pipeEndTravelsToAnotherProcessByName() throws Exception
    {
        try (LocalContext mp = Multiprocessing.context(namespace);
             Pipe pipe = mp.pipe("pipe"))
        {
            child = io.mproc.test.ChildJvm.start(LocalContextChild.class, mp.uri(), "echo");
            pipe.left().send("hello");
            assertEquals("echo hello", pipe.left().recv());
            child.assertSuccess(GUARD);
        }
    }

    @Test
    void processRunsATaskInAChildJvmWithTheHandlesItCaptures() throws InterruptedException
    {
        try (LocalContext mp = Multiprocessing.context(namespace))
        {
            final LongValue value = mp.longValue("v", 1);
            try (ChildProcess process = mp.process(LocalContextTest::addTen, value).start())
            {
                assertTrue(process.join(GUARD));
                assertEquals(OptionalInt.of(0), process.exitCode());
            }
            assertEquals(11, value.get());
        }
    }

    @Test
    void closingTheContextClosesItsPools()
    {
        final LocalContext mp = Multiprocessing.context(namespace, ContextOptions.builder().workers(1).build());
        final ProcessPool pool = mp.pool();
        assertEquals(1, pool.workerCount());
        mp.close();
        assertTrue(pool.isTerminated());
        assertThrows(IllegalStateException.class, mp::manager);
    }

    @Test
    void localExtras() throws InterruptedException
    {
        try (LocalContext mp = Multiprocessing.context(namespace))
        {
            assertEquals(3, mp.intValue("i", 3).get());
            assertTrue(mp.booleanValue("b", true).get());
            assertEquals(4, mp.intArray("ia", 4).length());
            assertEquals(5, mp.doubleArray("da", 5).length());
            assertEquals(6, mp.byteArray("ba", 6).length());
            assertEquals(2, mp.boundedSemaphore("bs", 2).availablePermits());
            mp.joinableQueue("jq").put("x");
            assertEquals("x", mp.joinableQueue("jq").take());
            mp.simpleQueue("sq").put("y");
            assertEquals("y", mp.simpleQueue("sq").get());
            assertFalse(mp.pipe("oneway", false).isDuplex());
        }
    }

    static void addTen(final LongValue value)
    {
        value.addAndGet(10);
    }
}
