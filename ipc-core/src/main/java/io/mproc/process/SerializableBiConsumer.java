package io.mproc.process;

import java.io.Serializable;

/**
 * A task with two arguments: Python's {@code Process(target=f, args=(x, y))}. The arguments travel with the
 * task, by serialisation; shared object arguments arrive as live handles on the same memory.
 *
 * @param <T> type of the first argument.
 * @param <U> type of the second argument.
 */
@FunctionalInterface
public interface SerializableBiConsumer<T, U> extends Serializable
{
    /**
     * The body of the child process.
     *
     * @param first  argument given to the {@link ChildProcess} constructor.
     * @param second argument given to the {@link ChildProcess} constructor.
     * @throws Exception to fail the child with exit code 1.
     */
    void accept(T first, U second) throws Exception;
}
