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
 * SIGINT and SIGHUP end the child as the JVM's own handlers would (shutdown hooks, exit code 128 + n), handled here
 * only so that the child can tell its parent that a signal ended it ({@link StatusLine}): a JVM exits the same way
 * from {@code System.exit(128 + n)}.
 * <p>
 * A class, not a lambda: the first lambda of a JVM costs it ~10 ms at start-up.
 */
final class TerminationSignal implements SignalHandler
{
    /** Exit code of a JVM ended by SIGTERM, as a shell reports it: 128 + 15. */
    static final int EXIT_CODE_TERMINATED = 143;
    private static final int SIGNAL_EXIT_BASE = 128;

    private static volatile boolean received;

    private final StatusLine.Writer status;

    private TerminationSignal(final StatusLine.Writer status)
    {
        this.status = status;
    }

    /**
     * Installs the handlers of SIGTERM, SIGINT and SIGHUP; for {@link ChildMain} only.
     *
     * @param status where the child tells its parent which signal ended it.
     */
    static void install(final StatusLine.Writer status)
    {
        final TerminationSignal handler = new TerminationSignal(status);
        Signal.handle(new Signal("TERM"), handler);
        for (final String name : new String[]{"INT", "HUP"})
        {
            try
            {
                Signal.handle(new Signal(name), handler);
            }
            catch (final IllegalArgumentException ignore)
            {
                // the JVM keeps this signal (-Xrs) or it is ignored: it ends the child the JVM's way, unreported
            }
        }
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
        status.signal(signal.getNumber());
        if (EXIT_CODE_TERMINATED - SIGNAL_EXIT_BASE != signal.getNumber())
        {
            System.exit(SIGNAL_EXIT_BASE + signal.getNumber());
            return;
        }
        received = true;
        ProcessLogging.info("process terminated by SIGTERM: not joining its non-daemon children");
        System.exit(EXIT_CODE_TERMINATED);
    }
}
