package io.mproc.value;

import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionSpec;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A {@code long} shared between processes, like {@link java.util.concurrent.atomic.AtomicLong}: {@link #get()}
 * and {@link #set(long)} are volatile, and the read-modify-write operations are atomic across processes.
 * Safe for any number of threads and processes.
 */
public final class LongValue extends Value implements SharedLong
{
    private static final long serialVersionUID = 1L;
    private static final RegionSpec SPEC = ValueDescriptor.spec(ElementType.LONG);

    private LongValue(final MappedRegion region)
    {
        super(region);
    }

    /**
     * Creates a new value; fails if the name exists.
     *
     * @param namespace    to create it in.
     * @param name         of the value.
     * @param initialValue of the value.
     * @return the value.
     */
    public static LongValue create(final Namespace namespace, final String name, final long initialValue)
    {
        return new LongValue(namespace.create(name, SPEC, (b, offset, length) -> b.putLong(offset, initialValue)));
    }

    /**
     * Opens the value of that name, creating it with {@code initialValue} if it does not exist.
     *
     * @param namespace    to open it in.
     * @param name         of the value.
     * @param initialValue used only if this call creates the value.
     * @return the value.
     */
    public static LongValue createOrOpen(final Namespace namespace, final String name, final long initialValue)
    {
        return new LongValue(namespace.createOrOpen(name, SPEC, (b, offset, length) -> b.putLong(offset, initialValue)));
    }

    /**
     * Opens an existing value.
     *
     * @param namespace to open it in.
     * @param name      of the value.
     * @return the value.
     */
    public static LongValue open(final Namespace namespace, final String name)
    {
        return new LongValue(namespace.open(name, SPEC));
    }

    /**
     * @return the value, with volatile semantics.
     */
    public long get()
    {
        ensureOpen();
        return buffer.getLongVolatile(valueIndex);
    }

    /**
     * @return the value, with acquire semantics.
     */
    public long getAcquire()
    {
        ensureOpen();
        return buffer.getLongAcquire(valueIndex);
    }

    /**
     * @param value to store, with volatile semantics.
     */
    public void set(final long value)
    {
        ensureOpen();
        buffer.putLongVolatile(valueIndex, value);
    }

    /**
     * @param value to store, with release semantics (cheaper than {@link #set(long)}; like {@code lazySet}).
     */
    public void setRelease(final long value)
    {
        ensureOpen();
        buffer.putLongRelease(valueIndex, value);
    }

    /**
     * @param delta to add.
     * @return the value before the addition.
     */
    public long getAndAdd(final long delta)
    {
        ensureOpen();
        return buffer.getAndAddLong(valueIndex, delta);
    }

    /**
     * @param delta to add.
     * @return the value after the addition.
     */
    public long addAndGet(final long delta)
    {
        ensureOpen();
        return buffer.getAndAddLong(valueIndex, delta) + delta;
    }

    /**
     * @return the value after adding one.
     */
    public long incrementAndGet()
    {
        return addAndGet(1);
    }

    /**
     * @return the value after subtracting one.
     */
    public long decrementAndGet()
    {
        return addAndGet(-1);
    }

    /**
     * @param value to store.
     * @return the value before.
     */
    public long getAndSet(final long value)
    {
        ensureOpen();
        return buffer.getAndSetLong(valueIndex, value);
    }

    /**
     * @param expectedValue the value must have.
     * @param updateValue   to store if it has.
     * @return true when the value was updated.
     */
    public boolean compareAndSet(final long expectedValue, final long updateValue)
    {
        ensureOpen();
        return buffer.compareAndSetLong(valueIndex, expectedValue, updateValue);
    }

    /**
     * Applies a side-effect-free function atomically, retrying when another process updated the value meanwhile.
     *
     * @param function to apply; may run more than once.
     * @return the updated value.
     */
    public long updateAndGet(final LongUnaryOperator function)
    {
        ensureOpen();
        while (true)
        {
            final long current = buffer.getLongVolatile(valueIndex);
            final long updated = function.applyAsLong(current);
            if (buffer.compareAndSetLong(valueIndex, current, updated))
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
    public long getAndUpdate(final LongUnaryOperator function)
    {
        ensureOpen();
        while (true)
        {
            final long current = buffer.getLongVolatile(valueIndex);
            if (buffer.compareAndSetLong(valueIndex, current, function.applyAsLong(current)))
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
    public long accumulateAndGet(final long x, final LongBinaryOperator function)
    {
        return updateAndGet((current) -> function.applyAsLong(current, x));
    }

    public String toString()
    {
        return "LongValue{name=" + name() + (isClosed() ? ", closed" : ", value=" + get()) + '}';
    }
}
