package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.CurrentProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Python's exit codes example: {@code good_job} returns (exit code 0), {@code fail_job} throws (exit code 1, with its
 * stack trace on stderr), {@code kill_job} would run for a long time and is terminated. Python reports the
 * terminated one as -15 (killed by SIGTERM); a JVM reports 143 (128 + 15), as a shell does.
 */
public final class ProcessExitMain
{
    private ProcessExitMain()
    {
    }

    static void goodJob() throws InterruptedException
    {
        final CurrentProcess self = ChildProcess.current();
        System.out.println("Start name:" + self.name() + ", pid:" + self.pid());
        Thread.sleep(500);
        System.out.println("Exit name:" + self.name() + ", pid:" + self.pid());
    }

    static void failJob()
    {
        final CurrentProcess self = ChildProcess.current();
        System.out.println("Start name:" + self.name() + ", pid:" + self.pid());
        throw new IllegalStateException("fail_job fails on purpose");
    }

    static void killJob() throws InterruptedException
    {
        final CurrentProcess self = ChildProcess.current();
        System.out.println("Start name:" + self.name() + ", pid:" + self.pid());
        Thread.sleep(30_000);
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
        final ChildProcess[] processes = {good, fail, kill};

        System.out.println(good); // <ChildProcess name='good_job' parent=... initial>
        final List<CompletableFuture<ChildProcess>> started = new ArrayList<>();
        for (final ChildProcess process : processes)
        {
            started.add(process.startAsync()); // as Python's start(): the three JVMs boot at once
        }
        System.out.println(good); // <ChildProcess name='good_job' pid=... parent=... started>
        started.forEach(CompletableFuture::join); // a child that cannot start fails here, with its error output

        good.join(); // by now kill_job has started too
        kill.terminate();
        System.out.println("Terminate process : " + kill.name());

        for (final ChildProcess process : processes)
        {
            process.join();
        }
        for (final ChildProcess process : processes)
        {
            System.out.println("Process name : " + process.name() + ", exit code : " + process.exitCode().getAsInt());
        }
    }
}
