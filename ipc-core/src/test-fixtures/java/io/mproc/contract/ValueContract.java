package io.mproc.contract;

import io.mproc.Context;
import io.mproc.test.ChildJvm;
import io.mproc.value.SharedDouble;
import io.mproc.value.SharedLong;
import io.mproc.value.SharedLongArray;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract of {@link Context#longValue}, {@link Context#doubleValue} and {@link Context#longArray}: atomic updates
 * from two processes lose nothing; the initial value or length applies only to the call that creates the object.
 */
public abstract class ValueContract extends ContractTestBase
{
    private static final int INCREMENTS = 2_000;

    @Test
    void longValueOperationsAreAtomicAndTheInitialValueAppliesOnlyOnCreate()
    {
        final String name = name("long");
        try (SharedLong value = context().longValue(name, 10);
             SharedLong again = context().longValue(name, 99))
        {
            assertEquals(name, value.name());
            assertEquals(10, again.get(), "opening an existing value keeps its value");
            assertEquals(11, value.incrementAndGet());
            assertEquals(10, value.decrementAndGet());
            assertEquals(10, value.getAndAdd(5));
            assertEquals(20, value.addAndGet(5));
            assertEquals(20, value.getAndSet(3));
            assertFalse(value.compareAndSet(4, 7));
            assertTrue(value.compareAndSet(3, 7));
            value.set(-1);
            assertEquals(-1, again.get());
        }
    }

    @Test
    void incrementsFromTwoProcessesAreNeverLost()
    {
        final String name = name("counter");
        try (SharedLong counter = context().longValue(name, 0))
        {
            final ChildJvm child = child(ValueContract.class, "incrementLong", name, Integer.toString(INCREMENTS));
            for (int i = 0; i < INCREMENTS; i++)
            {
                counter.incrementAndGet();
            }
            child.assertSuccess(GUARD);
            assertEquals(2L * INCREMENTS, counter.get());
        }
    }

    @Test
    void doubleValueAddsFromTwoProcesses()
    {
        final String name = name("double");
        try (SharedDouble value = context().doubleValue(name, 0.5))
        {
            try (SharedDouble again = context().doubleValue(name, 7.0))
            {
                assertEquals(0.5, again.get(), "opening an existing value keeps its value");
            }
            assertEquals(0.5, value.getAndSet(1.0));
            assertTrue(value.compareAndSet(1.0, 2.0));
            assertFalse(value.compareAndSet(1.0, 3.0));
            assertEquals(2.0, value.getAndAdd(1.0));
            assertEquals(3.5, value.addAndGet(0.5));
            value.set(0.0);
            final ChildJvm child = child(ValueContract.class, "addDouble", name, Integer.toString(INCREMENTS));
            for (int i = 0; i < INCREMENTS; i++)
            {
                value.addAndGet(0.25); // quarters add exactly in binary floating point
            }
            child.assertSuccess(GUARD);
            assertEquals(INCREMENTS * 0.5, value.get());
        }
    }

    @Test
    void longArrayElementsUpdateAtomicallyFromTwoProcesses()
    {
        final String name = name("array");
        try (SharedLongArray array = context().longArray(name, 4))
        {
            assertEquals(4, array.length());
            assertArrayEquals(new long[4], array.toArray(), "a new array is all zeros");
            try (SharedLongArray again = context().longArray(name, 4))
            {
                assertEquals(4, again.length());
            }
            array.set(0, 5);
            assertEquals(5, array.getAndSet(0, 6));
            assertTrue(array.compareAndSet(0, 6, 0));
            assertEquals(0, array.getAndAdd(0, 2));
            assertEquals(0, array.addAndGet(0, -2));
            assertEquals(1, array.incrementAndGet(3));
            array.set(3, 0);
            final ChildJvm child = child(ValueContract.class, "incrementArray", name, Integer.toString(INCREMENTS));
            for (int i = 0; i < INCREMENTS; i++)
            {
                for (int index = 0; index < 4; index++)
                {
                    array.addAndGet(index, index + 1);
                }
            }
            child.assertSuccess(GUARD);
            assertArrayEquals(new long[] {2L * INCREMENTS, 4L * INCREMENTS, 6L * INCREMENTS, 8L * INCREMENTS},
                array.toArray());
        }
    }

    @Test
    void arrayIndexOutOfRangeThrows()
    {
        try (SharedLongArray array = context().longArray(name("bounds"), 2))
        {
            assertThrows(IndexOutOfBoundsException.class, () -> array.get(2));
            assertThrows(IndexOutOfBoundsException.class, () -> array.set(-1, 0));
        }
    }

    static void incrementLong(final Context context, final String[] args)
    {
        try (SharedLong counter = context.longValue(args[0], 0))
        {
            for (int i = Integer.parseInt(args[1]); i > 0; i--)
            {
                counter.incrementAndGet();
            }
        }
    }

    static void addDouble(final Context context, final String[] args)
    {
        try (SharedDouble value = context.doubleValue(args[0], 0))
        {
            for (int i = Integer.parseInt(args[1]); i > 0; i--)
            {
                value.addAndGet(0.25);
            }
        }
    }

    static void incrementArray(final Context context, final String[] args)
    {
        try (SharedLongArray array = context.longArray(args[0], 4))
        {
            for (int i = Integer.parseInt(args[1]); i > 0; i--)
            {
                for (int index = 0; index < 4; index++)
                {
                    array.addAndGet(index, index + 1);
                }
            }
        }
    }
}
