package io.mproc.value;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Separate JVMs update one shared value and one shared array element at once: no update may be lost.
 */
class ValueMultiProcessTest extends MultiProcessTest
{
    private static final int INCREMENTS_PER_PROCESS = 200_000;
    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killChildren()
    {
        children.forEach(ChildJvm::close); // before the fixture deletes the namespace
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    @Timeout(120)
    void shouldNotLoseAtomicIncrementsFromSeveralProcesses(final int processes)
    {
        final LongValue counter = LongValue.create(namespace, "counter", 0);
        final IntArray array = IntArray.create(namespace, "array", 8);
        final DoubleValue sum = DoubleValue.create(namespace, "sum", 0.0);

        for (int i = 0; i < processes; i++)
        {
            children.add(ChildJvm.start(IncrementMain.class, namespace.directory().toString(),
                Integer.toString(INCREMENTS_PER_PROCESS)));
        }
        for (final ChildJvm child : children)
        {
            child.assertSuccess(Duration.ofSeconds(90));
        }

        assertEquals((long)processes * INCREMENTS_PER_PROCESS, counter.get());
        assertEquals(processes * INCREMENTS_PER_PROCESS, array.getVolatile(3));
        assertEquals(processes * 1000.0, sum.get());
    }

    /**
     * Child: opens the objects by name and increments them.
     */
    public static final class IncrementMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            final int increments = Integer.parseInt(args[1]);
            try (Namespace namespace = Namespace.open(Paths.get(args[0])))
            {
                final LongValue counter = LongValue.open(namespace, "counter");
                final IntArray array = IntArray.open(namespace, "array");
                final DoubleValue sum = DoubleValue.open(namespace, "sum");
                for (int i = 0; i < increments; i++)
                {
                    counter.incrementAndGet();
                    array.getAndAdd(3, 1);
                }
                for (int i = 0; i < 1000; i++)
                {
                    sum.getAndAdd(1.0);
                }
            }
        }
    }
}
