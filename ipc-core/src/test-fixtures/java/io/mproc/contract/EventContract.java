package io.mproc.contract;

import io.mproc.Context;
import io.mproc.sync.SharedEvent;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract of {@link Context#event}: a flag set in one process wakes the waiters of another; clear resets it.
 */
public abstract class EventContract extends ContractTestBase
{
    @Test
    void setClearAndTimedAwait() throws InterruptedException
    {
        final String name = name("event");
        try (SharedEvent event = context().event(name))
        {
            assertEquals(name, event.name());
            assertFalse(event.isSet(), "a new event is clear");
            assertFalse(event.await(10, TimeUnit.MILLISECONDS));
            event.set();
            assertTrue(event.isSet());
            assertTrue(event.await(0, TimeUnit.MILLISECONDS), "a set event returns at once");
            event.await();
            event.clear();
            assertFalse(event.isSet());
        }
    }

    @Test
    void setInThisProcessWakesAWaiterInAnother()
    {
        final String name = name("event");
        try (SharedEvent event = context().event(name))
        {
            final ChildJvm child = child(EventContract.class, "awaitEvent", name);
            child.awaitLine("waiting", GUARD);
            assertFalse(child.stdout().contains("seen"), "the child saw an event nobody set");
            event.set();
            child.awaitLine("seen", GUARD);
            child.assertSuccess(GUARD);
        }
    }

    @Test
    void setInAnotherProcessWakesAWaiterHere() throws InterruptedException
    {
        final String name = name("event");
        try (SharedEvent event = context().event(name))
        {
            final ChildJvm child = child(EventContract.class, "setEvent", name);
            assertTrue(event.await(GUARD.toSeconds(), TimeUnit.SECONDS), "the child's set never arrived");
            child.assertSuccess(GUARD);
        }
    }

    static void awaitEvent(final Context context, final String[] args) throws InterruptedException
    {
        try (SharedEvent event = context.event(args[0]))
        {
            ContractChild.say("waiting");
            event.await();
            ContractChild.say("seen");
        }
    }

    static void setEvent(final Context context, final String[] args)
    {
        try (SharedEvent event = context.event(args[0]))
        {
            event.set();
        }
    }
}
