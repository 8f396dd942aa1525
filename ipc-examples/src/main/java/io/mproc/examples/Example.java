package io.mproc.examples;

import java.util.List;

/**
 * One runnable example: its name on the command line, what it shows, and the class whose {@code main} runs it.
 * <p>
 * Most examples make their shared objects in the runner's context ({@link ExampleContext}), so that
 * {@code --context ignite://...} runs them on a cluster unchanged; those that only start processes run the same
 * anywhere. A few use an object that only shared memory has: they say why ({@link #sharedMemoryOnly()}), and the
 * runner refuses them on another backend rather than quietly running them on shared memory.
 *
 * @param name             on the command line.
 * @param description      one line.
 * @param mainClass        with a {@code public static void main(String[])}.
 * @param sharedMemoryOnly null when the example runs on every backend; else why it cannot run on another one, and
 *                         what to use there.
 */
public record Example(String name, String description, Class<?> mainClass, String sharedMemoryOnly)
{
    private static final List<Example> ALL = List.of(
        new Example("values", "shared Value and Array updated atomically by this process", ValuesMain.class),
        new Example("basic-function", "five child JVMs run a function with an argument", BasicFunctionMain.class),
        new Example("basic-class", "five child JVMs run a task class with an argument", BasicClassMain.class),
        new Example("logging", "lifecycle logging of five children, as Python's log_to_stderr()", LoggingMain.class),
        new Example("daemon", "a daemon child ends when its parent exits", DaemonMain.class),
        new Example("daemon-join", "a daemon child joined by its parent", DaemonJoinMain.class),
        new Example("process-exit", "exit codes: success, System.exit(1), terminated (Python's -15)", ProcessExitMain.class),
        new Example("shared-memory", "a child updates a shared Value and Array", SharedMemoryMain.class),
        new Example("event", "two children wait on two Events that the parent and the first child set", EventMain.class),
        new Example("cowork", "two children take work from a shared total under the value's lock", CoworkMain.class),
        new Example("queue", "one child puts Hello World on a shared queue, another takes it", QueueMain.class),
        new Example("pipe", "a child sends Hello World to its parent through a pipe", PipeMain.class),
        new Example("pool", "a pool of worker JVMs maps x * 2 over 0..9", PoolMain.class),
        new Example("return-coroutine", "a worker's return value through a Future, values streamed back by imap",
            ReturnCoroutineMain.class),
        new Example("server-process", "a value, dict, list and array a worker reads and changes (a Manager's)",
            ServerProcessMain.class),
        new Example("journal", "a durable journal: replay after the writer exits, two workers share tasks",
            JournalMain.class, "a Journal is a file on this machine (Chronicle Queue), which the cluster backend " +
            "has no twin of; on a cluster, use a queue (transactional: it loses no acknowledged item)"));

    /**
     * An example that runs on every backend.
     */
    Example(final String name, final String description, final Class<?> mainClass)
    {
        this(name, description, mainClass, null);
    }

    /**
     * @return every example, in the order of the list.
     */
    public static List<Example> all()
    {
        return ALL;
    }

    /**
     * @param name of an example.
     * @return the example, or null.
     */
    public static Example byName(final String name)
    {
        for (final Example example : ALL)
        {
            if (example.name().equals(name))
            {
                return example;
            }
        }
        return null;
    }
}
