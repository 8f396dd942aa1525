package io.mproc.sync;

import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing.Event} for any backend: a flag that processes set, clear and wait for.
 * {@link Event} is the shared-memory one.
 */
public interface SharedEvent extends AutoCloseable
{
    /** @return the name this event was created or opened under. */
    String name();

    /** Sets the flag and wakes every waiter. */
    void set();

    /** Clears the flag; later waiters block until the next {@link #set()}. */
    void clear();

    boolean isSet();

    /** Waits until the flag is set. */
    void await() throws InterruptedException;

    /** @return true if the flag was set within the time, false on timeout (Python's {@code wait(timeout)}). */
    boolean await(long time, TimeUnit unit) throws InterruptedException;

    /** Releases this handle; the event itself stays for the other processes. */
    @Override
    void close();
}
