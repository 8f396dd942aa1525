package io.mproc.cluster;

import io.mproc.ContextOptions;
import io.mproc.JvmFlags;

import java.util.concurrent.CountDownLatch;

/**
 * A standalone server node of an mproc cluster, for users who want one running apart from their programs
 * ({@code bin/mproc-node}): {@code NodeMain ignite://127.0.0.1:47500..47509/app} joins (or founds) the cluster and
 * serves until the process is ended (SIGTERM or Ctrl-C stop the node cleanly). It prints one line on stdout once
 * joined: {@code mproc node NODE-ID serving URI}. {@code NodeMain --jvm-flags} prints the flags such a JVM needs
 * ({@link JvmFlags#cluster()}), one line, for the script that starts it.
 * <p>
 * A standalone node runs pool tasks only for classes on its own class path (peer class loading is off): put the
 * application's jar on it, or let the programs' embedded server nodes run their tasks.
 */
public final class NodeMain
{
    private NodeMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        if (args.length == 1 && "--jvm-flags".equals(args[0]))
        {
            System.out.println(String.join(" ", JvmFlags.cluster()));
            return;
        }
        if (args.length != 1 || args[0].startsWith("-"))
        {
            System.err.println("usage: mproc-node ignite://127.0.0.1:47500..47509/APP   (a server node, until ended)");
            System.exit(2);
        }
        final ClusterUri uri;
        try
        {
            uri = ClusterUri.parse(args[0]);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("mproc-node: " + ex.getMessage());
            System.exit(2);
            return;
        }
        if (uri.client())
        {
            System.err.println("mproc-node: a standalone node is a server: drop mode=client from " + uri);
            System.exit(2);
        }
        final IgniteContext context = IgniteContext.open(uri, ContextOptions.defaults());
        final CountDownLatch ended = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            context.close();
            ended.countDown();
        }, "mproc-node-stop"));
        System.out.println("mproc node " + context.ignite().cluster().localNode().id() + " serving " + uri);
        System.out.flush();
        ended.await();
    }
}
