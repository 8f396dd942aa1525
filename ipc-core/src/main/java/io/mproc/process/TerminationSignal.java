package io.mproc.process;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM in a child JVM ({@link ChildProcess#terminate()}): exit at once with 143, as Python's default action for
 * SIGTERM does, instead of the JVM's default, which runs the exit hook and so would wait for every non-daemon
 * child of this process to end (for ever, if one waits for this process to die).
 * <p>
 * What is decided here, as in Python: the non-daemon children of a terminated process are not waited for and not
 * stopped; they run on, orphaned. Its daemon children still end with it (the exit hook terminates them, and each
 * also watches its parent). The shutdown hooks still run, so that the exit hook terminates the daemons.
 * <p>
 * A class, not a lambda: the first lambda of a JVM costs it ~10 ms at start-up.
 */
final class TerminationSignal implements SignalHandler
{
    /** Exit code of a JVM ended by SIGTERM, as a shell reports it: 128 + 15. */
    static final int EXIT_CODE_TERMINATED = 143;

    private static volatile boolean received;

    private TerminationSignal()
    {
    }

    /**
     * Installs the handler; for {@link ChildMain} only.
     */
    static void install()
    {
        Signal.handle(new Signal("TERM"), new TerminationSignal());
    }

    /**
     * @return true once this JVM received SIGTERM: its exit must not wait for its non-daemon children.
     */
    static boolean received()
    {
        return received;
    }

    public void handle(final Signal signal)
    {
        received = true;
        ProcessLogging.info("process terminated by SIGTERM: not joining its non-daemon children");
        System.exit(EXIT_CODE_TERMINATED);
    }
}
