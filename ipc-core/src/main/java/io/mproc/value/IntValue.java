package io.mproc.value;

import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;
import io.mproc.memory.RegionSpec;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * An {@code int} shared between processes, like {@link java.util.concurrent.atomic.AtomicInteger}: {@link #get()}
 * and {@link #set(int)} are volatile, and the read-modify-write operations are atomic across processes.
 * Safe for any number of threads and processes.
 */
public final class IntValue extends Value
{
    private static final long serialVersionUID = 1L;
    private static final RegionSpec SPEC = ValueDescriptor.spec(ElementType.INT);

    private IntValue(final MappedRegion region)
    {
        super(region);
    }

    /** Creates a new value; fails if the name exists. */
    public static IntValue create(final Namespace namespace, final String name, final int initialValue)
    {
        return open(namespace, name, OpenMode.CREATE, initialValue);
    }

    /** Opens the value of that name, creating it with {@code initialValue} if it does not exist. */
    public static IntValue createOrOpen(final Namespace namespace, final String name, final int initialValue)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, initialValue);
    }

    /** Opens an existing value. */
    public static IntValue open(final Namespace namespace, final String name)
    {
        return open(namespace, name, OpenMode.OPEN, 0);
    }

    /**
     * The one factory the others call: gets the value's file as {@code mode} says.
     *
     * @param namespace    of the value.
     * @param name         of the value.
     * @param mode         create, open or create-or-open.
     * @param initialValue of the value, used only if this call creates it.
     * @return the value.
     */
    public static IntValue open(final Namespace namespace, final String name, final OpenMode mode, final int initialValue)
    {
        return new IntValue(mode.region(namespace, name, SPEC, SPEC, (b, offset, length) -> b.putInt(offset, initialValue)));
    }

    /**
     * @return the value, with volatile semantics.
     */
    public int get()
    {
        ensureOpen();
        return buffer.getIntVolatile(valueIndex);
    }

    /**
     * @return the value, with acquire semantics.
     */
    public int getAcquire()
    {
        ensureOpen();
        return buffer.getIntAcquire(valueIndex);
    }

    /**
     * @param value to store, with volatile semantics.
     */
    public void set(final int value)
    {
        ensureOpen();
        buffer.putIntVolatile(valueIndex, value);
    }

    /**
     * @param value to store, with release semantics (cheaper than {@link #set(int)}; like {@code lazySet}).
     */
    public void setRelease(final int value)
    {
        ensureOpen();
        buffer.putIntRelease(valueIndex, value);
    }

    /**
     * @param delta to add.
     * @return the value before the addition.
     */
    public int getAndAdd(final int delta)
    {
        ensureOpen();
        return buffer.getAndAddInt(valueIndex, delta);
    }

    /**
     * @param delta to add.
     * @return the value after the addition.
     */
    public int addAndGet(final int delta)
    {
        ensureOpen();
        return buffer.getAndAddInt(valueIndex, delta) + delta;
    }

    /**
     * @return the value after adding one.
     */
    public int incrementAndGet()
    {
        return addAndGet(1);
    }

    /**
     * @return the value after subtracting one.
     */
    public int decrementAndGet()
    {
        return addAndGet(-1);
    }

    /**
     * @param value to store.
     * @return the value before.
     */
    public int getAndSet(final int value)
    {
        ensureOpen();
        return buffer.getAndSetInt(valueIndex, value);
    }

    /**
     * @param expectedValue the value must have.
     * @param updateValue   to store if it has.
     * @return true when the value was updated.
     */
    public boolean compareAndSet(final int expectedValue, final int updateValue)
    {
        ensureOpen();
        return buffer.compareAndSetInt(valueIndex, expectedValue, updateValue);
    }

    /**
     * Applies a side-effect-free function atomically, retrying when another process updated the value meanwhile.
     *
     * @param function to apply; may run more than once.
     * @return the updated value.
     */
    public int updateAndGet(final IntUnaryOperator function)
    {
        ensureOpen();
        while (true)
        {
            final int current = buffer.getIntVolatile(valueIndex);
            final int updated = function.applyAsInt(current);
            if (buffer.compareAndSetInt(valueIndex, current, updated))
            {
                return updated;
            }
        }
    }

    /**
     * Applies a side-effect-free function atomically, retrying when another process updated the value meanwhile.
     *
     * @param function to apply; may run more than once.
     * @return the value before the update.
     */
    public int getAndUpdate(final IntUnaryOperator function)
    {
        ensureOpen();
        while (true)
        {
            final int current = buffer.getIntVolatile(valueIndex);
            if (buffer.compareAndSetInt(valueIndex, current, function.applyAsInt(current)))
            {
                return current;
            }
        }
    }

    /**
     * @param x        the second operand.
     * @param function combining the current value and {@code x}; side-effect free, may run more than once.
     * @return the updated value.
     */
    public int accumulateAndGet(final int x, final IntBinaryOperator function)
    {
        return updateAndGet((current) -> function.applyAsInt(current, x));
    }

    public String toString()
    {
        return "IntValue{name=" + name() + (isClosed() ? ", closed" : ", value=" + get()) + '}';
    }
}
