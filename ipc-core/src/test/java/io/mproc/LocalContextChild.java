package io.mproc;

import io.mproc.queue.Connection;
import io.mproc.test.ChildJvm;

import java.util.Map;

/**
 * The child JVM of {@link LocalContextTest}: opens the context by URI and plays one role.
 */
public final class LocalContextChild
{
    private LocalContextChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ChildJvm.exitWhenParentDies();
        try (LocalContext mp = (LocalContext)Multiprocessing.context(args[0]))
        {
            switch (args[1])
            {
                case "dictAfterOwnerCloses" -> dictAfterOwnerCloses(mp);
                case "echo" -> echo(mp);
                default -> throw new IllegalArgumentException("unknown role: " + args[1]);
            }
        }
        System.exit(0);
    }

    private static void dictAfterOwnerCloses(final LocalContext mp) throws InterruptedException
    {
        final Map<String, Integer> dict = mp.dict("d");
        System.out.println("saw " + dict.get("a"));
        mp.event("owner-closed").await();
        try
        {
            dict.get("a");
            System.out.println("still served");
        }
        catch (final io.mproc.manager.ManagerNotRunningException ex)
        {
            System.out.println("manager gone: " + ex.getMessage().replace('\n', ' '));
        }
    }

    private static void echo(final LocalContext mp) throws Exception
    {
        try (Connection end = mp.connection("pipe", Connection.End.B))
        {
            end.send("echo " + end.recv());
        }
    }
}
