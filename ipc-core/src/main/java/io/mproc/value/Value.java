package io.mproc.value;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.SharedObject;
import io.mproc.sync.LockDescriptor;
import io.mproc.sync.RLock;
import io.mproc.sync.WaitStrategies;

/**
 * Base of the shared scalars: one typed value in its own cache line of a mapped file (see
 * {@link ValueDescriptor}). Unlike Python's {@code multiprocessing.Value}, the atomic updates
 * ({@code getAndAdd}, {@code compareAndSet}, ...) need no lock: they are single hardware instructions on the
 * shared memory, correct across processes. For compound updates (read several values, then write), each value
 * carries a robust reentrant lock in its own region: {@link #lock()}, Python's {@code get_lock()}.
 */
public abstract class Value extends SharedObject
{
    private static final long serialVersionUID = 1L;

    static
    {
        if (LockDescriptor.LENGTH > ValueDescriptor.LOCK_LENGTH)
        {
            throw new ExceptionInInitializerError("lock does not fit the value's lock area: lockLength=" +
                LockDescriptor.LENGTH + ", lockAreaLength=" + ValueDescriptor.LOCK_LENGTH);
        }
    }

    /** Index of the value in {@link #buffer}. */
    protected final transient int valueIndex;
    private transient volatile RLock lock;

    /**
     * @param region behind the value.
     */
    protected Value(final MappedRegion region)
    {
        super(region);
        this.valueIndex = region.bodyOffset() + ValueDescriptor.VALUE_OFFSET;
    }

    /**
     * The value's own lock, for compound updates across processes: Python's {@code Value.get_lock()}, a robust
     * {@link RLock} kept in the value's lock area ({@link ValueDescriptor#LOCK_OFFSET}), waiting with the
     * namespace's default strategy. Single atomic operations need no lock.
     * <pre>{@code
     * final RLock lock = total.lock();
     * lock.lock();
     * try
     * {
     *     total.set(total.get() * 2 + other.get());
     * }
     * finally
     * {
     *     lock.unlock();
     * }
     * }</pre>
     * The lock is a view of this value's region: closing or unlinking it closes or unlinks the value.
     *
     * @return the lock; the same handle on every call.
     */
    public RLock lock()
    {
        ensureOpen();
        RLock lock = this.lock;
        if (null == lock)
        {
            synchronized (this)
            {
                lock = this.lock;
                if (null == lock)
                {
                    lock = RLock.wrap(region, region.bodyOffset() + ValueDescriptor.LOCK_OFFSET,
                        WaitStrategies.defaultFor(namespace()));
                    this.lock = lock;
                }
            }
        }
        return lock;
    }
}
