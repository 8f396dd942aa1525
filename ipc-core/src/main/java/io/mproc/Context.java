package io.mproc;

import io.mproc.pool.Pool;
import io.mproc.process.ChildProcess;
import io.mproc.process.SerializableBiConsumer;
import io.mproc.process.SerializableConsumer;
import io.mproc.process.SerializableRunnable;
import io.mproc.queue.SharedPipe;
import io.mproc.sync.SharedBarrier;
import io.mproc.sync.SharedCondition;
import io.mproc.sync.SharedEvent;
import io.mproc.sync.SharedSemaphore;
import io.mproc.value.SharedDouble;
import io.mproc.value.SharedLong;
import io.mproc.value.SharedLongArray;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.Lock;

/**
 * mproc's front door, the twin of Python's {@code multiprocessing} module and its {@code get_context()}: one
 * object from which a program gets every shared primitive, for one namespace, with the options in one place
 * ({@link ContextOptions}). Two backends implement it: shared memory on this machine (a {@code Namespace} on
 * {@code /dev/shm}) and, in the {@code ipc-cluster} module, an Apache Ignite cluster. A program written against
 * this interface runs on either; see {@link Multiprocessing} for how to open one.
 * <p>
 * Named objects are created on first use and opened by every later caller of the same name, in any process
 * of the same namespace or cluster. An initial value or a number of permits applies only when the call creates
 * the object; a length or a number of parties is part of what the object is, so opening an existing array or
 * barrier with another one fails with an exception naming both (rather than quietly handing back an object of
 * another shape). Closing a handle, or the context, leaves the shared object in place for the other processes.
 */
public interface Context extends AutoCloseable
{
    /** @return the backend's name: {@code "shm"} for shared memory on this machine, {@code "ignite"} for a cluster. */
    String backend();

    /** @return the options every object of this context is made with. */
    ContextOptions options();

    /** Python's {@code Value('q', initialValue)}: a shared long. */
    SharedLong longValue(String name, long initialValue);

    /** Python's {@code Value('d', initialValue)}: a shared double. */
    SharedDouble doubleValue(String name, double initialValue);

    /** Python's {@code Array('q', length)}: a shared array of longs, all 0 when created. */
    SharedLongArray longArray(String name, int length);

    /** Python's {@code Lock()}: not reentrant; released by a dead owner's survivors. */
    Lock lock(String name);

    /** Python's {@code RLock()}: reentrant. */
    Lock rlock(String name);

    /** Python's {@code Condition()}, with its own reentrant lock. */
    SharedCondition condition(String name);

    /** Python's {@code Semaphore(permits)}. */
    SharedSemaphore semaphore(String name, int permits);

    /** Python's {@code Event()}. */
    SharedEvent event(String name);

    /** Python's {@code Barrier(parties)}. */
    SharedBarrier barrier(String name, int parties);

    /** Python's {@code Queue()}: any ordinary Java value, from any number of producers to any number of consumers. */
    <E> BlockingQueue<E> queue(String name);

    /**
     * Python's {@code Pipe()}: a new duplex pipe. Keep one end and hand the other to a child process (its argument).
     * Unlike the other objects, a pipe is made once: its two ends belong to two processes.
     *
     * @throws RuntimeException when the name is taken (on shared memory a {@code RegionExistsException}, on a cluster
     *                          an {@code IllegalStateException}), naming it.
     */
    default SharedPipe pipe(final String name)
    {
        return pipe(name, true);
    }

    /** Python's {@code Pipe(duplex)}: false for a one-way pipe, whose left end receives and right end sends. */
    SharedPipe pipe(String name, boolean duplex);

    /** Python's {@code Pool()}: as many workers as {@link ContextOptions#workers()} says. */
    Pool pool();

    /** Python's {@code Pool(workers)}. */
    Pool pool(int workers);

    /** Python's {@code Manager().dict()}: a map every process of the context sees, by name. */
    <K, V> Map<K, V> dict(String name);

    /** Python's {@code Manager().list()}: a list every process of the context sees, by name. */
    <E> List<E> list(String name);

    /**
     * Python's {@code Process(target=task)}: a child JVM on this machine that runs the task, whatever the backend;
     * not started yet ({@link ChildProcess#start()}). The task travels to the child by serialisation, and so do the
     * handles it captures: a backend's handles travel by name and arrive open on the same objects. A task that needs
     * the context itself opens it again in the child, with {@link Multiprocessing#context(String)}.
     *
     * @param task to run in the child.
     * @return the child process, to configure and start.
     */
    default ChildProcess process(final SerializableRunnable task)
    {
        return new ChildProcess(task);
    }

    /**
     * Python's {@code Process(target=task, args=(argument,))}; see {@link #process(SerializableRunnable)}.
     *
     * @param task     to run in the child.
     * @param argument for the task; travels by serialisation.
     * @return the child process, to configure and start.
     */
    default <T> ChildProcess process(final SerializableConsumer<T> task, final T argument)
    {
        return new ChildProcess(task, argument);
    }

    /**
     * Python's {@code Process(target=task, args=(first, second))}; see {@link #process(SerializableRunnable)}.
     *
     * @param task   to run in the child.
     * @param first  argument for the task.
     * @param second argument for the task.
     * @return the child process, to configure and start.
     */
    default <T, U> ChildProcess process(final SerializableBiConsumer<T, U> task, final T first, final U second)
    {
        return new ChildProcess(task, first, second);
    }

    /**
     * Closes the handles and services this context opened in this process (pools, manager connections);
     * the shared objects stay for the other processes.
     */
    @Override
    void close();
}
