package io.mproc.sync;

import io.mproc.memory.KindMismatchException;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionExistsException;
import io.mproc.memory.RegionNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTest
{
    private Namespace namespace;

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
    void shouldSetClearAndShareStateBetweenHandles() throws Exception
    {
        final Event event = Event.create(namespace, "e");
        final Event other = Event.createOrOpen(namespace, "e");
        assertFalse(event.isSet());
        other.set();
        assertTrue(event.isSet());
        assertTrue(event.await(0, TimeUnit.SECONDS), "returns at once while set");
        event.await();
        event.clear();
        assertFalse(other.isSet());
        assertFalse(other.await(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldRefuseWrongKindMissingNameAndDuplicateCreate()
    {
        Lock.create(namespace, "lock");
        Event.create(namespace, "e");
        assertThrows(KindMismatchException.class, () -> Event.open(namespace, "lock"));
        assertThrows(KindMismatchException.class, () -> Lock.open(namespace, "e"));
        assertThrows(KindMismatchException.class, () -> RLock.open(namespace, "lock"));
        assertThrows(KindMismatchException.class, () -> Semaphore.open(namespace, "e"));
        assertThrows(KindMismatchException.class, () -> Condition.open(namespace, "e"));
        assertThrows(KindMismatchException.class, () -> Barrier.open(namespace, "e"));
        assertThrows(RegionNotFoundException.class, () -> Event.open(namespace, "missing"));
        assertThrows(RegionExistsException.class, () -> Event.create(namespace, "e"));
    }

    @Test
    void shouldThrowAfterClose()
    {
        final Event event = Event.create(namespace, "e");
        event.close();
        assertThrows(IllegalStateException.class, event::set);
    }
}
