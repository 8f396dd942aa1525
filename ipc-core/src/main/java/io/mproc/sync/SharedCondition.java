package io.mproc.sync;

import java.util.concurrent.locks.Lock;

/**
 * Python's {@code multiprocessing.Condition} for any backend: a {@link java.util.concurrent.locks.Condition}
 * that carries its own reentrant lock, shared between processes ({@link Condition} on this machine). Hold
 * {@link #lock()} to await or signal, as the {@code Condition} contract says.
 */
public interface SharedCondition extends java.util.concurrent.locks.Condition, AutoCloseable
{
    /** @return the name this condition was created or opened under. */
    String name();

    /** @return the reentrant lock this condition belongs to. */
    Lock lock();

    /** Releases this handle; the condition itself stays for the other processes. */
    @Override
    void close();
}
