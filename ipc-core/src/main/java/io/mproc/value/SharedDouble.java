package io.mproc.value;

/**
 * A double shared between processes, whatever holds it: a mapped file ({@link DoubleValue}) or a cluster's
 * atomic. Every operation is atomic; compareAndSet compares bit patterns, as
 * {@link Double#doubleToRawLongBits(double)} gives them.
 */
public interface SharedDouble extends AutoCloseable
{
    /** @return the name this value was created or opened under. */
    String name();

    double get();

    void set(double value);

    double getAndSet(double value);

    boolean compareAndSet(double expectedValue, double updateValue);

    double getAndAdd(double delta);

    double addAndGet(double delta);

    /** Releases this handle; the value itself stays for the other processes. */
    @Override
    void close();
}
