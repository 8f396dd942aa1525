package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.CurrentProcess;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's basic {@code Process(target=f, args=(i,))}: five child JVMs, each running a static method with its own
 * argument and printing its name and the pids of itself and its parent.
 */
public final class BasicFunctionMain
{
    private BasicFunctionMain()
    {
    }

    /**
     * Runs in each child: the method reference travels to the child with its argument.
     *
     * @param number the argument given to this process.
     */
    static void worker(final int number)
    {
        final CurrentProcess self = ChildProcess.current();
        // One print per child, so that the lines of a child stay together when five children print at once (the
        // original's three prints may interleave with another child's); the blank line is the original's print("").
        System.out.print("name : " + self.name() + ", argument : " + number + "\n" +
            "parent pid : " + self.parentPid() + ", pid : " + self.pid() + "\n\n");
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while joining.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final List<ChildProcess> processes = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            final ChildProcess process = new ChildProcess(BasicFunctionMain::worker, i).name("process " + i);
            process.start();
            processes.add(process);
        }
        for (final ChildProcess process : processes)
        {
            process.join();
        }
    }
}
