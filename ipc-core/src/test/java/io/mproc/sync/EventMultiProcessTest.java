package io.mproc.sync;

import io.mproc.internal.Futex;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events set in one JVM wake waiters in another, whether the waiter sleeps on a futex or polls; and a waiter asleep
 * on an event uses next to no CPU.
 */
class EventMultiProcessTest extends MultiProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    @Timeout(60)
    void shouldWakeWaiterInAnotherProcessAndBeWokenBack() throws Exception
    {
        assertTrue(Futex.isAvailable(), "these machines run Linux: the futex path is the one under test");
        final Event ping = Event.create(namespace, "ping");
        final Event pong = Event.create(namespace, "pong");
        child = ChildJvm.start(SyncChildMain.class, "event-wait", namespace.directory().toString(), "ping", "pong");
        child.awaitLine("WAITING", TIMEOUT);
        SyncTestWaits.awaitSleepers(ping.waitWord(), 1); // the child is asleep in the kernel, not spinning

        assertTrue(!pong.await(10, TimeUnit.MILLISECONDS), "pong not set yet");
        ping.set();
        assertTrue(pong.await(10, TimeUnit.SECONDS), "woken back");
        assertEquals("WOKE true", child.awaitLine("WOKE", TIMEOUT));
        child.assertSuccess(TIMEOUT);
    }

    @Test
    @Timeout(60)
    void shouldWakeWaiterThatPollsWithoutFutex() throws Exception
    {
        final Event ping = Event.create(namespace, "ping", BlockingWaitStrategy.INSTANCE);
        final Event pong = Event.create(namespace, "pong", BlockingWaitStrategy.INSTANCE);
        child = ChildJvm.start(List.of("-D" + Futex.DISABLE_PROPERTY + "=true"), SyncChildMain.class, "event-wait",
            namespace.directory().toString(), "ping", "pong");
        child.awaitLine("WAITING", TIMEOUT);
        SyncTestWaits.awaitSleepers(ping.waitWord(), 1); // announced, polling

        ping.set();
        assertTrue(pong.await(10, TimeUnit.SECONDS), "the polling child saw the event and set ours");
        assertEquals("WOKE true", child.awaitLine("WOKE", TIMEOUT));
        child.assertSuccess(TIMEOUT);
    }

    @Test
    @Timeout(60)
    void shouldUseNearlyNoCpuWhileBlockedOnEvent() throws Exception
    {
        final Event event = Event.create(namespace, "e");
        child = ChildJvm.start(SyncChildMain.class, "event-wait-cpu", namespace.directory().toString());
        final String cpu = child.awaitLine("CPU", TIMEOUT);
        event.set();
        assertEquals("WOKE true", child.awaitLine("WOKE", TIMEOUT));
        child.assertSuccess(TIMEOUT);

        // "CPU thread=<ns> process=<ns>", over one second of waiting
        final String[] fields = cpu.split("[ =]");
        final long threadNs = Long.parseLong(fields[2]);
        final long processNs = Long.parseLong(fields[4]);
        // A spinning waiter would show ~1 s. These bounds are generous: a behaviour check, not a benchmark.
        assertTrue(threadNs < TimeUnit.MILLISECONDS.toNanos(5), "waiting thread used " + threadNs + " ns: " + cpu);
        assertTrue(processNs < TimeUnit.MILLISECONDS.toNanos(150), "waiting JVM used " + processNs + " ns: " + cpu);
    }
}
