package io.mproc.value;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.SharedObject;

/**
 * Base of the shared scalars: one typed value in its own cache line of a mapped file (see
 * {@link ValueDescriptor}). Unlike Python's {@code multiprocessing.Value}, the atomic updates
 * ({@code getAndAdd}, {@code compareAndSet}, ...) need no lock: they are single hardware instructions on the
 * shared memory, correct across processes.
 */
public abstract class Value extends SharedObject
{
    private static final long serialVersionUID = 1L;

    /** Index of the value in {@link #buffer}. */
    protected final transient int valueIndex;

    /**
     * @param region behind the value.
     */
    protected Value(final MappedRegion region)
    {
        super(region);
        this.valueIndex = region.bodyOffset() + ValueDescriptor.VALUE_OFFSET;
    }
}
