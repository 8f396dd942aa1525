package io.mproc.value;

import io.mproc.memory.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueTest
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
    void shouldUpdateLongValueAtomically()
    {
        final LongValue value = LongValue.create(namespace, "long", 5);
        assertEquals(5, value.getAndAdd(2));
        assertEquals(10, value.addAndGet(3));
        assertEquals(11, value.incrementAndGet());
        assertEquals(10, value.decrementAndGet());
        assertTrue(value.compareAndSet(10, 20));
        assertFalse(value.compareAndSet(10, 30));
        assertEquals(20, value.getAndSet(1));
        assertEquals(4, value.updateAndGet((v) -> v * 4));
        assertEquals(4, value.getAndUpdate((v) -> v + 1));
        assertEquals(50, value.accumulateAndGet(10, (a, b) -> a * b));
        value.setRelease(-1);
        assertEquals(-1, value.getAcquire());
        value.set(Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, value.get());
    }

    @Test
    void shouldUpdateIntValueAtomically()
    {
        final IntValue value = IntValue.create(namespace, "int", 5);
        assertEquals(5, value.getAndAdd(2));
        assertEquals(8, value.incrementAndGet());
        assertTrue(value.compareAndSet(8, Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE, value.get());
        assertEquals(Integer.MAX_VALUE, value.getAndSet(0));
        assertEquals(7, value.updateAndGet((v) -> v + 7));
    }

    @Test
    void shouldUpdateDoubleValueAtomically()
    {
        final DoubleValue value = DoubleValue.create(namespace, "double", 1.5);
        assertEquals(1.5, value.getAndAdd(1.0));
        assertEquals(3.0, value.addAndGet(0.5));
        assertTrue(value.compareAndSet(3.0, Double.NaN));
        assertTrue(value.compareAndSet(Double.NaN, -0.0));
        assertFalse(value.compareAndSet(0.0, 1.0), "compares bit patterns: 0.0 is not -0.0");
        assertEquals(-0.0, value.getAndSet(2.0));
        assertEquals(6.0, value.updateAndGet((v) -> v * 3));
    }

    @Test
    void shouldUpdateBooleanValueAtomically()
    {
        final BooleanValue value = BooleanValue.create(namespace, "flag", false);
        assertFalse(value.get());
        assertTrue(value.compareAndSet(false, true));
        assertFalse(value.compareAndSet(false, true));
        assertTrue(value.getAndSet(false));
        value.set(true);
        assertTrue(BooleanValue.open(namespace, "flag").get());
    }

    @Test
    void shouldReadAndWriteArrayElements()
    {
        final LongArray longs = LongArray.create(namespace, "longs", new long[]{1, 2, 3});
        assertEquals(3, longs.length());
        longs.set(0, 10);
        longs.setVolatile(1, 20);
        longs.setRelease(2, 30);
        assertEquals(10, longs.getVolatile(0));
        assertEquals(20, longs.getAndAdd(1, 1));
        assertEquals(22, longs.addAndGet(1, 1));
        assertEquals(23, longs.incrementAndGet(1));
        assertTrue(longs.compareAndSet(2, 30, 31));
        assertEquals(31, longs.getAndSet(2, 32));
        assertArrayEquals(new long[]{10, 23, 32}, longs.toArray());

        final IntArray ints = IntArray.create(namespace, "ints", 4);
        ints.copyFrom(1, new int[]{9, 8, 7, 6}, 1, 3);
        assertArrayEquals(new int[]{0, 8, 7, 6}, ints.toArray());
        final int[] out = new int[5];
        ints.copyTo(2, out, 3, 2);
        assertArrayEquals(new int[]{0, 0, 0, 7, 6}, out);

        final DoubleArray doubles = DoubleArray.create(namespace, "doubles", new double[]{0.5, 1.5});
        doubles.setVolatile(1, 2.5);
        assertEquals(2.5, doubles.get(1));
        assertArrayEquals(new double[]{0.5, 2.5}, doubles.toArray());

        final ByteArray bytes = ByteArray.create(namespace, "bytes", new byte[]{1, 2, 3, 4, 5});
        bytes.setVolatile(0, (byte)-1);
        assertEquals(-1, bytes.getVolatile(0));
        final byte[] copy = new byte[3];
        bytes.copyTo(2, copy, 0, 3);
        assertArrayEquals(new byte[]{3, 4, 5}, copy);
        assertEquals(5, ByteArray.open(namespace, "bytes").length());
    }

    @Test
    void shouldNameIndexAndLengthWhenOutOfRange()
    {
        final IntArray ints = IntArray.create(namespace, "bounded", 3);
        IndexOutOfBoundsException ex = assertThrows(IndexOutOfBoundsException.class, () -> ints.get(3));
        assertEquals("index=3, length=3", ex.getMessage());
        ex = assertThrows(IndexOutOfBoundsException.class, () -> ints.set(-1, 0));
        assertEquals("index=-1, length=3", ex.getMessage());
        ex = assertThrows(IndexOutOfBoundsException.class, () -> ints.getAndAdd(7, 1));
        assertEquals("index=7, length=3", ex.getMessage());
        ex = assertThrows(IndexOutOfBoundsException.class, () -> ints.copyTo(2, new int[5], 0, 2));
        assertEquals("index=2, count=2, length=3", ex.getMessage());
        ex = assertThrows(IndexOutOfBoundsException.class, () -> ints.copyFrom(0, new int[2], 1, 2));
        assertEquals("arrayOffset=1, count=2, arrayLength=2", ex.getMessage());

        final ByteArray empty = ByteArray.create(namespace, "empty", 0);
        assertEquals(0, empty.length());
        assertThrows(IndexOutOfBoundsException.class, () -> empty.get(0));
    }
}
