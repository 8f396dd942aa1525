package io.mproc.sync;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code multiprocessing.Barrier} for any backend: a fixed number of parties wait until all have
 * arrived, then all go on; the barrier then serves the next generation. {@link Barrier} is the shared-memory
 * one. As {@link java.util.concurrent.CyclicBarrier}, a timeout or an abort breaks it for every party.
 */
public interface SharedBarrier extends AutoCloseable
{
    /** @return the name this barrier was created or opened under. */
    String name();

    /**
     * @return the arrival index, distinct for every party of a generation, in {@code 0..parties()-1}: Python's order,
     * 0 for the first to arrive and {@code parties() - 1} for the last (the reverse of {@code CyclicBarrier}'s).
     */
    int await() throws InterruptedException, BrokenBarrierException;

    int await(long time, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException;

    /** Breaks the current generation (its waiters get {@link BrokenBarrierException}) and starts a fresh one. */
    void reset();

    /** Breaks the barrier: every waiter, and every later caller until {@link #reset()}, gets the exception. */
    void abort();

    boolean isBroken();

    int parties();

    int numberWaiting();

    /** Releases this handle; the barrier itself stays for the other processes. */
    @Override
    void close();
}
