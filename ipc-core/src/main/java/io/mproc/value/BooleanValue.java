package io.mproc.value;

import io.mproc.memory.ElementType;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.OpenMode;
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

    /** Creates a new value; fails if the name exists. */
    public static BooleanValue create(final Namespace namespace, final String name, final boolean initialValue)
    {
        return open(namespace, name, OpenMode.CREATE, initialValue);
    }

    /** Opens the value of that name, creating it with {@code initialValue} if it does not exist. */
    public static BooleanValue createOrOpen(final Namespace namespace, final String name, final boolean initialValue)
    {
        return open(namespace, name, OpenMode.CREATE_OR_OPEN, initialValue);
    }

    /** Opens an existing value. */
    public static BooleanValue open(final Namespace namespace, final String name)
    {
        return open(namespace, name, OpenMode.OPEN, false);
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
    public static BooleanValue open(final Namespace namespace, final String name, final OpenMode mode, final boolean initialValue)
    {
        return new BooleanValue(mode.region(namespace, name, SPEC, SPEC, (b, offset, length) -> b.putInt(offset, toInt(initialValue))));
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
