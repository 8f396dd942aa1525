package io.mproc.sync;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.value.LongArray;
import io.mproc.value.LongValue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Child process for the sync multi-process tests: {@code <command> <namespace folder> [args]}. Prints marker lines
 * on stdout for the parent; never asserts (the parent does), but exits non-zero on anything unexpected.
 */
public final class SyncChildMain
{
    private SyncChildMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ChildJvm.exitWhenParentDies();
        final String command = args[0];
        try (Namespace namespace = Namespace.open(Paths.get(args[1])))
        {
            switch (command)
            {
                case "increment":
                    increment(namespace, Integer.parseInt(args[2]));
                    break;
                case "hold":
                    hold(namespace, args[2]);
                    break;
                case "sleep-on":
                    sleepOn(namespace, args[2]);
                    break;
                case "unlock-foreign":
                    unlockForeign(namespace);
                    break;
                case "event-wait":
                    eventWait(namespace, args[2], args[3]);
                    break;
                case "event-wait-cpu":
                    eventWaitCpu(namespace);
                    break;
                case "cond-wait":
                    conditionWait(namespace, args[2]);
                    break;
                case "barrier":
                    barrier(namespace, Integer.parseInt(args[2]));
                    break;
                case "barrier-open":
                    Barrier.open(namespace, "barrier");
                    System.out.println("OPENED");
                    ChildJvm.blockUntilKilled(); // until killed, never arriving
                    break;
                case "barrier-wait":
                    barrierWait(namespace);
                    break;
                case "barrier-wait-untimed":
                    barrierWaitUntimed(namespace);
                    break;
                case "churn":
                    churn(namespace);
                    break;
                default:
                    throw new IllegalArgumentException("unknown command: " + command);
            }
        }
        System.out.flush();
    }

    /**
     * Increments a plain (non-atomic) counter under the Lock "lock", and a LongValue under its own lock().
     */
    private static void increment(final Namespace namespace, final int increments) throws InterruptedException
    {
        final Lock lock = Lock.open(namespace, "lock");
        final LongArray plain = LongArray.open(namespace, "plain");
        final LongValue value = LongValue.open(namespace, "value");
        final RLock valueLock = value.lock();
        final Event go = Event.open(namespace, "go");
        System.out.println("READY");
        go.await();
        for (int i = 0; i < increments; i++)
        {
            lock.lock();
            try
            {
                plain.set(0, plain.get(0) + 1); // a read and a write: lost updates without the lock
            }
            finally
            {
                lock.unlock();
            }
            valueLock.lock();
            try
            {
                value.setRelease(value.getAcquire() + 1);
            }
            finally
            {
                valueLock.unlock();
            }
        }
        System.out.println("DONE");
    }

    /**
     * Takes a lock (lock), an RLock three times (rlock) or a semaphore permit (permit), says HELD and waits to be
     * killed.
     */
    private static void hold(final Namespace namespace, final String what) throws InterruptedException
    {
        switch (what)
        {
            case "lock":
                Lock.open(namespace, "lock").lock();
                break;
            case "rlock":
                final RLock rlock = RLock.open(namespace, "rlock");
                rlock.lock();
                rlock.lock();
                rlock.lock();
                break;
            case "permit":
                Semaphore.open(namespace, "semaphore").acquire();
                break;
            default:
                throw new IllegalArgumentException("unknown thing to hold: " + what);
        }
        System.out.println("HELD");
        ChildJvm.blockUntilKilled();
    }

    /**
     * Says WAITING, then waits without timeout on the Lock "lock", the Event "e" or a permit of the Semaphore
     * "semaphore" (what), until killed.
     */
    private static void sleepOn(final Namespace namespace, final String what) throws InterruptedException
    {
        switch (what)
        {
            case "lock":
                final Lock lock = Lock.open(namespace, "lock");
                System.out.println("WAITING");
                lock.lock();
                break;
            case "event":
                final Event event = Event.open(namespace, "e");
                System.out.println("WAITING");
                event.await();
                break;
            case "semaphore":
                final Semaphore semaphore = Semaphore.open(namespace, "semaphore");
                System.out.println("WAITING");
                semaphore.acquire();
                break;
            default:
                throw new IllegalArgumentException("unknown thing to sleep on: " + what);
        }
        System.out.println("UNEXPECTEDLY WOKEN");
    }

    private static void unlockForeign(final Namespace namespace)
    {
        final Lock lock = Lock.open(namespace, "lock");
        try
        {
            lock.unlock();
            System.out.println("UNLOCKED");
        }
        catch (final IllegalMonitorStateException ex)
        {
            System.out.println("IMSE " + ex.getMessage());
        }
    }

    /**
     * Waits for event {@code waitFor}, then sets event {@code thenSet}.
     */
    private static void eventWait(final Namespace namespace, final String waitFor, final String thenSet)
        throws InterruptedException
    {
        final Event in = Event.open(namespace, waitFor);
        final Event out = Event.open(namespace, thenSet);
        System.out.println("WAITING");
        final boolean set = in.await(20, TimeUnit.SECONDS);
        out.set();
        System.out.println("WOKE " + set);
    }

    /**
     * Waits for event "e" in a thread, and reports the CPU that thread and the whole JVM used over one second of it.
     */
    private static void eventWaitCpu(final Namespace namespace) throws Exception
    {
        final Event event = Event.open(namespace, "e");
        final boolean[] woke = new boolean[1];
        final Thread waiter = new Thread(() ->
        {
            try
            {
                woke[0] = event.await(20, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignore)
            {
                // reported as not woken
            }
        }, "waiter");
        waiter.start();
        while (0 == event.waitWord().sleepersVolatile()) // until past the spin and asleep in the kernel
        {
            Thread.sleep(1);
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long threadStartNs = threads.getThreadCpuTime(waiter.getId());
        final long processStartNs = processCpuNs();
        Thread.sleep(1000);
        final long threadNs = threads.getThreadCpuTime(waiter.getId()) - threadStartNs;
        final long processNs = processCpuNs() - processStartNs;
        System.out.println("CPU thread=" + threadNs + " process=" + processNs);
        waiter.join();
        System.out.println("WOKE " + woke[0]);
    }

    /**
     * Takes the condition's lock, waits up to 20 s to be signalled, reports, releases.
     */
    private static void conditionWait(final Namespace namespace, final String id) throws InterruptedException
    {
        final Condition condition = Condition.open(namespace, "condition");
        final LongValue flag = LongValue.open(namespace, "flag");
        condition.lock().lock();
        try
        {
            System.out.println("WAITING " + id);
            if ("predicate".equals(id))
            {
                final boolean result = condition.waitFor(() -> flag.get() == 42, 20, TimeUnit.SECONDS);
                System.out.println("WOKE " + id + " " + result + " holds=" + condition.lock().getHoldCount());
            }
            else
            {
                final boolean signalled = condition.await(20, TimeUnit.SECONDS);
                System.out.println("WOKE " + id + " " + signalled + " holds=" + condition.lock().getHoldCount());
            }
        }
        finally
        {
            condition.lock().unlock();
        }
    }

    private static void barrier(final Namespace namespace, final int rounds) throws Exception
    {
        final Barrier barrier = Barrier.open(namespace, "barrier");
        final LongValue counter = LongValue.open(namespace, "counter");
        for (int round = 0; round < rounds; round++)
        {
            counter.incrementAndGet();
            final int index = barrier.await(20, TimeUnit.SECONDS);
            // after the barrier, every party of this round has incremented
            System.out.println("PASSED " + round + " index=" + index + " counter=" + counter.get());
            barrier.await(20, TimeUnit.SECONDS); // keep rounds apart
        }
    }

    /**
     * Says the default timeout of the Barrier "barrier" as this process sees it, then waits on it without a timeout of
     * its own: PASSED, or BROKEN and the cause's class.
     */
    private static void barrierWaitUntimed(final Namespace namespace) throws InterruptedException
    {
        final Barrier barrier = Barrier.open(namespace, "barrier");
        System.out.println("WAITING default=" + barrier.defaultTimeout());
        try
        {
            barrier.await();
            System.out.println("PASSED");
        }
        catch (final BrokenBarrierException ex)
        {
            System.out.println("BROKEN cause=" + (null == ex.getCause() ? null : ex.getCause().getClass().getName()));
        }
    }

    private static void barrierWait(final Namespace namespace) throws InterruptedException
    {
        final Barrier barrier = Barrier.open(namespace, "barrier");
        System.out.println("WAITING");
        try
        {
            barrier.await(20, TimeUnit.SECONDS);
            System.out.println("PASSED");
        }
        catch (final BrokenBarrierException ex)
        {
            System.out.println("BROKEN");
        }
        catch (final TimeoutException ex)
        {
            System.out.println("TIMEOUT");
        }
    }

    /**
     * Until killed: takes a permit and the lock in turn. Under the lock, a counter goes odd then even again; finding
     * it odd is only allowed on a hold recovered from a dead owner (who died half-way), which repairs it.
     */
    private static void churn(final Namespace namespace) throws InterruptedException
    {
        final Semaphore semaphore = Semaphore.open(namespace, "semaphore");
        final Lock lock = Lock.open(namespace, "lock");
        final LongArray counter = LongArray.open(namespace, "plain");
        System.out.println("CHURNING");
        while (true)
        {
            if (!semaphore.tryAcquire(10, TimeUnit.SECONDS))
            {
                System.out.println("VIOLATION no permit within 10 s: " + semaphore);
            }
            if (!lock.tryLock(10, TimeUnit.SECONDS))
            {
                System.out.println("VIOLATION no lock within 10 s: " + lock);
            }
            final long value = counter.get(0);
            if (0 != (value & 1))
            {
                if (!lock.ownerDied())
                {
                    System.out.println("VIOLATION odd counter on a normal hold: " + value);
                }
                counter.set(0, value + 1); // repair
            }
            counter.set(0, counter.get(0) + 1);
            Thread.onSpinWait();
            counter.set(0, counter.get(0) + 1);
            lock.unlock();
            semaphore.release();
        }
    }

    /**
     * @return CPU time of every thread of this JVM so far, in nanoseconds, from the scheduler's own accounting.
     */
    static long processCpuNs() throws IOException
    {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/self/task")))
        {
            for (final Path task : tasks)
            {
                try
                {
                    final String schedstat = Files.readString(task.resolve("schedstat")).trim();
                    total += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                }
                catch (final IOException ignore)
                {
                    // the thread ended meanwhile
                }
            }
        }
        return total;
    }
}
