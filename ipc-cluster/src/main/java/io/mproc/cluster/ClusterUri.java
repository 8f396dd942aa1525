package io.mproc.cluster;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code ignite://} URI, parsed: where the cluster's nodes discover each other and the name every object of the
 * context is prefixed with.
 * <pre>
 * ignite://127.0.0.1:47500..47509/app                      an embedded server node (holds data, runs tasks)
 * ignite://127.0.0.1:47500..47509/app?mode=client          a client node: joins running servers, holds nothing
 * ignite://127.0.0.1:47500..47509/app?comm=47100..47199    the communication ports (default: discovery - 400)
 * ignite://127.0.0.1:47500..47509/app?backups=2            copies of each object on other nodes (default 1)
 * </pre>
 * The host is the address every node binds to and looks for the others at; only one host is supported (a cluster
 * on one machine, or one address reachable by all); it defaults to nothing: a URI must name it. The port range is
 * the discovery ports: each node takes the first free one, and looks for the others on all of them.
 */
public final class ClusterUri
{
    /** The scheme of this backend. */
    public static final String SCHEME = "ignite";
    /** How many ports a discovery range may span: each is probed when a node joins. */
    static final int MAX_DISCOVERY_PORTS = 100;
    /** The distance from the first discovery port down to the first communication port, as Ignite's defaults. */
    static final int COMMUNICATION_PORT_OFFSET = 400;
    /** How many communication ports nodes on one host may take. */
    static final int DEFAULT_COMMUNICATION_PORTS = 100;

    private final URI uri;
    private final String host;
    private final int firstPort;
    private final int lastPort;
    private final int firstCommunicationPort;
    private final int lastCommunicationPort;
    private final String app;
    private final boolean client;
    private final int backups;

    private ClusterUri(final URI uri, final Map<String, String> query)
    {
        this.uri = uri;
        final String authority = uri.getRawAuthority();
        if (null == authority || authority.indexOf(':') < 0)
        {
            throw bad(uri, "no host:ports (e.g. ignite://127.0.0.1:47500..47509/app)");
        }
        final int colon = authority.lastIndexOf(':');
        this.host = authority.substring(0, colon);
        if (host.isEmpty())
        {
            throw bad(uri, "no host (e.g. 127.0.0.1)");
        }
        final int[] ports = portRange(uri, authority.substring(colon + 1), "discovery ports");
        this.firstPort = ports[0];
        this.lastPort = ports[1];
        if (lastPort - firstPort + 1 > MAX_DISCOVERY_PORTS)
        {
            throw bad(uri, "discovery range spans " + (lastPort - firstPort + 1) + " ports, at most " +
                MAX_DISCOVERY_PORTS + " (a node probes each one when it joins)");
        }
        final String path = null == uri.getPath() ? "" : uri.getPath();
        this.app = path.startsWith("/") ? path.substring(1) : path;
        if (app.isEmpty() || app.contains("/"))
        {
            throw bad(uri, "the path must be one name for the application (e.g. /app), got '" + path + "'");
        }
        final String mode = query.getOrDefault("mode", "server");
        if (!mode.equals("server") && !mode.equals("client"))
        {
            throw bad(uri, "mode must be server or client, got '" + mode + "'");
        }
        this.client = mode.equals("client");
        final String comm = query.get("comm");
        if (null == comm)
        {
            this.firstCommunicationPort = firstPort - COMMUNICATION_PORT_OFFSET;
            this.lastCommunicationPort = firstCommunicationPort + DEFAULT_COMMUNICATION_PORTS - 1;
            if (firstCommunicationPort < 1)
            {
                throw bad(uri, "discovery port " + firstPort + " leaves no room for the default communication " +
                    "ports below it: give them, e.g. ?comm=" + (firstPort + MAX_DISCOVERY_PORTS) + ".." +
                    (firstPort + MAX_DISCOVERY_PORTS + DEFAULT_COMMUNICATION_PORTS - 1));
            }
        }
        else
        {
            final int[] commPorts = portRange(uri, comm, "communication ports (comm=)");
            this.firstCommunicationPort = commPorts[0];
            this.lastCommunicationPort = commPorts[1];
        }
        if (firstCommunicationPort <= lastPort && firstPort <= lastCommunicationPort)
        {
            throw bad(uri, "communication ports " + firstCommunicationPort + ".." + lastCommunicationPort +
                " overlap the discovery ports " + firstPort + ".." + lastPort);
        }
        this.backups = intParameter(uri, query, "backups", 1, 0, 16);
        for (final String key : query.keySet())
        {
            if (!key.equals("mode") && !key.equals("comm") && !key.equals("backups"))
            {
                throw bad(uri, "unknown parameter '" + key + "' (known: mode, comm, backups)");
            }
        }
    }

    /**
     * @param text an {@code ignite://host:first..last/app[?mode=client&comm=a..b&backups=n]} URI.
     * @return it, parsed.
     * @throws IllegalArgumentException naming what is wrong with it and what a good one looks like.
     */
    public static ClusterUri parse(final String text)
    {
        Objects.requireNonNull(text, "uri");
        return parse(URI.create(text));
    }

    /**
     * @param uri an {@code ignite://} URI.
     * @return it, parsed.
     * @throws IllegalArgumentException naming what is wrong with it and what a good one looks like.
     */
    public static ClusterUri parse(final URI uri)
    {
        Objects.requireNonNull(uri, "uri");
        if (!SCHEME.equals(uri.getScheme()))
        {
            throw bad(uri, "scheme must be '" + SCHEME + "'");
        }
        return new ClusterUri(uri, query(uri));
    }

    /** @return the URI as given. */
    public URI uri()
    {
        return uri;
    }

    /** @return the address every node binds to, and looks for the others at. */
    public String host()
    {
        return host;
    }

    public int firstDiscoveryPort()
    {
        return firstPort;
    }

    public int lastDiscoveryPort()
    {
        return lastPort;
    }

    public int firstCommunicationPort()
    {
        return firstCommunicationPort;
    }

    public int lastCommunicationPort()
    {
        return lastCommunicationPort;
    }

    /** @return the application name: it prefixes every object of the context, so that apps never share by accident. */
    public String app()
    {
        return app;
    }

    /** @return true for a client node (joins running servers), false for an embedded server node. */
    public boolean client()
    {
        return client;
    }

    /** @return how many other nodes keep a copy of each object (atomics, queues, caches). */
    public int backups()
    {
        return backups;
    }

    /** @return the cluster and app this URI names, whatever the mode: two URIs with equal keys share objects. */
    public String clusterKey()
    {
        return host + ':' + firstPort + ".." + lastPort + '/' + app;
    }

    /** @return the same cluster and app, as a client node: what a child process or a received handle opens. */
    public ClusterUri asClient()
    {
        if (client)
        {
            return this;
        }
        return parse(SCHEME + "://" + host + ':' + firstPort + ".." + lastPort + '/' + app + "?mode=client&comm=" +
            firstCommunicationPort + ".." + lastCommunicationPort + "&backups=" + backups);
    }

    @Override
    public String toString()
    {
        return uri.toString();
    }

    private static int[] portRange(final URI uri, final String text, final String what)
    {
        final int dots = text.indexOf("..");
        try
        {
            final int first = Integer.parseInt(dots < 0 ? text : text.substring(0, dots));
            final int last = dots < 0 ? first : Integer.parseInt(text.substring(dots + 2));
            if (first < 1 || last > 65535 || last < first)
            {
                throw bad(uri, what + " must be first..last within 1..65535, got '" + text + "'");
            }
            return new int[]{first, last};
        }
        catch (final NumberFormatException ex)
        {
            throw bad(uri, what + " must be a port or a range first..last, got '" + text + "'");
        }
    }

    private static int intParameter(
        final URI uri, final Map<String, String> query, final String key, final int defaultValue, final int min,
        final int max)
    {
        final String text = query.get(key);
        if (null == text)
        {
            return defaultValue;
        }
        try
        {
            final int value = Integer.parseInt(text);
            if (value >= min && value <= max)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw bad(uri, key + " must be a number in " + min + ".." + max + ", got '" + text + "'");
    }

    private static Map<String, String> query(final URI uri)
    {
        final Map<String, String> query = new LinkedHashMap<>();
        final String raw = uri.getRawQuery();
        if (null == raw || raw.isEmpty())
        {
            return query;
        }
        for (final String pair : raw.split("&"))
        {
            final int equals = pair.indexOf('=');
            if (equals <= 0)
            {
                throw bad(uri, "query parameters are key=value, got '" + pair + "'");
            }
            query.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return query;
    }

    private static IllegalArgumentException bad(final URI uri, final String problem)
    {
        return new IllegalArgumentException("bad cluster URI '" + uri + "': " + problem +
            "; expected ignite://127.0.0.1:47500..47509/app[?mode=client]");
    }
}
