package io.mproc.cluster;

import io.mproc.ContextOptions;
import io.mproc.pool.Pool;
import io.mproc.sync.SharedEvent;
import io.mproc.sync.SharedSemaphore;
import io.mproc.test.ChildJvm;
import io.mproc.value.SharedLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process SIGKILLed in the middle of lock, semaphore, queue and pool use, on a cluster of three server nodes in
 * JVMs of their own and this JVM as a client: nothing acknowledged is lost, a lock or permits held by a dead process
 * come back, pool tasks on a dead node are re-run on the others, and nothing hangs.
 * <p>
 * The tests share a cluster while it is whole: those that kill only a client run first, on the cluster the first
 * server-killing test then uses; a test that kills a server node ends its cluster, and the next test starts a fresh
 * one (so each server-killing test still meets three live nodes, and four clusters start instead of six).
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultTest
{
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(90);
    private static final int SERVERS = 3;
    /** The tests that kill no server node, run first so that they share the first cluster. */
    private static final int KILLS_NO_SERVER = 1;

    private static String uri;
    private static ClusterNodes nodes;
    private static IgniteContext context;
    private static volatile boolean serverNodeKilled;

    @BeforeEach
    void startClusterUnlessOneIsWhole()
    {
        if (!clusterWhole())
        {
            stopCluster();
            uri = TestClusters.freshUri("faults");
            nodes = ClusterNodes.start(uri, SERVERS);
            context = IgniteContext.open(ClusterUri.parse(TestClusters.client(uri)), ContextOptions.defaults());
        }
    }

    /** @return true when the last test left its cluster as it found it: every server alive and in the topology. */
    private static boolean clusterWhole()
    {
        if (null == nodes || null == context || serverNodeKilled)
        {
            return false;
        }
        for (int i = 0; i < SERVERS; i++)
        {
            if (!nodes.node(i).process().isAlive())
            {
                return false;
            }
        }
        return context.ignite().cluster().forServers().nodes().size() == SERVERS;
    }

    @AfterEach
    void stopClusterIfAServerNodeWasKilled()
    {
        if (serverNodeKilled)
        {
            stopCluster();
        }
    }

    @AfterAll
    static void stopCluster()
    {
        serverNodeKilled = false;
        if (null != context)
        {
            context.close();
            context = null;
        }
        if (null != nodes)
        {
            nodes.close();
            nodes = null;
        }
    }

    /** SIGKILLs server node {@code index}; the next test gets a fresh cluster. */
    private static void killServerNode(final int index)
    {
        serverNodeKilled = true;
        nodes.kill(index);
    }

    @Test
    @Order(KILLS_NO_SERVER)
    void aLockHeldByAKilledClientIsReleased() throws Exception
    {
        final Lock lock = context.lock("held");
        try (ChildJvm holder = ClusterNodes.child("lock", TestClusters.client(uri), "held"))
        {
            holder.awaitLine("LOCKED", LINE_TIMEOUT);
            assertFalse(lock.tryLock(), "the child holds it");
            holder.kill();
            assertTrue(lock.tryLock(60, TimeUnit.SECONDS), "released when its holder's node left");
            lock.unlock();
        }
    }

    @Test
    void anRLockWaiterGetsTheLockWhenTheHolderAndAServerNodeAreKilled() throws Exception
    {
        final Lock rlock = context.rlock("reentrant");
        try (ChildJvm holder = ClusterNodes.child("rlock", TestClusters.client(uri), "reentrant"))
        {
            holder.awaitLine("LOCKED", LINE_TIMEOUT);
            final CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
            {
                rlock.lock(); // blocked until the holder is gone
                rlock.unlock();
                return true;
            });
            assertFalse(rlock.tryLock(), "the child holds it");
            killServerNode(0); // possibly the node holding the lock's entry, while a waiter waits
            holder.kill();
            assertTrue(waiter.get(120, TimeUnit.SECONDS), "the waiter got the lock after its holder died");
            assertTrue(rlock.tryLock(60, TimeUnit.SECONDS), "free again");
            rlock.unlock();
        }
    }

    @Test
    @Order(KILLS_NO_SERVER)
    void permitsHeldByAKilledClientComeBack() throws Exception
    {
        final SharedSemaphore semaphore = context.semaphore("slots", 2);
        try (ChildJvm holder = ClusterNodes.child("semaphore", TestClusters.client(uri), "slots", "2"))
        {
            holder.awaitLine("ACQUIRED", LINE_TIMEOUT);
            assertFalse(semaphore.tryAcquire(), "the child holds both permits");
            holder.kill();
            assertTrue(semaphore.tryAcquire(2, 60, TimeUnit.SECONDS), "both permits came back");
            semaphore.release(2);
        }
    }

    @Test
    void aQueueLosesNoAcknowledgedItemWhenAServerNodeIsKilled() throws Exception
    {
        final BlockingQueue<Integer> queue = context.queue("work");
        final List<Integer> acknowledged = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            if (100 == i)
            {
                killServerNode(0); // a node holding part of the queue dies between two puts
            }
            try
            {
                queue.put(i);
                acknowledged.add(i);
            }
            catch (final RuntimeException ex)
            {
                // a put that threw was not acknowledged: the producer may retry it; this test only counts the others
            }
        }
        final Set<Integer> taken = new HashSet<>();
        for (Integer item = queue.poll(30, TimeUnit.SECONDS); null != item; item = queue.poll(1, TimeUnit.SECONDS))
        {
            taken.add(item);
        }
        assertTrue(acknowledged.size() >= 190, "most puts succeed: " + acknowledged.size());
        assertTrue(taken.containsAll(acknowledged), "lost: " + missing(acknowledged, taken));
    }

    @Test
    void poolTasksOnAKilledNodeAreRunElsewhere() throws Exception
    {
        final SharedLong started = context.longValue("started", 0);
        final SharedEvent release = context.event("release");
        final Map<Integer, Long> where = context.dict("where");
        final int tasks = 6;
        try (Pool pool = context.pool(tasks))
        {
            final List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < tasks; i++)
            {
                results.add(pool.applyAsync((Integer x) ->
                {
                    where.put(x, ProcessHandle.current().pid());
                    started.incrementAndGet();
                    try
                    {
                        release.await();
                    }
                    catch (final InterruptedException ex)
                    {
                        throw new IllegalStateException(ex);
                    }
                    return x * 2;
                }, i));
            }
            while (started.get() < tasks)
            {
                Thread.onSpinWait(); // every task is running on some node
            }
            final long doomed = where.get(0);
            final long onDoomed = where.values().stream().filter((pid) -> pid == doomed).count();
            killNodeWithPid(doomed);

            release.set();
            for (int i = 0; i < tasks; i++)
            {
                assertEquals(i * 2, results.get(i).get(120, TimeUnit.SECONDS));
            }
            assertEquals(tasks + onDoomed, started.get(), "the " + onDoomed + " tasks of the killed node ran again");
            assertFalse(where.containsValue(doomed), "every task's last run was on a live node");
        }
    }

    @Test
    void aDictIsReadWholeRightAfterAServerNodeIsKilled()
    {
        final Map<Integer, String> dict = context.dict("entries");
        final Map<Integer, String> expected = new java.util.HashMap<>();
        for (int i = 0; i < 100; i++)
        {
            dict.put(i, "value " + i);
            expected.put(i, "value " + i);
        }
        killServerNode(1);
        assertEquals(expected, Map.copyOf(dict), "a scan that meets the node leaving is started again");
    }

    private static void killNodeWithPid(final long pid)
    {
        for (int i = 0; i < 3; i++)
        {
            if (nodes.node(i).pid() == pid)
            {
                killServerNode(i);
                return;
            }
        }
        throw new AssertionError("no node has pid " + pid);
    }

    private static List<Integer> missing(final List<Integer> acknowledged, final Set<Integer> taken)
    {
        final List<Integer> missing = new ArrayList<>(acknowledged);
        missing.removeAll(taken);
        return missing;
    }
}
