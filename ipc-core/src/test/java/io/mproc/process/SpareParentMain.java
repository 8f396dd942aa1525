package io.mproc.process;

import io.mproc.test.ChildJvm;

/**
 * A parent JVM for {@link WarmSpareTest}: makes {@code args[0]} warm spares, prints their pids on one line
 * ({@code spares <pid> <pid> ...}) once they are ready, then blocks until killed.
 */
public final class SpareParentMain
{
    private SpareParentMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ChildJvm.exitWhenParentDies();
        WarmSpares.setCount(Integer.parseInt(args[0]));
        WarmSpares.prepare(new ChildProcess(SpareParentMain::doNothing)).get();
        final StringBuilder line = new StringBuilder("spares");
        for (final long pid : WarmSpares.readyPids())
        {
            line.append(' ').append(pid);
        }
        System.out.println(line);
        ChildJvm.blockUntilKilled();
    }

    static void doNothing()
    {
    }
}
