package io.mproc.cluster;

import io.mproc.ContextOptions;
import io.mproc.JvmFlags;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standalone node of {@code bin/mproc-node}: it serves a cluster that client programs share. */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NodeMainTest
{
    private static final Duration GUARD = Duration.ofSeconds(90);

    @AfterEach
    void deleteKilledNodesWork()
    {
        WorkDirectories.deleteThoseOfDeadProcesses(); // the node killed at the end of a test could not
    }

    @Test
    void aStandaloneNodeServesClients()
    {
        final String uri = TestClusters.freshUri("standalone");
        try (ChildJvm node = ChildJvm.startWithFlags(JvmFlags.cluster(), List.of(), NodeMain.class, uri))
        {
            assertTrue(node.awaitLine("mproc node ", GUARD).endsWith("serving " + uri));
            try (IgniteContext first = IgniteContext.open(ClusterUri.parse(TestClusters.client(uri)),
                ContextOptions.defaults()))
            {
                first.longValue("visits", 0).incrementAndGet();
            }
            try (IgniteContext second = IgniteContext.open(ClusterUri.parse(TestClusters.client(uri)),
                ContextOptions.defaults()))
            {
                assertEquals(2, second.longValue("visits", 0).incrementAndGet(), "the node kept the value");
            }
        }
    }

    @Test
    void printsItsJvmFlagsAndRefusesABadUri()
    {
        try (ChildJvm flags = ChildJvm.startWithFlags(List.of(), List.of(), NodeMain.class, "--jvm-flags"))
        {
            assertEquals(String.join(" ", JvmFlags.cluster()), flags.awaitLine("--", GUARD));
            assertEquals(0, flags.waitFor(GUARD));
        }
        try (ChildJvm bad = ChildJvm.startWithFlags(JvmFlags.cluster(), List.of(), NodeMain.class,
            "ignite://127.0.0.1/app"))
        {
            assertEquals(2, bad.waitFor(GUARD));
            assertTrue(bad.stderr().contains("no host:ports"), bad.stderr());
        }
        try (ChildJvm client = ChildJvm.startWithFlags(JvmFlags.cluster(), List.of(), NodeMain.class,
            "ignite://127.0.0.1:47500..47509/app?mode=client"))
        {
            assertEquals(2, client.waitFor(GUARD));
            assertTrue(client.stderr().contains("drop mode=client"), client.stderr());
        }
    }
}
