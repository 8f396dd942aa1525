package io.mproc.value;

import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionSpec;

/**
 * A {@code boolean} shared between processes, stored as an int of 0 or 1 so that it can be swapped atomically.
 * {@link #get()} and {@link #set(boolean)} are volatile.
 */
public final class BooleanValue extends Value
{
    private static final long serialVersionUID = 1L;
    private static final RegionSpec SPEC = ValueDescriptor.spec(ElementType.BOOLEAN);

    private BooleanValue(final MappedRegion region)
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
    public static BooleanValue create(final Namespace namespace, final String name, final boolean initialValue)
    {
        return new BooleanValue(namespace.create(name, SPEC, (b, offset, length) -> b.putInt(offset, toInt(initialValue))));
    }

    /**
     * Opens the value of that name, creating it with {@code initialValue} if it does not exist.
     *
     * @param namespace    to open it in.
     * @param name         of the value.
     * @param initialValue used only if this call creates the value.
     * @return the value.
     */
    public static BooleanValue createOrOpen(final Namespace namespace, final String name, final boolean initialValue)
    {
        return new BooleanValue(
            namespace.createOrOpen(name, SPEC, (b, offset, length) -> b.putInt(offset, toInt(initialValue))));
    }

    /**
     * Opens an existing value.
     *
     * @param namespace to open it in.
     * @param name      of the value.
     * @return the value.
     */
    public static BooleanValue open(final Namespace namespace, final String name)
    {
        return new BooleanValue(namespace.open(name, SPEC));
    }

    /**
     * @return the value, with volatile semantics.
     */
    public boolean get()
    {
        ensureOpen();
        return 0 != buffer.getIntVolatile(valueIndex);
    }

    /**
     * @param value to store, with volatile semantics.
     */
    public void set(final boolean value)
    {
        ensureOpen();
        buffer.putIntVolatile(valueIndex, toInt(value));
    }

    /**
     * @param value to store.
     * @return the value before.
     */
    public boolean getAndSet(final boolean value)
    {
        ensureOpen();
        return 0 != buffer.getAndSetInt(valueIndex, toInt(value));
    }

    /**
     * @param expectedValue the value must have.
     * @param updateValue   to store if it has.
     * @return true when the value was updated.
     */
    public boolean compareAndSet(final boolean expectedValue, final boolean updateValue)
    {
        ensureOpen();
        return buffer.compareAndSetInt(valueIndex, toInt(expectedValue), toInt(updateValue));
    }

    public String toString()
    {
        return "BooleanValue{name=" + name() + (isClosed() ? ", closed" : ", value=" + get()) + '}';
    }

    private static int toInt(final boolean value)
    {
        return value ? 1 : 0;
    }
}
