package io.mproc.process;

import java.io.Serializable;

/**
 * A task with one argument: Python's {@code Process(target=f, args=(x,))}. The argument travels with the task,
 * by serialisation; a shared object argument arrives as a live handle on the same memory.
 *
 * @param <T> type of the argument.
 */
@FunctionalInterface
public interface SerializableConsumer<T> extends Serializable
{
    /**
     * The body of the child process.
     *
     * @param argument given to the {@link ChildProcess} constructor.
     * @throws Exception to fail the child with exit code 1.
     */
    void accept(T argument) throws Exception;
}
