package io.mproc.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cluster URIs for tests: each on a port block no other run uses at the moment (discovery ports then communication
 * ports, all on 127.0.0.1, all found free), so that two test runs on one machine never join each other's cluster.
 */
final class TestClusters
{
    private static final int DISCOVERY_PORTS = 10;
    private static final int COMMUNICATION_PORTS = 20;
    private static final int BLOCK = DISCOVERY_PORTS + COMMUNICATION_PORTS;
    private static final int FIRST_PORT = 20000;
    private static final int BLOCKS = (60000 - FIRST_PORT) / BLOCK;

    private TestClusters()
    {
    }

    /**
     * @param app the application name (a path segment).
     * @return a server-mode URI on a fresh, free port block.
     */
    static String freshUri(final String app)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final int first = FIRST_PORT + ThreadLocalRandom.current().nextInt(BLOCKS) * BLOCK;
            if (allFree(first, first + BLOCK - 1))
            {
                return "ignite://127.0.0.1:" + first + ".." + (first + DISCOVERY_PORTS - 1) + "/" + app + "?comm=" +
                    (first + DISCOVERY_PORTS) + ".." + (first + BLOCK - 1);
            }
        }
        throw new IllegalStateException("no free block of " + BLOCK + " loopback ports found");
    }

    /** @return the same cluster, as a client node. */
    static String client(final String uri)
    {
        return ClusterUri.parse(uri).asClient().uri().toString();
    }

    private static boolean allFree(final int first, final int last)
    {
        for (int port = first; port <= last; port++)
        {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress()))
            {
                socket.setReuseAddress(true);
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }
}
