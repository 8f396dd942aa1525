package io.mproc.examples;

import io.mproc.process.ChildProcess;

/**
 * Python's {@code daemon_process_join.py}: the parent joins its daemon child, which prints {@code Start}, works a
 * while (the original's 5 s, shortened) and prints {@code Exit}.
 */
public final class DaemonJoinMain
{
    private DaemonJoinMain()
    {
    }

    static void daemonWorker() throws InterruptedException
    {
        System.out.println("Start");
        Thread.sleep(1_000);
        System.out.println("Exit");
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while joining.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final ChildProcess daemon = new ChildProcess(DaemonJoinMain::daemonWorker).name("daemon").daemon(true);
        daemon.start();
        daemon.join();
    }
}
