package io.mproc.value;

import io.mproc.memory.LengthMismatchException;
import io.mproc.memory.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every array kind has the same factories: {@code create} and {@code createOrOpen}, each from a length (zeros) or from
 * initial values, and {@code open}. Initial values apply only to the process that creates the array, as a scalar
 * value's initial value does.
 */
class ArrayFactoriesTest
{
    private Namespace namespace;

    @BeforeEach
    void setUp()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void tearDown()
    {
        namespace.close();
    }

    @Test
    void shouldCreateOrOpenIntArrayFromValues()
    {
        assertArrayEquals(new int[]{1, 2, 3}, IntArray.createOrOpen(namespace, "a", new int[]{1, 2, 3}).toArray());
        assertArrayEquals(new int[]{1, 2, 3}, IntArray.createOrOpen(namespace, "a", new int[]{7, 8, 9}).toArray(),
            "an existing array keeps its elements");
        assertArrayEquals(new int[]{0, 0}, IntArray.createOrOpen(namespace, "zeros", 2).toArray());
        assertLengthMismatch(3, () -> IntArray.createOrOpen(namespace, "a", new int[]{1, 2}));
        assertNullValuesRefused(() -> IntArray.createOrOpen(namespace, "b", (int[])null));
        assertNullValuesRefused(() -> IntArray.create(namespace, "b", (int[])null));
    }

    @Test
    void shouldCreateOrOpenLongArrayFromValues()
    {
        assertArrayEquals(new long[]{1, 2, 3}, LongArray.createOrOpen(namespace, "a", new long[]{1, 2, 3}).toArray());
        assertArrayEquals(new long[]{1, 2, 3}, LongArray.createOrOpen(namespace, "a", new long[]{7, 8, 9}).toArray(),
            "an existing array keeps its elements");
        assertArrayEquals(new long[]{0, 0}, LongArray.createOrOpen(namespace, "zeros", 2).toArray());
        assertLengthMismatch(3, () -> LongArray.createOrOpen(namespace, "a", new long[]{1, 2}));
        assertNullValuesRefused(() -> LongArray.createOrOpen(namespace, "b", (long[])null));
        assertNullValuesRefused(() -> LongArray.create(namespace, "b", (long[])null));
    }

    @Test
    void shouldCreateOrOpenDoubleArrayFromValues()
    {
        assertArrayEquals(new double[]{0.5, 1.5},
            DoubleArray.createOrOpen(namespace, "a", new double[]{0.5, 1.5}).toArray());
        assertArrayEquals(new double[]{0.5, 1.5},
            DoubleArray.createOrOpen(namespace, "a", new double[]{7, 8}).toArray(), "an existing array keeps its elements");
        assertArrayEquals(new double[]{0, 0}, DoubleArray.createOrOpen(namespace, "zeros", 2).toArray());
        assertLengthMismatch(2, () -> DoubleArray.createOrOpen(namespace, "a", new double[]{1}));
        assertNullValuesRefused(() -> DoubleArray.createOrOpen(namespace, "b", (double[])null));
        assertNullValuesRefused(() -> DoubleArray.create(namespace, "b", (double[])null));
    }

    @Test
    void shouldCreateOrOpenByteArrayFromValues()
    {
        assertArrayEquals(new byte[]{1, 2, 3}, ByteArray.createOrOpen(namespace, "a", new byte[]{1, 2, 3}).toArray());
        assertArrayEquals(new byte[]{1, 2, 3}, ByteArray.createOrOpen(namespace, "a", new byte[]{7, 8, 9}).toArray(),
            "an existing array keeps its elements");
        assertArrayEquals(new byte[]{0, 0}, ByteArray.createOrOpen(namespace, "zeros", 2).toArray());
        assertLengthMismatch(3, () -> ByteArray.createOrOpen(namespace, "a", new byte[]{1, 2}));
        assertNullValuesRefused(() -> ByteArray.createOrOpen(namespace, "b", (byte[])null));
        assertNullValuesRefused(() -> ByteArray.create(namespace, "b", (byte[])null));
    }

    private static void assertLengthMismatch(final int existingLength, final Runnable createOrOpen)
    {
        final LengthMismatchException thrown = assertThrows(LengthMismatchException.class, createOrOpen::run);
        assertEquals(Integer.toString(existingLength), thrown.actual(), thrown.getMessage());
    }

    private static void assertNullValuesRefused(final Runnable factory)
    {
        final NullPointerException thrown = assertThrows(NullPointerException.class, factory::run);
        assertTrue(String.valueOf(thrown.getMessage()).contains("values"), String.valueOf(thrown.getMessage()));
    }
}
