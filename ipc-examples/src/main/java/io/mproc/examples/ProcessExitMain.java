package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.CurrentProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Python's {@code process_exit.py}: three children, {@code good_job} (returns: exit code 0), {@code fail_job} (calls
 * {@code System.exit(1)}, Python's {@code sys.exit(1)}: exit code 1) and {@code kill_job} (would run for a minute: it
 * is terminated). The parent prints {@code Process check : <process>, True/False} for each child at each stage:
 * before its start, while they run, once {@code good_job} and {@code fail_job} have ended (terminating the one still
 * alive), and, unlike the original, once all are joined. Then each exit code: Python reports the terminated child as
 * {@code -15} (killed by SIGTERM), a JVM exits with {@code 143} (128 + 15, as a shell reports it): both are shown.
 * <p>
 * The original sleeps where this twin waits for the state it needs: 0.3 s after each start (so its children's
 * {@code Start} lines come before the next check; here they come when each JVM is up), and 6 s for the first two
 * jobs to end (here it joins them).
 */
public final class ProcessExitMain
{
    /** How long good_job and fail_job work: the original's 5 s, shortened. */
    private static final long WORK_MS = 2_000;
    /** Longer than the example runs: kill_job only ends by being terminated. */
    private static final long KILL_JOB_WORK_MS = 60_000;

    private ProcessExitMain()
    {
    }

    static void goodJob() throws InterruptedException
    {
        work(WORK_MS);
    }

    static void failJob() throws InterruptedException
    {
        work(WORK_MS);
        System.exit(1); // sys.exit(1): exit code 1, no stack trace
    }

    static void killJob() throws InterruptedException
    {
        work(KILL_JOB_WORK_MS);
    }

    private static void work(final long millis) throws InterruptedException
    {
        final CurrentProcess self = ChildProcess.current();
        System.out.println("Start name:" + self.name() + ", pid:" + self.pid());
        Thread.sleep(millis);
        System.out.println("Exit name:" + self.name() + ", pid:" + self.pid());
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while joining.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final ChildProcess good = new ChildProcess(ProcessExitMain::goodJob).name("good_job");
        final ChildProcess fail = new ChildProcess(ProcessExitMain::failJob).name("fail_job");
        final ChildProcess kill = new ChildProcess(ProcessExitMain::killJob).name("kill_job");
        final List<ChildProcess> processes = List.of(good, fail, kill);

        final List<CompletableFuture<ChildProcess>> started = new ArrayList<>();
        for (final ChildProcess process : processes)
        {
            printCheck(process); // initial, False
            started.add(process.startAsync()); // as Python's start(): the three JVMs boot at once
        }
        started.forEach(CompletableFuture::join); // a child that cannot start fails here, with its error output
        for (final ChildProcess process : processes)
        {
            printCheck(process); // started, True
        }

        good.join();
        fail.join();
        for (final ChildProcess process : processes)
        {
            printCheck(process); // good_job and fail_job stopped, kill_job still started
            if (process.isAlive())
            {
                System.out.println("Terminate process : " + process);
                process.terminate();
            }
        }

        for (final ChildProcess process : processes)
        {
            process.join(); // the original reads kill_job's exit code without joining: None or -15, by chance
        }
        for (final ChildProcess process : processes)
        {
            printCheck(process); // all stopped
        }
        for (final ChildProcess process : processes)
        {
            System.out.println("Process name : " + process.name() + ", exit code : " + exitCodeText(process));
        }
    }

    private static void printCheck(final ChildProcess process)
    {
        System.out.println("Process check : " + process + ", " + (process.isAlive() ? "True" : "False"));
    }

    /**
     * @return Python's {@code exitcode} (minus the signal number for a child ended by a signal), followed by the
     * JVM's exit status where the two differ: {@code -15 (JVM exit status 143)}.
     */
    static String exitCodeText(final ChildProcess process)
    {
        final int exitStatus = process.exitCode().orElseThrow();
        final OptionalInt signal = process.signal();
        if (signal.isEmpty())
        {
            return Integer.toString(exitStatus);
        }
        return -signal.getAsInt() + " (JVM exit status " + exitStatus + ")";
    }
}
