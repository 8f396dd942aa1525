package io.mproc.cluster;

import org.apache.ignite.configuration.AtomicConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The configuration of every node mproc starts, from a {@link ClusterUri}, with a network discipline: the node binds
 * to the URI's host only (127.0.0.1 in tests and examples), finds the others through a static list of that host's
 * discovery ports (no multicast), talks to them on its own communication port range, and opens nothing else: the
 * REST connector and the thin-client/ODBC/JDBC connector are off, peer class loading is off, and the update check is
 * turned off by {@link #quietSystemProperties()}. Ignite logs through SLF4J.
 * <p>
 * Sized for several nodes on one small machine: small thread pools and a small off-heap region (the objects of a
 * context are counters, locks and queues, not a data set).
 */
final class NodeConfiguration
{
    /** How long before a silent node (its process killed, its machine gone) is dropped and its locks released. */
    static final Duration FAILURE_DETECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final long MIB = 1024L * 1024L;

    private NodeConfiguration()
    {
    }

    /**
     * Sets Ignite's system properties that must hold before its classes load, unless the user set them: the local
     * host is the URI's, no update check (it would connect to ignite.apache.org), no banner, no performance
     * suggestions on the console.
     */
    static void quietSystemProperties(final ClusterUri uri)
    {
        // Ignite's startup diagnostics ping "the local host" (InetAddress.isReachable on the machine's own name,
        // measured with strace: an ICMP echo to the eth0 address) unless IGNITE_LOCAL_HOST names it.
        System.setProperty("IGNITE_LOCAL_HOST", System.getProperty("IGNITE_LOCAL_HOST", uri.host()));
        System.setProperty("IGNITE_UPDATE_NOTIFIER", System.getProperty("IGNITE_UPDATE_NOTIFIER", "false"));
        System.setProperty("IGNITE_QUIET", System.getProperty("IGNITE_QUIET", "true"));
        System.setProperty("IGNITE_NO_ASCII", System.getProperty("IGNITE_NO_ASCII", "true"));
        System.setProperty("IGNITE_PERFORMANCE_SUGGESTIONS_DISABLED",
            System.getProperty("IGNITE_PERFORMANCE_SUGGESTIONS_DISABLED", "true"));
    }

    /**
     * @param uri          the cluster.
     * @param instanceName unique in this JVM.
     * @param workDirectory where the node keeps its marshaller mappings (deleted when the context closes).
     * @param joinTimeout  how long a client waits for a server to join.
     * @return the configuration of a node of that cluster.
     */
    static IgniteConfiguration of(
        final ClusterUri uri, final String instanceName, final Path workDirectory, final Duration joinTimeout)
    {
        final IgniteConfiguration config = new IgniteConfiguration()
            .setIgniteInstanceName(instanceName)
            .setClientMode(uri.client())
            .setLocalHost(uri.host())
            .setDiscoverySpi(discovery(uri, joinTimeout))
            .setCommunicationSpi(communication(uri))
            .setConnectorConfiguration(null)            // no REST
            .setClientConnectorConfiguration(null)      // no thin client, ODBC or JDBC port
            .setPeerClassLoadingEnabled(false)
            .setMetricsLogFrequency(0)
            .setGridLogger(new Slf4jIgniteLogger())
            .setWorkDirectory(workDirectory.toAbsolutePath().toString())
            .setFailureDetectionTimeout(FAILURE_DETECTION_TIMEOUT.toMillis())
            .setClientFailureDetectionTimeout(FAILURE_DETECTION_TIMEOUT.toMillis())
            // A node in trouble stops itself; Ignite's default would halt the whole JVM, the user's program with it.
            .setFailureHandler(new StopNodeFailureHandler())
            .setAtomicConfiguration(new AtomicConfiguration().setBackups(uri.backups()))
            .setDataStorageConfiguration(storage());
        smallPools(config);
        return config;
    }

    private static TcpDiscoverySpi discovery(final ClusterUri uri, final Duration joinTimeout)
    {
        final TcpDiscoveryVmIpFinder finder = new TcpDiscoveryVmIpFinder()
            .setAddresses(List.of(uri.host() + ':' + uri.firstDiscoveryPort() + ".." + uri.lastDiscoveryPort()));
        final TcpDiscoverySpi discovery = new TcpDiscoverySpi()
            .setIpFinder(finder)
            .setLocalAddress(uri.host())
            .setLocalPort(uri.firstDiscoveryPort())
            .setLocalPortRange(uri.lastDiscoveryPort() - uri.firstDiscoveryPort());
        if (uri.client())
        {
            discovery.setJoinTimeout(joinTimeout.toMillis());
        }
        return discovery;
    }

    private static TcpCommunicationSpi communication(final ClusterUri uri)
    {
        final TcpCommunicationSpi communication = new TcpCommunicationSpi();
        communication.setLocalAddress(uri.host());
        communication.setLocalPort(uri.firstCommunicationPort());
        communication.setLocalPortRange(uri.lastCommunicationPort() - uri.firstCommunicationPort());
        return communication;
    }

    private static DataStorageConfiguration storage()
    {
        return new DataStorageConfiguration()
            .setSystemRegionInitialSize(16 * MIB)
            .setSystemRegionMaxSize(64 * MIB)
            .setDefaultDataRegionConfiguration(new DataRegionConfiguration()
                .setName("mproc")
                .setInitialSize(16 * MIB)
                .setMaxSize(256 * MIB));
    }

    private static void smallPools(final IgniteConfiguration config)
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        config.setSystemThreadPoolSize(Math.max(2, cores))
            .setStripedPoolSize(Math.max(2, cores))
            .setPublicThreadPoolSize(Math.max(8, 2 * cores))
            .setServiceThreadPoolSize(2)
            .setManagementThreadPoolSize(2)
            .setQueryThreadPoolSize(2)
            .setDataStreamerThreadPoolSize(1)
            .setRebalanceThreadPoolSize(1)
            .setPeerClassLoadingThreadPoolSize(1)
            .setBuildIndexThreadPoolSize(1)
            .setSnapshotThreadPoolSize(1)
            .setUtilityCachePoolSize(2)
            .setAsyncCallbackPoolSize(2);
    }
}
