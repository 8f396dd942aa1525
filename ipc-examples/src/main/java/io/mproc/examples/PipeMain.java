package io.mproc.examples;

import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;
import io.mproc.queue.Connection;
import io.mproc.queue.Pipe;

/**
 * Python's {@code process_pipe.py}: a child sends "Hello World" through a pipe and closes its end; the parent
 * receives it. Had the child died instead, {@code recv} would throw {@link java.io.EOFException} rather than hang.
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

    static void child(final Connection connection) throws Exception
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
        try (Namespace namespace = Namespace.temporary(); Pipe pipe = Pipe.create(namespace, "pipe"))
        {
            final Connection parentEnd = pipe.left();
            final ChildProcess process = new ChildProcess(PipeMain::child, pipe.right()).name("child");
            process.start();
            System.out.println("Recieved message : " + parentEnd.recv()); // sic, as the Python original
            process.join();
        }
    }
}
