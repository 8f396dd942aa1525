package io.mproc.examples;

import io.mproc.Context;
import io.mproc.process.ChildProcess;
import io.mproc.value.SharedLong;

import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;

/**
 * Cooperative workers in separate processes: {@code w1} and {@code w2} take random amounts of work from a shared
 * total (50 at first) until none is left. Reading the total, choosing the amount and writing the rest back is a
 * compound update, so each worker does it under a shared lock (Python's {@code get_lock()}; here a named
 * {@link io.mproc.Context#lock(String)}, which every backend has); the amounts printed always add up to 50. (A single {@code compareAndSet} loop would do too.)
 */
public final class CoworkMain
{
    static final long TOTAL = 50;
    private static final int MAX_WORK = 10;

    private CoworkMain()
    {
    }

    /**
     * What the workers share: the total and the lock that guards it. Both travel to the children by name.
     *
     * @param total of the work left.
     * @param lock  held around each compound update of the total.
     */
    record Shares(SharedLong total, Lock lock) implements Serializable
    {
    }

    static void worker(final String name, final Shares shares) throws InterruptedException
    {
        final SharedLong total = shares.total();
        final Lock lock = shares.lock();
        while (true)
        {
            lock.lock();
            try
            {
                final long left = total.get();
                if (0 == left)
                {
                    return;
                }
                final long work = Math.min(left, ThreadLocalRandom.current().nextInt(1, MAX_WORK + 1));
                total.set(left - work);
                System.out.println("[" + name + "] Total : " + (left - work) + ", work : " + work);
            }
            finally
            {
                lock.unlock();
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 20)); // doing the work, lock released
        }
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while joining.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        try (Context mp = ExampleContext.open(); // by default a temporary namespace, deleted with its files at the end
             SharedLong total = mp.longValue(ExampleContext.name("total"), TOTAL))
        {
            final Shares shares = new Shares(total, mp.lock(ExampleContext.name("total-lock")));
            final ChildProcess w1 = mp.process(CoworkMain::worker, "w1", shares).name("w1");
            final ChildProcess w2 = mp.process(CoworkMain::worker, "w2", shares).name("w2");
            w1.start();
            w2.start();
            w1.join();
            w2.join();
            System.out.println("Total : " + total.get());
        }
    }
}
