package io.mproc.examples;

import io.mproc.process.ChildProcess;
import io.mproc.process.CurrentProcess;
import io.mproc.process.SerializableRunnable;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code class Worker(Process)} with its own {@code run()}: here a task class, whose fields travel to the
 * child by serialisation; five children, each printing its name, argument and pids.
 */
public final class BasicClassMain
{
    private BasicClassMain()
    {
    }

    /**
     * The task: what a Python subclass of {@code Process} puts in {@code __init__} and {@code run()}.
     */
    static final class Worker implements SerializableRunnable
    {
        private static final long serialVersionUID = 1L;
        private final int number;

        Worker(final int number)
        {
            this.number = number;
        }

        public void run()
        {
            final CurrentProcess self = ChildProcess.current();
            System.out.print("name : " + self.name() + ", argument : " + number + "\n" +
                "parent pid : " + self.parentPid() + ", pid : " + self.pid() + "\n\n"); // one print: see BasicFunctionMain
        }
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
            final ChildProcess process = new ChildProcess(new Worker(i)).name("process " + i);
            process.start();
            processes.add(process);
        }
        for (final ChildProcess process : processes)
        {
            process.join();
        }
    }
}
