package io.mproc.value;

/**
 * A fixed-length array of longs shared between processes ({@link LongArray} on this machine, a cluster's
 * atomics on the {@code ipc-cluster} backend). Each element's operations are atomic; the array as a whole is
 * not: {@link #toArray()} is a copy made element by element.
 */
public interface SharedLongArray extends AutoCloseable
{
    /** @return the name this array was created or opened under. */
    String name();

    int length();

    long get(int index);

    void set(int index, long value);

    long getAndSet(int index, long value);

    boolean compareAndSet(int index, long expectedValue, long updateValue);

    long getAndAdd(int index, long delta);

    long addAndGet(int index, long delta);

    long incrementAndGet(int index);

    /** @return a copy of every element, read one after the other. */
    long[] toArray();

    /** Releases this handle; the array itself stays for the other processes. */
    @Override
    void close();
}
