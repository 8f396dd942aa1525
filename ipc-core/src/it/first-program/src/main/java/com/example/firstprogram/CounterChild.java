package com.example.firstprogram;

import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;
import io.mproc.value.LongValue;

import java.time.Duration;

/**
 * Starts a child JVM that adds to a shared counter. ChildFromClassLoaderTest calls it through a class loader of its
 * own, so the child must find this class (the task's) without it being on {@code java.class.path}.
 */
public final class CounterChild
{
    private CounterChild()
    {
    }

    /**
     * @param add what the child adds to the counter.
     * @return the counter after the child ended: {@code add} when the child ran the task.
     * @throws Exception when the child cannot be started or does not end within a minute.
     */
    public static long runChildThatAdds(final long add) throws Exception
    {
        try (Namespace namespace = Namespace.temporary())
        {
            final LongValue counter = LongValue.create(namespace, "counter", 0);
            try (ChildProcess child = new ChildProcess((LongValue value) -> value.addAndGet(add), counter))
            {
                child.start();
                if (!child.join(Duration.ofMinutes(1)))
                {
                    throw new IllegalStateException("the child did not end within a minute: " + child);
                }
                if (child.exitCode().orElse(-1) != 0)
                {
                    throw new IllegalStateException("the child failed: " + child);
                }
            }
            return counter.get();
        }
    }
}
