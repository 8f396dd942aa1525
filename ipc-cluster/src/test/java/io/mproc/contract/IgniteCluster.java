package io.mproc.contract;

import io.mproc.Context;
import io.mproc.ContextOptions;
import io.mproc.JvmFlags;
import io.mproc.cluster.ClusterUri;
import io.mproc.cluster.IgniteContext;
import io.mproc.cluster.WorkDirectories;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Ignite backend for the contract tests: one embedded server node in the test JVM, shared by every contract test
 * class of the run (opened by the first, closed when the run ends: a node start per class saved), on a loopback port
 * block no other run uses (so that two runs never join each other); the children of each test join it as client
 * nodes, with Ignite's JVM flags. The tests' objects have names of their own ({@link ContractTestBase#name}), so they
 * never meet on the shared cluster.
 */
final class IgniteCluster implements ContractBackend, BeforeAllCallback, AfterAllCallback
{
    private static final int BLOCK = 30;
    private static final int DISCOVERY_PORTS = 10;
    private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(IgniteCluster.class);

    private IgniteContext context;
    private String clientUri;

    /** The server node of the run, closed with the run's root extension context. */
    private static final class RunNode implements AutoCloseable
    {
        private final IgniteContext context;
        private final String clientUri;

        RunNode()
        {
            final String uri = freshUri();
            context = IgniteContext.open(ClusterUri.parse(uri), ContextOptions.builder().workers(2).build());
            clientUri = ClusterUri.parse(uri).asClient().uri().toString();
        }

        @Override
        public void close()
        {
            context.close();
            WorkDirectories.deleteThoseOfDeadProcesses(); // the children were killed after their tests
        }
    }

    @Override
    public void beforeAll(final ExtensionContext extensionContext)
    {
        final RunNode node = extensionContext.getRoot().getStore(SHARED)
            .getOrComputeIfAbsent(RunNode.class, (key) -> new RunNode(), RunNode.class);
        context = node.context;
        clientUri = node.clientUri;
    }

    @Override
    public void afterAll(final ExtensionContext extensionContext)
    {
        WorkDirectories.deleteThoseOfDeadProcesses(); // the children were killed after their tests
    }

    @Override
    public Context context()
    {
        return context;
    }

    @Override
    public String contextUri()
    {
        return clientUri;
    }

    @Override
    public List<String> childJvmOptions()
    {
        return JvmFlags.cluster();
    }

    private static String freshUri()
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final int first = 20000 + ThreadLocalRandom.current().nextInt((60000 - 20000) / BLOCK) * BLOCK;
            if (allFree(first, first + BLOCK - 1))
            {
                return "ignite://127.0.0.1:" + first + ".." + (first + DISCOVERY_PORTS - 1) + "/contract?comm=" +
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
