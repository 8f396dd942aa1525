package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.ProcessLogging;
import org.slf4j.event.Level;

/**
 * Python's {@code multiprocessing.log_to_stderr()} with the level at INFO: five children print a count, and the
 * lifecycle of each one is logged on stderr as {@code [INFO/Process-1] child process calling self.run()}. The parent
 * does not join them: at its exit it logs {@code process shutting down} and joins each child that still runs
 * ({@code calling join() for process Process-N}), as Python does.
 */
public final class LoggingMain
{
    private LoggingMain()
    {
    }

    static void worker(final int count)
    {
        System.out.println("count : " + count);
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        ProcessLogging.logToStderr(Level.INFO); // children inherit the switch
        for (int i = 0; i < 5; i++)
        {
            new ChildProcess(LoggingMain::worker, i).start();
        }
    }
}
