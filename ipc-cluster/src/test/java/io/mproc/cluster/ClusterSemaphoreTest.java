package io.mproc.cluster;

import io.mproc.ContextOptions;
import io.mproc.sync.SharedSemaphore;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A cluster semaphore between JVMs, round after round: a client JVM opens a fresh semaphore of no permits and waits
 * for three; this JVM (a server node) gives them in two releases the moment the client says it waits. On Ignite's
 * {@code IgniteSemaphore} such a waiter was now and then never served (its node-local copy of the count went stale:
 * {@code SemaphoreContract.acquireOfSeveralPermitsWaitsForAllOfThem} failed about one run in eight); many rounds make
 * that show in one run. {@link ClusterPermits} rereads the shared entry on every attempt.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterSemaphoreTest
{
    private static final int ROUNDS = 40;
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(60);

    private static String uri;
    private static IgniteContext context;

    @BeforeAll
    static void startNode()
    {
        uri = TestClusters.freshUri("semaphores");
        context = IgniteContext.open(ClusterUri.parse(uri), ContextOptions.defaults());
    }

    @AfterAll
    static void stopNode()
    {
        context.close();
        WorkDirectories.deleteThoseOfDeadProcesses();
    }

    @Test
    void aWaiterInAnotherJvmIsServedByReleasesEveryRound()
    {
        try (ChildJvm waiter = ClusterNodes.child("acquireRounds", TestClusters.client(uri), "rounds",
            Integer.toString(ROUNDS)))
        {
            for (int round = 0; round < ROUNDS; round++)
            {
                waiter.awaitLine("ACQUIRING " + round, LINE_TIMEOUT);
                final SharedSemaphore semaphore = context.semaphore("rounds-" + round, 0);
                semaphore.release(2);
                semaphore.release();
                assertEquals("TOOK " + round + " true", waiter.awaitLine("TOOK " + round + " ", LINE_TIMEOUT),
                    "the waiter of round " + round + " was served");
            }
            waiter.assertSuccess(LINE_TIMEOUT);
        }
    }
}
