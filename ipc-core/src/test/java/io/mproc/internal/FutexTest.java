package io.mproc.internal;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    @Timeout(10)
    void shouldWakeSleeperAndEndSleepOnInterrupt() throws Exception
    {
        final CompletableFuture<Integer> sleeper = CompletableFuture.supplyAsync(() ->
            Futex.await(address, 0, TimeUnit.SECONDS.toNanos(5)));
        while (0 == Futex.wake(address, 1) && !sleeper.isDone())
        {
            Thread.sleep(1);
        }
        assertEquals(0, sleeper.get(5, TimeUnit.SECONDS), "woken");

        final Thread interrupted = new Thread(() ->
            InterruptibleFutexWait.await(buffer, 0, buffer.getIntVolatile(0), TimeUnit.SECONDS.toNanos(5)));
        interrupted.start();
        Thread.sleep(100);
        final long startNs = System.nanoTime();
        interrupted.interrupt();
        interrupted.join(5_000);
        assertTrue(System.nanoTime() - startNs < TimeUnit.MILLISECONDS.toNanos(500));
    }
}
