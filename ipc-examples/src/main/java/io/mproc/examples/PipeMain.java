package io.mproc.examples;

import io.mproc.Context;
import io.mproc.process.ChildProcess;
import io.mproc.queue.SharedConnection;
import io.mproc.queue.SharedPipe;

/**
 * Python's {@code process_pipe.py}: a child sends "Hello World" through a pipe and closes its end; the parent
 * receives it. Had the child died instead, {@code recv} would throw {@link java.io.EOFException} rather than hang.
 * The pipe comes from the front door ({@link Context}): on shared memory two rings in one file, on a cluster two
 * cluster queues.
 * <p>
 * The child prints its line just before it sends, where the original prints just after: the original's child line
 * comes first only because its parent is slower to wake from {@code recv} than the child is to print; here the
 * order is the same every time.
 */
public final class PipeMain
{
    private PipeMain()
    {
    }

    static void child(final SharedConnection connection) throws Exception
    {
        final String message = "Hello World";
        System.out.println("[" + ChildProcess.current().name() + "] Send a message to pipe : " + message);
        connection.send(message);
        connection.close();
    }

    /**
     * @param args none.
     * @throws Exception if the pipe breaks or the join is interrupted.
     */
    public static void main(final String[] args) throws Exception
    {
        try (Context mp = ExampleContext.open(); // by default a temporary namespace, deleted with its files at the end
             SharedPipe pipe = mp.pipe(ExampleContext.name("pipe")))
        {
            final SharedConnection parentEnd = pipe.left();
            // The right end travels to the child by name and arrives there as a live end, held by the child.
            final ChildProcess process = mp.process(PipeMain::child, pipe.right()).name("child");
            process.start();
            System.out.println("Recieved message : " + parentEnd.recv()); // sic, as the Python original
            process.join();
        }
    }
}
