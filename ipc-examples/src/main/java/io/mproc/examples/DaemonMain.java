package io.mproc.examples;

import io.mproc.process.ChildProcess;

/**
 * Python's {@code daemon_process.py}: a daemon child would print {@code Exit} after a while, but a daemon ends with
 * its parent, which exits without joining it: {@code Exit} never appears. In the original the child prints
 * {@code Start} and the parent sleeps 3 s before exiting, long enough for a forked child to print; a JVM takes
 * longer to start than a fork, so here the parent prints {@code Start} and exits at once.
 */
public final class DaemonMain
{
    private DaemonMain()
    {
    }

    static void daemonWorker() throws InterruptedException
    {
        Thread.sleep(3_000);
        System.out.println("Exit");
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        System.out.println("Start");
        new ChildProcess(DaemonMain::daemonWorker).name("daemon").daemon(true).start();
        // no join: the daemon is terminated when this JVM exits
    }
}
