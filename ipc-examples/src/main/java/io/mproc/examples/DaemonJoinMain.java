package io.mproc.examples;

import io.mproc.process.ChildProcess;

/**
 * The daemon example with a join: the parent waits for its daemon child, so {@code Start} is followed by
 * {@code Exit}.
 */
public final class DaemonJoinMain
{
    private DaemonJoinMain()
    {
    }

    static void daemonWorker() throws InterruptedException
    {
        Thread.sleep(1_000);
        System.out.println("Exit");
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while joining.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        System.out.println("Start");
        final ChildProcess daemon = new ChildProcess(DaemonJoinMain::daemonWorker).name("daemon").daemon(true);
        daemon.start();
        daemon.join();
    }
}
