package io.mproc.sync;

import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore shared between processes, whatever holds it ({@link Semaphore} on this machine).
 * The methods are {@link java.util.concurrent.Semaphore}'s, which is a class and not an interface.
 */
public interface SharedSemaphore extends AutoCloseable
{
    /** @return the name this semaphore was created or opened under. */
    String name();

    void acquire() throws InterruptedException;

    void acquire(int permits) throws InterruptedException;

    boolean tryAcquire();

    boolean tryAcquire(int permits);

    boolean tryAcquire(long time, TimeUnit unit) throws InterruptedException;

    boolean tryAcquire(int permits, long time, TimeUnit unit) throws InterruptedException;

    void release();

    void release(int permits);

    int availablePermits();

    /** Releases this handle; the semaphore itself stays for the other processes. */
    @Override
    void close();
}
