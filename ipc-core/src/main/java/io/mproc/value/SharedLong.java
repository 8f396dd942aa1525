package io.mproc.value;

/**
 * A long shared between processes, whatever holds it: a mapped file on this machine ({@link LongValue}) or a
 * cluster's atomic (the {@code ipc-cluster} backend). Every operation is atomic and visible to every process
 * at once, as {@link java.util.concurrent.atomic.AtomicLong}'s are between threads.
 */
public interface SharedLong extends AutoCloseable
{
    /** @return the name this value was created or opened under. */
    String name();

    long get();

    void set(long value);

    long getAndSet(long value);

    boolean compareAndSet(long expectedValue, long updateValue);

    long getAndAdd(long delta);

    long addAndGet(long delta);

    long incrementAndGet();

    long decrementAndGet();

    /** Releases this handle; the value itself stays for the other processes. */
    @Override
    void close();
}
