package io.mproc.process;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * A child JVM did not start: it exited before it was ready to run its task (a class it needs is not on its class
 * path, a JVM option it does not know, a task it cannot read), or it was not ready within its start timeout and was
 * killed. The message carries what the child wrote on its stderr until then.
 */
public final class ChildStartException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    /**
     * What the JVM says when mproc is not on the child's class path. Not just the class name: every failure while the
     * child loads its task has {@code io.mproc.process.ChildMain} in its stack trace.
     */
    private static final String MISSING_MPROC = "Could not find or load main class io.mproc.process.ChildMain";

    private final String processName;
    private final int exitCode;
    private final String errorOutput;

    private ChildStartException(final String message, final String processName, final int exitCode,
        final String errorOutput, final Throwable cause)
    {
        super(message, cause);
        this.processName = processName;
        this.exitCode = exitCode;
        this.errorOutput = errorOutput;
    }

    static ChildStartException exited(final String processName, final int exitCode, final String errorOutput)
    {
        final StringBuilder message = new StringBuilder("child process exited before it was ready: name=")
            .append(processName).append(" exitCode=").append(exitCode);
        if (errorOutput.contains(MISSING_MPROC))
        {
            message.append("; its class path does not hold mproc: give it with ChildProcess.classPath(...), or run " +
                "this JVM with mproc on java.class.path or in a URLClassLoader");
        }
        message.append("; its error output:\n").append(errorOutput.isEmpty() ? "(none)" : errorOutput);
        return new ChildStartException(message.toString(), processName, exitCode, errorOutput, null);
    }

    static ChildStartException timedOut(final String processName, final Duration timeout, final String errorOutput)
    {
        return new ChildStartException("child process was not ready within its start timeout and was killed: name=" +
            processName + " timeout=" + timeout + "; raise it with ChildProcess.startTimeout(...); its error output:\n" +
            (errorOutput.isEmpty() ? "(none)" : errorOutput), processName, -1, errorOutput, null);
    }

    /**
     * @return the same failure, thrown from the caller's thread (the original, from the thread that saw it, as cause).
     */
    ChildStartException inCaller()
    {
        return new ChildStartException(getMessage(), processName, exitCode, errorOutput, this);
    }

    /**
     * @return the name of the child.
     */
    public String processName()
    {
        return processName;
    }

    /**
     * @return the child's exit code, or empty when it was killed for not being ready in time.
     */
    public OptionalInt exitCode()
    {
        return exitCode < 0 ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /**
     * @return what the child wrote on its stderr before it failed (the start of it, when long).
     */
    public String errorOutput()
    {
        return errorOutput;
    }
}
