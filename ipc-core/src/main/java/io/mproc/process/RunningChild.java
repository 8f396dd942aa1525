package io.mproc.process;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A started child JVM: waits for it, signals it, and, once it has exited, finishes what its exit leaves to do
 * (publish its AppCDS archive, copy its last output, complete {@link #onExit()}). Thread-safe.
 */
final class RunningChild
{
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final long DAEMON_EXIT_GRACE_MS = 2_000;

    private final String name;
    private final Process process;
    private final OutputPumps pumps;
    private final ClassDataSharing.Plan cdsPlan;
    private final CompletableFuture<RunningChild> exited = new CompletableFuture<>();
    private boolean exitHandled;

    RunningChild(final String name, final Process process, final OutputPumps pumps, final ClassDataSharing.Plan cdsPlan)
    {
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
     * @return the JVM's exit value once it has exited, empty before.
     */
    OptionalInt exitValue()
    {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    CompletableFuture<RunningChild> onExit()
    {
        return exited;
    }

    void join() throws InterruptedException
    {
        process.waitFor();
        afterExit();
        pumps.drain();
    }

    boolean join(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS))
        {
            return false;
        }
        afterExit();
        pumps.drain();
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
        pumps.drain();
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
     * Once the child has exited, whoever sees it first (a join, or the JVM's process reaper): publishes an AppCDS
     * archive the child made, forgets the child.
     */
    private void afterExit()
    {
        synchronized (this)
        {
            if (exitHandled)
            {
                return;
            }
            exitHandled = true;
        }
        final int exitCode = process.exitValue();
        cdsPlan.finish(exitCode <= SIGNAL_EXIT_BASE);
        ProcessLogging.debug(name + " exited with exitcode " + exitCode);
        exited.complete(this);
    }
}
