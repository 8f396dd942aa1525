package io.mproc.cluster;

import io.mproc.ContextOptions;
import io.mproc.process.CurrentProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cluster contexts open in this JVM, by cluster ({@link ClusterUri#clusterKey()}): where a handle received from
 * another process ({@link HandleRef}) reopens its object. A JVM with no context on that cluster (a child process
 * given a handle) opens one as a client node, once, and closes it when the process ends: a child as soon as its task
 * has returned ({@link CurrentProcess#closeAtExit(AutoCloseable)}), since the node's threads are not daemons and
 * would keep the child running forever after its task.
 */
final class ClusterContexts
{
    private static final Map<String, List<IgniteContext>> OPEN = new ConcurrentHashMap<>();
    private static final Map<String, IgniteContext> JOINED = new ConcurrentHashMap<>();

    private ClusterContexts()
    {
    }

    static void opened(final IgniteContext context)
    {
        OPEN.computeIfAbsent(context.uri().clusterKey(), (key) -> new CopyOnWriteArrayList<>()).add(context);
    }

    static void closed(final IgniteContext context)
    {
        final List<IgniteContext> contexts = OPEN.get(context.uri().clusterKey());
        if (null != contexts)
        {
            contexts.remove(context);
        }
    }

    /**
     * @return an open context of this JVM on the URI's cluster, or a new client context on it.
     */
    static IgniteContext forUri(final ClusterUri uri)
    {
        final List<IgniteContext> contexts = OPEN.get(uri.clusterKey());
        if (null != contexts)
        {
            for (final IgniteContext context : new ArrayList<>(contexts))
            {
                if (!context.isClosed())
                {
                    return context;
                }
            }
        }
        return JOINED.computeIfAbsent(uri.clusterKey(), (key) ->
        {
            final IgniteContext joined = IgniteContext.open(uri.asClient(), ContextOptions.defaults());
            CurrentProcess.closeAtExit(joined);
            return joined;
        });
    }
}
