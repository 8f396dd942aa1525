package io.mproc.cluster;

import io.mproc.JvmFlags;
import io.mproc.test.ChildJvm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Server nodes of a test cluster, each in a JVM of its own (so that a test can SIGKILL one), started together and
 * waited for; {@link #close()} kills whatever is left.
 */
final class ClusterNodes implements AutoCloseable
{
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final List<ChildJvm> nodes = new ArrayList<>();

    private ClusterNodes()
    {
    }

    /**
     * @param uri   the cluster (server mode).
     * @param count of nodes.
     * @return the nodes, all joined.
     */
    static ClusterNodes start(final String uri, final int count)
    {
        final ClusterNodes cluster = new ClusterNodes();
        try
        {
            for (int i = 0; i < count; i++)
            {
                cluster.nodes.add(child("node", uri));
            }
            for (final ChildJvm node : cluster.nodes)
            {
                node.awaitLine("READY", START_TIMEOUT);
            }
            return cluster;
        }
        catch (final RuntimeException | Error ex)
        {
            cluster.close();
            throw ex;
        }
    }

    /** Starts {@link ClusterChildMain} with Ignite's JVM flags. */
    static ChildJvm child(final String... args)
    {
        return ChildJvm.startWithFlags(JvmFlags.cluster(), List.of("-Xmx256m"), ClusterChildMain.class, args);
    }

    ChildJvm node(final int index)
    {
        return nodes.get(index);
    }

    /** SIGKILLs one node and waits until its process is gone. */
    void kill(final int index)
    {
        nodes.get(index).kill();
    }

    @Override
    public void close()
    {
        nodes.forEach(ChildJvm::close);
        WorkDirectories.deleteThoseOfDeadProcesses(); // the killed nodes could not delete theirs
    }
}
