package io.mproc.examples;

import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;
import io.mproc.sync.RLock;
import io.mproc.value.LongValue;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Cooperative workers in separate processes: {@code w1} and {@code w2} take random amounts of work from a shared
 * total (50 at first) until none is left. Reading the total, choosing the amount and writing the rest back is a
 * compound update, so each worker does it under the value's own lock ({@link LongValue#lock()}, Python's
 * {@code get_lock()}); the amounts printed always add up to 50. (A single {@code compareAndSet} loop would do too.)
 */
public final class CoworkMain
{
    static final long TOTAL = 50;
    private static final int MAX_WORK = 10;

    private CoworkMain()
    {
    }

    static void worker(final String name, final LongValue total) throws InterruptedException
    {
        final RLock lock = total.lock();
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
        try (Namespace namespace = Namespace.temporary()) // deleted, with its files, when the block ends
        {
            final LongValue total = LongValue.create(namespace, "total", TOTAL);
            final ChildProcess w1 = new ChildProcess(CoworkMain::worker, "w1", total).name("w1");
            final ChildProcess w2 = new ChildProcess(CoworkMain::worker, "w2", total).name("w2");
            w1.start();
            w2.start();
            w1.join();
            w2.join();
            System.out.println("Total : " + total.get());
        }
    }
}
