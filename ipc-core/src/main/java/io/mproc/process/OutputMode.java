package io.mproc.process;

/**
 * Where a child's stdout and stderr go, unless redirected to files.
 */
public enum OutputMode
{
    /**
     * The child writes straight to this JVM's file descriptors 1 and 2, as a Python child does: no copying, and
     * the output goes on if this JVM dies. It bypasses {@link System#setOut(java.io.PrintStream)}.
     */
    INHERIT,

    /**
     * A thread of this JVM copies each line of the child to this JVM's {@link System#out} / {@link System#err},
     * so a replaced {@code System.out} (a test harness, a log capture) sees it.
     */
    PIPE,

    /**
     * As {@link #PIPE}, with the process name before each line: {@code [Process-1] hello}.
     */
    PREFIXED
}
