package io.mproc.process;

/**
 * Names of the Linux signals a child is likely to end on, for messages.
 */
final class Signals
{
    private static final String[] NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    private Signals()
    {
    }

    /**
     * @param signal number.
     * @return its name, e.g. {@code SIGTERM}, or {@code SIG<n>}.
     */
    static String name(final int signal)
    {
        return signal > 0 && signal < NAMES.length ? NAMES[signal] : "SIG" + signal;
    }
}
