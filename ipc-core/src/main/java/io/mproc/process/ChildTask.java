package io.mproc.process;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * What a child runs: a task (with its arguments bound to it) or an entry class, checked in the parent and encoded
 * for the {@link ChildLaunch} frame.
 *
 * @param task          to run, or null for an entry class.
 * @param mainClass     the entry class, or null for a task.
 * @param mainArgs      arguments of the entry class.
 */
record ChildTask(SerializableRunnable task, Class<?> mainClass, List<String> mainArgs)
{
    static ChildTask of(final SerializableRunnable task)
    {
        return new ChildTask(task, null, List.of());
    }

    static <T> ChildTask of(final SerializableConsumer<T> task, final T argument)
    {
        return of(new BoundTask<>(task, argument));
    }

    static <T, U> ChildTask of(final SerializableBiConsumer<T, U> task, final T first, final U second)
    {
        return of(new BoundTask2<>(task, first, second));
    }

    /**
     * @param mainClass with a {@code public static void main(String[])}.
     * @param args      for it.
     * @return the entry class as a task.
     * @throws IllegalArgumentException when the class has no such {@code main}.
     */
    static ChildTask ofMain(final Class<?> mainClass, final List<String> args)
    {
        checkMain(mainClass);
        return new ChildTask(null, mainClass, args);
    }

    /**
     * Encodes the task, so that bad input fails before any JVM is started: a lambda calling a static method as that
     * static call, anything else by Java serialisation.
     *
     * @param header of the launch: everything but the task.
     * @return the launch frame.
     * @throws IllegalArgumentException when the task is not serialisable, naming the class.
     */
    ChildLaunch launch(final ChildLaunch.Header header)
    {
        final StaticCall call = staticCall();
        final byte[] taskBytes = null == task || null != call ? null : TaskSerialization.serialize(task);
        return new ChildLaunch(header, taskBytes, call, null == mainClass ? null : mainClass.getName(), mainArgs);
    }

    /**
     * @return the classes the child must load to run the task: the task's, its arguments', or the entry class.
     */
    List<Class<?>> classes()
    {
        final List<Class<?>> classes = new ArrayList<>();
        if (null == task)
        {
            classes.add(mainClass);
        }
        else if (task instanceof BoundTask)
        {
            final BoundTask<?> bound = (BoundTask<?>)task;
            addClassesOf(classes, bound.task, bound.argument);
        }
        else if (task instanceof BoundTask2)
        {
            final BoundTask2<?, ?> bound = (BoundTask2<?, ?>)task;
            addClassesOf(classes, bound.task, bound.first, bound.second);
        }
        else
        {
            classes.add(task.getClass());
        }
        return classes;
    }

    private static void addClassesOf(final List<Class<?>> classes, final Object... values)
    {
        for (final Object value : values)
        {
            if (null != value)
            {
                classes.add(value.getClass());
            }
        }
    }

    private StaticCall staticCall()
    {
        if (task instanceof BoundTask)
        {
            final BoundTask<?> bound = (BoundTask<?>)task;
            return StaticCall.of(bound.task, bound.argument);
        }
        if (task instanceof BoundTask2)
        {
            final BoundTask2<?, ?> bound = (BoundTask2<?, ?>)task;
            return StaticCall.of(bound.task, bound.first, bound.second);
        }
        return StaticCall.of(task);
    }

    private static void checkMain(final Class<?> mainClass)
    {
        final Method main;
        try
        {
            main = mainClass.getMethod("main", String[].class);
        }
        catch (final NoSuchMethodException | LinkageError ex)
        {
            throw new IllegalArgumentException(
                "entry class has no public static void main(String[]): mainClass=" + mainClass.getName(), ex);
        }
        if (!Modifier.isStatic(main.getModifiers()) || void.class != main.getReturnType())
        {
            throw new IllegalArgumentException(
                "entry class has no public static void main(String[]): mainClass=" + mainClass.getName());
        }
    }

    /**
     * A task with its argument, so that the child needs only one shape of task. A class, not a record: a record is
     * deserialised through method handles, which costs a child ~10 ms at start-up.
     */
    private static final class BoundTask<T> implements SerializableRunnable
    {
        private static final long serialVersionUID = 1L;
        private final SerializableConsumer<T> task;
        private final T argument;

        BoundTask(final SerializableConsumer<T> task, final T argument)
        {
            this.task = task;
            this.argument = argument;
        }

        public void run() throws Exception
        {
            task.accept(argument);
        }
    }

    /**
     * A task with its two arguments.
     */
    private static final class BoundTask2<T, U> implements SerializableRunnable
    {
        private static final long serialVersionUID = 1L;
        private final SerializableBiConsumer<T, U> task;
        private final T first;
        private final U second;

        BoundTask2(final SerializableBiConsumer<T, U> task, final T first, final U second)
        {
            this.task = task;
            this.first = first;
            this.second = second;
        }

        public void run() throws Exception
        {
            task.accept(first, second);
        }
    }
}
