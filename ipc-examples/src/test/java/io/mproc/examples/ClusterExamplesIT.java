package io.mproc.examples;

import io.mproc.JvmFlags;
import io.mproc.cluster.NodeMain;
import io.mproc.examples.ExampleJar.Run;
import io.mproc.test.Await;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example against a cluster, as a user runs them: three standalone server nodes ({@link NodeMain}, what
 * {@code bin/mproc-node} starts) on a fresh loopback port block, started once for the class, then
 * {@code java -jar ipc-examples.jar --context ignite://...?mode=client NAME}. Each example's output is compared with
 * the same assertions as its shared-memory run ({@link ExamplesIT}); the child JVMs of the examples join the cluster
 * as clients for the handles they are given, and exit when their task returns. The processes-only examples share
 * nothing and run as on shared memory. The examples that need an object only shared memory has are refused at once,
 * with the reason. The nodes are stopped with SIGTERM after the class (so that they delete their work directories).
 * <p>
 * What differs from shared memory: a pool's workers are the server nodes, where the pool's initializer runs (once
 * per node) and prints, so the pool example prints its result without the workers' start lines.
 */
@Timeout(180)
class ClusterExamplesIT
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final long RUN_TIMEOUT_S = 120;
    private static final int NODES_IN_CLUSTER = 3;
    private static final int BLOCK = 30;
    private static final int DISCOVERY_PORTS = 10;
    private static final List<ChildJvm> NODES = new ArrayList<>();
    private static String clientUri;

    @TempDir
    Path root;

    @BeforeAll
    static void startNodes()
    {
        final String uri = freshUri();
        for (int i = 0; i < NODES_IN_CLUSTER; i++)
        {
            NODES.add(ChildJvm.startWithFlags(JvmFlags.cluster(), List.of("-Xmx256m"), NodeMain.class, uri));
        }
        for (final ChildJvm node : NODES)
        {
            node.awaitLine("mproc node ", START_TIMEOUT);
        }
        clientUri = uri + "&mode=client";
    }

    @AfterAll
    static void stopNodes() throws InterruptedException
    {
        for (final ChildJvm node : NODES)
        {
            node.process().destroy(); // SIGTERM: the node closes its context and deletes its work directory
        }
        for (final ChildJvm node : NODES)
        {
            node.process().waitFor(30, TimeUnit.SECONDS);
            node.close();
        }
    }

    @Test
    void valuesRunOnTheCluster() throws Exception
    {
        final Run run = run("values");
        final List<String> expected = new ArrayList<>(List.of("num : 5", "num : 50"));
        for (int i = 0; i < 10; i++)
        {
            expected.add("num list[" + i + "] : " + i * 10);
        }
        assertEquals(expected, run.stdout(), run.toString());
    }

    @Test
    void sharedMemoryRunsOnTheCluster() throws Exception
    {
        ExamplesIT.assertSharedMemory(run("shared-memory"));
    }

    @Test
    void eventRunsOnTheCluster() throws Exception
    {
        ExamplesIT.assertEvent(run("event"));
    }

    @Test
    void coworkRunsOnTheCluster() throws Exception
    {
        ExamplesIT.assertCowork(run("cowork"));
    }

    /** Hung before: its children, having joined the cluster for the queue, never exited. */
    @Test
    void queueRunsOnTheCluster() throws Exception
    {
        ExamplesIT.assertQueue(run("queue"));
    }

    @Test
    void poolRunsOnTheCluster() throws Exception
    {
        final Run run = run("pool");
        assertEquals(List.of("Result : [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]"), run.stdout(), run.toString());
        // The pool's initializer ran on the server nodes that ran its tasks, once each (failed before: never).
        Await.until("a server node's line from the pool's initializer", START_TIMEOUT,
            () -> initializerLines() >= 1);
        assertTrue(initializerLines() <= NODES_IN_CLUSTER, "once per node: " + NODES.get(0).stdout());
    }

    @Test
    void returnCoroutineRunsOnTheCluster() throws Exception
    {
        ExamplesIT.assertReturnCoroutine(run("return-coroutine"));
    }

    @Test
    void pipeRunsOnTheCluster() throws Exception
    {
        ExamplesIT.assertPipe(run("pipe"));
    }

    @Test
    void serverProcessRunsOnTheCluster() throws Exception
    {
        ExamplesIT.assertServerProcess(run("server-process"));
    }

    @Test
    void processesOnlyExamplesRunAsOnSharedMemory() throws Exception
    {
        ExamplesIT.assertFiveWorkers(run("basic-function"));
        ExamplesIT.assertFiveWorkers(run("basic-class"));
        ExamplesIT.assertLogging(run("logging"));
        ExamplesIT.assertDaemon(run("daemon"));
        ExamplesIT.assertDaemonJoin(run("daemon-join"));
        ExamplesIT.assertProcessExit(run("process-exit"));
    }

    @Test
    void theJournalIsRefusedAtOnceSayingWhy() throws Exception
    {
        for (final String example : List.of("journal"))
        {
            final Run run = ExampleJar.run(root, List.of("--cluster", clientUri, example), List.of(), false,
                RUN_TIMEOUT_S, 2);
            assertEquals(List.of(), run.stdout(), run.toString());
            assertTrue(run.stderr().contains("example '" + example + "' cannot run on the ignite backend"),
                run.toString());
            assertTrue(run.stderr().contains("Run it without --context, on shared memory."), run.toString());
        }
    }

    private static long initializerLines()
    {
        return NODES.stream().flatMap((node) -> node.stdout().stream())
            .filter((line) -> line.startsWith("Start process : ")).count();
    }

    private Run run(final String example) throws Exception
    {
        return ExampleJar.run(root, List.of("--context", clientUri, example), List.of(), false, RUN_TIMEOUT_S);
    }

    private static String freshUri()
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final int first = 20000 + ThreadLocalRandom.current().nextInt((60000 - 20000) / BLOCK) * BLOCK;
            if (allFree(first, first + BLOCK - 1))
            {
                return "ignite://127.0.0.1:" + first + ".." + (first + DISCOVERY_PORTS - 1) + "/examples?comm=" +
                    (first + DISCOVERY_PORTS) + ".." + (first + BLOCK - 1);
            }
        }
        throw new IllegalStateException("no free block of " + BLOCK + " loopback ports found");
    }

    private static boolean allFree(final int first, final int last)
    {
        for (int port = first; port <= last; port++)
        {
            try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress()))
            {
                // free
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }
}
