package io.mproc.sync;

import io.mproc.memory.Namespace;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One contract, every strategy: hand-offs arrive, timeouts expire, interrupts end a wait at once.
 */
class WaitStrategyTest
{
    private Namespace namespace;

    static List<WaitStrategy> strategies()
    {
        return List.of(BusySpinWaitStrategy.INSTANCE, new BackoffWaitStrategy(), BlockingWaitStrategy.INSTANCE,
            SpinThenBlockWaitStrategy.DEFAULT, new SpinThenBlockWaitStrategy(0));
    }

    @BeforeEach
    void setUp()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void tearDown()
    {
        namespace.close();
    }

    @Test
    @Timeout(30)
    void shouldFindAPlainReleaseThatRacedTheAnnouncementAfterAShortFirstSleep() throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        WaitWord.initialise(buffer, 0, BlockingWaitStrategy.INSTANCE);
        final WaitWord word = new WaitWord(buffer, 0, true);
        // The race a plain release leaves open: its store is not yet visible to the waiter's tests before and just
        // after the announcement, and its wake read the sleepers count before the announcement, so nobody wakes
        // the waiter. The short first sleep must find it, not the one-second safety slice.
        final int[] tests = new int[1];
        final long startNs = System.nanoTime();
        assertTrue(BlockingWaitStrategy.INSTANCE.await(word, () -> ++tests[0] > 2, TimeUnit.SECONDS.toNanos(10), true));
        final long waitedNs = System.nanoTime() - startNs;
        // The behaviour under test is a duration: found by the short first sleep, not at the end of the safety slice.
        assertTrue(waitedNs < Waits.SLEEP_SLICE_NS, "waited " + waitedNs + " ns");
        assertEquals(0, word.sleepersVolatile(), "the announcement is withdrawn when the wait ends");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    @Timeout(30)
    void shouldPingPongBetweenThreads(final WaitStrategy strategy) throws Exception
    {
        final Event ping = Event.create(namespace, "ping", strategy);
        final Event pong = Event.create(namespace, "pong", strategy);
        final int trips = 2_000;
        final CompletableFuture<Void> echo = CompletableFuture.runAsync(() ->
        {
            try
            {
                for (int i = 0; i < trips; i++)
                {
                    assertTrue(ping.await(10, TimeUnit.SECONDS));
                    ping.clear();
                    pong.set();
                }
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        for (int i = 0; i < trips; i++)
        {
            ping.set();
            assertTrue(pong.await(10, TimeUnit.SECONDS), "trip " + i);
            pong.clear();
        }
        echo.get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    @Timeout(30)
    void shouldTimeOutWhenNeverSet(final WaitStrategy strategy) throws Exception
    {
        final Event event = Event.create(namespace, "e", strategy);
        final long startNs = System.nanoTime();
        assertFalse(event.await(50, TimeUnit.MILLISECONDS));
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertTrue(elapsedMs >= 50, "a timed wait waits its timeout: elapsedMs=" + elapsedMs);
        assertFalse(event.await(0, TimeUnit.MILLISECONDS));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    @Timeout(30)
    void shouldEndWaitAtOnceWhenInterrupted(final WaitStrategy strategy) throws Exception
    {
        final Event event = Event.create(namespace, "e", strategy);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                event.await();
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        });
        waiter.start();
        SyncTestWaits.awaitWaiting(waiter, strategy, event.waitWord()); // asleep in the kernel where it sleeps
        waiter.interrupt();
        waiter.join(); // the event is never set: only the interrupt can end this wait
        assertInstanceOf(InterruptedException.class, thrown.get());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void shouldThrowAtOnceWhenAlreadyInterrupted(final WaitStrategy strategy)
    {
        final Event event = Event.create(namespace, "e", strategy);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> event.await(10, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void shouldRecordWakeModeOfCreatingStrategy(final WaitStrategy strategy)
    {
        final Event event = Event.create(namespace, "e", strategy);
        final int mode = event.region().buffer().getInt(event.region().bodyOffset() +
            EventDescriptor.WAIT_WORD_OFFSET + WaitWord.WAKE_MODE_OFFSET);
        assertEquals(strategy.sleeps() ? WaitWord.WAKES_SLEEPERS : WaitWord.SPIN_ONLY, mode);
    }

    @Test
    @Timeout(30)
    void shouldStillWakeBlockingHandleOfSpinOnlyObject() throws Exception
    {
        final Event spinOnly = Event.create(namespace, "e", BusySpinWaitStrategy.INSTANCE);
        final Event blockingHandle = Event.open(namespace, "e", BlockingWaitStrategy.INSTANCE);
        final CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return blockingHandle.await(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        SyncTestWaits.awaitSleepers(blockingHandle.waitWord(), 1); // announced, polling
        spinOnly.set(); // no wake: the blocking handle polls on a spin-only object
        assertTrue(waiter.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldPickStrategiesByNameAndPerNamespace()
    {
        assertSame(BlockingWaitStrategy.INSTANCE, WaitStrategies.byName("Blocking"));
        assertSame(BusySpinWaitStrategy.INSTANCE, WaitStrategies.byName("busy_spin"));
        assertInstanceOf(BackoffWaitStrategy.class, WaitStrategies.byName("backoff"));
        assertSame(SpinThenBlockWaitStrategy.DEFAULT, WaitStrategies.byName("spin-then-block"));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> WaitStrategies.byName("nap"));
        assertEquals("unknown wait strategy, expected spin-then-block|blocking|backoff|busy-spin: name=nap",
            ex.getMessage());

        assertSame(WaitStrategies.processDefault(), Event.create(namespace, "a").waitStrategy());
        WaitStrategies.setDefault(namespace, BusySpinWaitStrategy.INSTANCE);
        try
        {
            assertSame(BusySpinWaitStrategy.INSTANCE, Event.create(namespace, "b").waitStrategy());
            assertSame(BusySpinWaitStrategy.INSTANCE, Lock.create(namespace, "c").waitStrategy());
        }
        finally
        {
            WaitStrategies.setDefault(namespace, null);
        }
        assertSame(WaitStrategies.processDefault(), Event.open(namespace, "b").waitStrategy());
    }
}
