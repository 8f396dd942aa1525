package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.ProcessLogging;
import org.slf4j.event.Level;

/**
 * Python's {@code logging_and_multiprocessing.py}, {@code multiprocessing.log_to_stderr()}: five children print a
 * count, and the lifecycle of each one is logged on stderr as {@code [INFO/Process-1] child process calling
 * self.run()}. The parent does not join them: at its exit it logs {@code process shutting down} and joins each child
 * that still runs ({@code calling join() for process Process-N}), as Python does. The original sets the level to
 * DEBUG, whose extra lines are about Python's own "atexit" finalizers (mproc's DEBUG lines are its own: each child's
 * command line), so this twin logs at INFO.
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
