package io.mproc.value;

import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionSpec;

import java.util.function.DoubleUnaryOperator;

/**
 * A {@code double} shared between processes, stored as its raw long bits. {@link #get()} and {@link #set(double)}
 * are volatile; {@link #getAndAdd(double)} and {@link #updateAndGet(DoubleUnaryOperator)} are compare-and-set
 * loops, atomic across processes. {@link #compareAndSet(double, double)} compares bit patterns, like
 * {@link Double#equals(Object)}: {@code NaN} matches {@code NaN}, {@code 0.0} does not match {@code -0.0}.
 */
public final class DoubleValue extends Value implements SharedDouble
{
    private static final long serialVersionUID = 1L;
    private static final RegionSpec SPEC = ValueDescriptor.spec(ElementType.DOUBLE);

    private DoubleValue(final MappedRegion region)
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
    public static DoubleValue create(final Namespace namespace, final String name, final double initialValue)
    {
        final long bits = Double.doubleToRawLongBits(initialValue);
        return new DoubleValue(namespace.create(name, SPEC, (b, offset, length) -> b.putLong(offset, bits)));
    }

    /**
     * Opens the value of that name, creating it with {@code initialValue} if it does not exist.
     *
     * @param namespace    to open it in.
     * @param name         of the value.
     * @param initialValue used only if this call creates the value.
     * @return the value.
     */
    public static DoubleValue createOrOpen(final Namespace namespace, final String name, final double initialValue)
    {
        final long bits = Double.doubleToRawLongBits(initialValue);
        return new DoubleValue(namespace.createOrOpen(name, SPEC, (b, offset, length) -> b.putLong(offset, bits)));
    }

    /**
     * Opens an existing value.
     *
     * @param namespace to open it in.
     * @param name      of the value.
     * @return the value.
     */
    public static DoubleValue open(final Namespace namespace, final String name)
    {
        return new DoubleValue(namespace.open(name, SPEC));
    }

    /**
     * @return the value, with volatile semantics.
     */
    public double get()
    {
        ensureOpen();
        return Double.longBitsToDouble(buffer.getLongVolatile(valueIndex));
    }

    /**
     * @param value to store, with volatile semantics.
     */
    public void set(final double value)
    {
        ensureOpen();
        buffer.putLongVolatile(valueIndex, Double.doubleToRawLongBits(value));
    }

    /**
     * @param value to store.
     * @return the value before.
     */
    public double getAndSet(final double value)
    {
        ensureOpen();
        return Double.longBitsToDouble(buffer.getAndSetLong(valueIndex, Double.doubleToRawLongBits(value)));
    }

    /**
     * @param expectedValue the value must have, compared bit for bit.
     * @param updateValue   to store if it has.
     * @return true when the value was updated.
     */
    public boolean compareAndSet(final double expectedValue, final double updateValue)
    {
        ensureOpen();
        return buffer.compareAndSetLong(
            valueIndex, Double.doubleToRawLongBits(expectedValue), Double.doubleToRawLongBits(updateValue));
    }

    /**
     * @param delta to add.
     * @return the value before the addition.
     */
    public double getAndAdd(final double delta)
    {
        ensureOpen();
        while (true)
        {
            final long currentBits = buffer.getLongVolatile(valueIndex);
            final double current = Double.longBitsToDouble(currentBits);
            if (buffer.compareAndSetLong(valueIndex, currentBits, Double.doubleToRawLongBits(current + delta)))
            {
                return current;
            }
        }
    }

    /**
     * @param delta to add.
     * @return the value after the addition.
     */
    public double addAndGet(final double delta)
    {
        return getAndAdd(delta) + delta;
    }

    /**
     * Applies a side-effect-free function atomically, retrying when another process updated the value meanwhile.
     *
     * @param function to apply; may run more than once.
     * @return the updated value.
     */
    public double updateAndGet(final DoubleUnaryOperator function)
    {
        ensureOpen();
        while (true)
        {
            final long currentBits = buffer.getLongVolatile(valueIndex);
            final double updated = function.applyAsDouble(Double.longBitsToDouble(currentBits));
            if (buffer.compareAndSetLong(valueIndex, currentBits, Double.doubleToRawLongBits(updated)))
            {
                return updated;
            }
        }
    }

    public String toString()
    {
        return "DoubleValue{name=" + name() + (isClosed() ? ", closed" : ", value=" + get()) + '}';
    }
}
