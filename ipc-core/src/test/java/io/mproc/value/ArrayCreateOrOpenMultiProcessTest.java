package io.mproc.value;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * {@code createOrOpen} from initial values in two JVMs: the JVM that creates the array sets its elements; the other
 * opens it as it is, whatever values it passed.
 */
class ArrayCreateOrOpenMultiProcessTest extends MultiProcessTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @Timeout(120)
    void shouldKeepTheCreatorsValuesWhenAnotherProcessCreatesOrOpens()
    {
        child = ChildJvm.start(CreateOrOpenMain.class, namespace.directory().toString());
        child.awaitLine("created", WAIT);
        child.assertSuccess(WAIT);

        final IntArray ints = IntArray.createOrOpen(namespace, "ints", new int[]{9, 9, 9});
        final LongArray longs = LongArray.createOrOpen(namespace, "longs", new long[]{9, 9});
        final DoubleArray doubles = DoubleArray.createOrOpen(namespace, "doubles", new double[]{9.0});
        final ByteArray bytes = ByteArray.createOrOpen(namespace, "bytes", new byte[]{9, 9, 9, 9});

        assertArrayEquals(new int[]{1, 2, 3}, ints.toArray());
        assertArrayEquals(new long[]{4, 5}, longs.toArray());
        assertArrayEquals(new double[]{6.5}, doubles.toArray());
        assertArrayEquals(new byte[]{7, 8, 9, 10}, bytes.toArray());
    }

    /**
     * Child: creates the arrays from its values, then says so.
     */
    public static final class CreateOrOpenMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            try (Namespace namespace = Namespace.open(Paths.get(args[0])))
            {
                IntArray.createOrOpen(namespace, "ints", new int[]{1, 2, 3});
                LongArray.createOrOpen(namespace, "longs", new long[]{4, 5});
                DoubleArray.createOrOpen(namespace, "doubles", new double[]{6.5});
                ByteArray.createOrOpen(namespace, "bytes", new byte[]{7, 8, 9, 10});
                System.out.println("created");
                System.out.flush();
            }
        }
    }
}
