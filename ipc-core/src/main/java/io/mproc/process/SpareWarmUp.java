package io.mproc.process;

import io.mproc.internal.ProcessIdentity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The start-up work a warm spare ({@link Spare}) does before it waits for its launch: it goes once through what
 * every child goes through after it has read its launch, with a task of its own that does nothing, so that the
 * classes are loaded and linked, and the first lambda is bootstrapped, before the parent needs the child; then the
 * {@link SpareRehearsal}s of the layers above (a pool worker's start-up). It keeps no shared object open, starts no
 * thread that outlives it, changes no state a child sees, and writes nothing.
 */
final class SpareWarmUp
{
    /** Classes a task's shared objects need, loaded (and initialised) ahead: mapping a region is the usual first step. */
    private static final String[] CLASSES = {
        "io.mproc.process.CurrentProcess",
        "io.mproc.process.ChildRegistry",
        "io.mproc.process.TerminationSignal",
        "sun.misc.Signal",
        "org.slf4j.event.Level",
        "io.mproc.memory.SharedObjectRef",
        "io.mproc.memory.MappedRegion",
        "io.mproc.memory.RegionDescriptor",
        "io.mproc.memory.Namespace",
        "org.agrona.concurrent.UnsafeBuffer",
        "org.agrona.IoUtil",
        "java.nio.channels.FileChannel",
        "io.mproc.internal.Futex", // loads JNA's native library: ~100 ms of CPU a child would pay at its first wait
    };

    private SpareWarmUp()
    {
    }

    /**
     * Does the work; whatever fails is left for the child to meet, as a cold child would.
     */
    static void run()
    {
        try
        {
            ProcessIdentity.currentStartTime();
            new StatusLine.Writer(StatusLine.newToken()); // creates, does not write
            exercise(ChildTask.of(SpareWarmUp::staticTask));
            final List<Object> captured = new ArrayList<>(); // not a simple value: the task goes by serialisation
            exercise(ChildTask.of(() -> serializedTask(captured)));
            final ClassLoader loader = SpareWarmUp.class.getClassLoader();
            for (final String name : CLASSES)
            {
                Class.forName(name, true, loader);
            }
            ProcessLogging.isEnabled(org.slf4j.event.Level.INFO);
            final Thread hook = new Thread("mproc-spare-warm-up");
            Runtime.getRuntime().addShutdownHook(hook); // what a child adds first: loads the JVM's hook classes
            Runtime.getRuntime().removeShutdownHook(hook);
            // A task's first println: the charset encoder of System.out, exercised on a stream that goes nowhere.
            new PrintStream(OutputStream.nullOutputStream(), true).println(Long.toString(System.nanoTime()));
        }
        catch (final Throwable ignore)
        {
            // a class missing from the class path: the child will report it if its task needs it
        }
        rehearse();
    }

    /**
     * Runs the {@link SpareRehearsal}s of the layers above, each task the whole way a child's task goes.
     */
    private static void rehearse()
    {
        try
        {
            final ClassLoader loader = SpareWarmUp.class.getClassLoader();
            for (final SpareRehearsal rehearsal : ServiceLoader.load(SpareRehearsal.class, loader))
            {
                try (rehearsal)
                {
                    exercise(ChildTask.of(rehearsal.task()));
                }
                catch (final Throwable ignore)
                {
                    // skipped: the child meets the failure, if it is real
                }
            }
        }
        catch (final Throwable ignore)
        {
            // a broken service entry: nothing rehearsed
        }
    }

    /**
     * A launch, written and read as between a parent and a child, then its task loaded and run.
     */
    private static void exercise(final ChildTask task) throws Throwable
    {
        final ChildLaunch.Header header = new ChildLaunch.Header("spare", "0", false, 0, 0, "", StatusLine.newToken());
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        task.launch(header).writeTo(bytes);
        final ChildLaunch launch = ChildLaunch.readFrom(new ByteArrayInputStream(bytes.toByteArray()));
        if (null != launch.call())
        {
            launch.call().bind().invoke();
        }
        else
        {
            ((SerializableRunnable)TaskSerialization.deserialize(launch.task())).run();
        }
    }

    private static void staticTask()
    {
        // nothing: only its way through the launch matters
    }

    private static void serializedTask(final List<Object> captured)
    {
        captured.clear();
    }
}
