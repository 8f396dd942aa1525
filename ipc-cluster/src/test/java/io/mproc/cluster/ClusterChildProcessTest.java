package io.mproc.cluster;

import io.mproc.ContextOptions;
import io.mproc.process.ChildProcess;
import io.mproc.value.SharedLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child process of a cluster context ({@code context.process(...)}), as the examples start them: it starts with
 * Ignite's JVM flags, the handles it is given arrive working (the child joins the cluster as a client node for
 * them), and it exits when its task returns, as on shared memory: the client node it joined for the handles does
 * not keep it alive.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterChildProcessTest
{
    /** A guard against hanging forever, not a measure: a child joins the cluster in a few seconds. */
    private static final Duration EXIT_GUARD = Duration.ofSeconds(90);
    private static IgniteContext context;

    @BeforeAll
    static void startNode()
    {
        context = IgniteContext.open(ClusterUri.parse(TestClusters.freshUri("children")), ContextOptions.defaults());
    }

    @AfterAll
    static void stopNode()
    {
        context.close();
        WorkDirectories.deleteThoseOfDeadProcesses();
    }

    /** Runs in the child: takes one item from the queue and stores it in the long. */
    static void takeIntoCounter(final BlockingQueue<Long> queue, final SharedLong counter) throws InterruptedException
    {
        counter.set(queue.take());
    }

    @Test
    void childGivenHandlesExitsWhenItsTaskReturns() throws Exception
    {
        final BlockingQueue<Long> queue = context.queue("child-queue");
        final SharedLong counter = context.longValue("child-counter", 0);
        final ChildProcess child = context.process(ClusterChildProcessTest::takeIntoCounter, queue, counter)
            .name("taker");
        try
        {
            child.start();
            queue.put(42L);
            assertTrue(child.join(EXIT_GUARD), "the child did not exit after its task: " + child);
            assertEquals(OptionalInt.of(0), child.exitCode(), child.toString());
            assertEquals(42, counter.get(), "the child took the item and stored it");
        }
        finally
        {
            if (child.isAlive())
            {
                child.kill();
                child.join();
            }
            child.close();
        }
    }
}
