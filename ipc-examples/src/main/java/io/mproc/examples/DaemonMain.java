package io.mproc.examples;

import io.mproc.process.ChildProcess;

/**
 * Python's daemon process: the parent prints {@code Start}, starts a daemon child and exits without joining it. The
 * child would print {@code Exit} after three seconds, but a daemon ends with its parent: it is terminated at once,
 * so {@code Exit} never appears.
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
