package io.mproc.process;

import java.io.Serializable;

/**
 * A task that a {@link ChildProcess} runs in a new JVM: Python's {@code Process(target=f)}.
 * <p>
 * The task object, and everything it captures, travels to the child by Java serialisation, so a lambda or class
 * implementing this interface must only capture serialisable values. Shared objects ({@code LongValue},
 * {@code IntArray}, ...) travel by name and arrive as live handles on the same memory. {@link #run()} may throw:
 * the child then prints the stack trace on its stderr and exits with code 1.
 */
@FunctionalInterface
public interface SerializableRunnable extends Serializable
{
    /**
     * The body of the child process.
     *
     * @throws Exception to fail the child with exit code 1.
     */
    void run() throws Exception;
}
