package io.mproc.process;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started child JVM: waits for it, signals it, and, once it has exited, finishes what its exit leaves to do:
 * copy its last output, read how it exited (its own exit code, or a signal: see {@link StatusLine}), fail its
 * readiness if it never got there, publish its AppCDS archive, complete {@link #onExit()}. Thread-safe.
 */
final class RunningChild
{
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final int MAX_SIGNAL = 64;
    private static final long DAEMON_EXIT_GRACE_MS = 2_000;

    private final String name;
    private final Process process;
    private final OutputPumps pumps;
    private final ClassDataSharing.Plan cdsPlan;
    private final boolean fromSpare;
    private final CompletableFuture<RunningChild> exited = new CompletableFuture<>();
    private boolean exitHandled;
    private int exitCode;
    private int signal;

    RunningChild(final String name, final Process process, final OutputPumps pumps, final ClassDataSharing.Plan cdsPlan,
        final boolean fromSpare)
    {
        this.fromSpare = fromSpare;
        this.name = name;
        this.process = process;
        this.pumps = pumps;
        this.cdsPlan = cdsPlan;
        process.onExit().thenRun(this::afterExit);
    }

    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * @return true when the child is a warm spare that was handed its task, false when its JVM was started for it.
     */
    boolean fromSpare()
    {
        return fromSpare;
    }

    /**
     * @return completed when the child has loaded its task; completed exceptionally with a
     * {@link ChildStartException} when it exits before.
     */
    CompletableFuture<Void> ready()
    {
        return pumps.stderr().ready();
    }

    /**
     * @param timeout for the child to be ready.
     * @return completed once the child has loaded its task; completed exceptionally with a
     * {@link ChildStartException} when it exits before, or is not ready within the timeout (it is then killed).
     */
    CompletableFuture<Void> readyWithin(final Duration timeout)
    {
        final CompletableFuture<Void> started = new CompletableFuture<>();
        ready().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((ignore, failure) ->
        {
            final Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (null == cause)
            {
                started.complete(null);
            }
            else if (cause instanceof TimeoutException)
            {
                kill();
                started.completeExceptionally(ChildStartException.timedOut(name, timeout, startupOutput()));
            }
            else
            {
                started.completeExceptionally(cause);
            }
        });
        return started;
    }

    /**
     * @return what the child wrote on its stderr before it was ready.
     */
    String startupOutput()
    {
        return pumps.stderr().startupOutput();
    }

    /**
     * @return the child's exit code once it has exited, empty before: its own, or 128 + n after signal n.
     */
    OptionalInt exitCode()
    {
        if (process.isAlive())
        {
            return OptionalInt.empty();
        }
        afterExit();
        return OptionalInt.of(exitCode);
    }

    /**
     * @return the signal the child ended on, empty while it runs or when it exited by itself.
     */
    OptionalInt signal()
    {
        if (process.isAlive())
        {
            return OptionalInt.empty();
        }
        afterExit();
        return 0 == signal ? OptionalInt.empty() : OptionalInt.of(signal);
    }

    CompletableFuture<RunningChild> onExit()
    {
        return exited;
    }

    void join() throws InterruptedException
    {
        process.waitFor();
        afterExit();
    }

    boolean join(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS))
        {
            return false;
        }
        afterExit();
        return true;
    }

    /**
     * A daemon, already terminated at this JVM's exit, is given a grace period, then killed.
     */
    void joinTerminatedDaemon() throws InterruptedException
    {
        if (!process.waitFor(DAEMON_EXIT_GRACE_MS, TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly().waitFor();
        }
        afterExit();
    }

    /**
     * SIGTERM; nothing when the child has exited.
     */
    void terminate()
    {
        process.destroy();
    }

    /**
     * SIGKILL; nothing when the child has exited.
     */
    void kill()
    {
        process.destroyForcibly();
    }

    /**
     * Once the child has exited, whoever sees it first (a join, a getter, or the JVM's process reaper); the others
     * wait until it is done.
     */
    private void afterExit()
    {
        synchronized (this)
        {
            if (exitHandled)
            {
                return;
            }
            drainPumps();
            exitCode = process.exitValue();
            signal = signalOf(exitCode, pumps.stderr().exitLine());
            if (!ready().isDone())
            {
                ready().completeExceptionally(ChildStartException.exited(name, exitCode, startupOutput()));
            }
            cdsPlan.finish(0 == signal);
            exitHandled = true;
        }
        ProcessLogging.debug(name + " exited with exitcode " + exitCode);
        exited.complete(this);
    }

    private void drainPumps()
    {
        try
        {
            pumps.drain();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt(); // the status may be incomplete: a signal reads as a shell reads it
        }
    }

    /**
     * @param exitValue of the JVM.
     * @param exitLine  what its status line said, see {@link StatusLine}.
     * @return the signal it ended on, or 0.
     */
    static int signalOf(final int exitValue, final int exitLine)
    {
        if (StatusLine.EXIT == exitLine)
        {
            return 0;
        }
        if (exitLine > 0)
        {
            return exitLine;
        }
        return exitValue > SIGNAL_EXIT_BASE && exitValue <= SIGNAL_EXIT_BASE + MAX_SIGNAL ?
            exitValue - SIGNAL_EXIT_BASE : 0;
    }
}
