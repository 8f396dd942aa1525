package io.mproc.internal;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FutexTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
    private final long address = buffer.addressOffset();

    @Test
    void shouldBeAvailableOnLinux()
    {
        assertEquals(System.getProperty("os.name").startsWith("Linux"), Futex.isAvailable());
    }

    @Test
    void shouldNotSleepWhenWordDiffersAndTimeOutOtherwise()
    {
        buffer.putIntVolatile(0, 7);
        assertEquals(-1, Futex.await(address, 8, TimeUnit.SECONDS.toNanos(5)), "value differs: EAGAIN at once");
        final long startNs = System.nanoTime();
        assertEquals(-1, Futex.await(address, 7, TimeUnit.MILLISECONDS.toNanos(20)), "ETIMEDOUT");
        assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(20));
        assertEquals(0, Futex.wake(address, 1), "nobody to wake");
    }

    @Test
    @Timeout(60)
    void shouldWakeSleeperAndEndSleepOnInterrupt() throws Exception
    {
        final CompletableFuture<Integer> sleeper = CompletableFuture.supplyAsync(() ->
            Futex.await(address, 0, TimeUnit.MINUTES.toNanos(10)));
        awaitThreadAsleepOnWord(address);
        assertEquals(1, Futex.wake(address, 1), "one sleeper to wake");
        assertEquals(0, sleeper.get(), "woken, long before its timeout");

        final AtomicBoolean interruptKept = new AtomicBoolean();
        final Thread interrupted = new Thread(() ->
        {
            InterruptibleFutexWait.await(buffer, 0, buffer.getIntVolatile(0), TimeUnit.MINUTES.toNanos(10));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        interrupted.start();
        awaitThreadAsleepOnWord(address);
        interrupted.interrupt();
        interrupted.join(); // the sleep would last 10 minutes: returning at all proves the interrupt cut it short
        assertTrue(interruptKept.get(), "the interrupt flag is kept for the caller");
    }

    /**
     * Waits until a thread of this process is blocked in a system call whose first argument is {@code address}: a
     * futex wait on that word (Linux shows each thread's current system call in /proc/self/task/TID/syscall).
     */
    private static void awaitThreadAsleepOnWord(final long address) throws IOException
    {
        while (true)
        {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/self/task")))
            {
                for (final Path task : tasks)
                {
                    final String[] fields = readQuietly(task.resolve("syscall")).trim().split(" ");
                    if (fields.length > 1 && fields[1].startsWith("0x") && Long.decode(fields[1]) == address)
                    {
                        return;
                    }
                }
            }
            Thread.yield();
        }
    }

    private static String readQuietly(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return ""; // the thread ended meanwhile
        }
    }
}
