package io.mproc.sync;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongArray;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Separate JVMs contend for one lock: mutual exclusion is exact, and only the owner may unlock.
 */
class LockMultiProcessTest extends MultiProcessTest
{
    private static final int PROCESSES = 4;
    private static final int INCREMENTS_PER_PROCESS = 20_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killChildren()
    {
        children.forEach(ChildJvm::close);
    }

    @Test
    @Timeout(120)
    void shouldLoseNoPlainIncrementWhenFourProcessesContendForTheLock()
    {
        Lock.create(namespace, "lock");
        final LongArray plain = LongArray.create(namespace, "plain", 1);
        final LongValue value = LongValue.create(namespace, "value", 0);
        final Event go = Event.create(namespace, "go");
        for (int i = 0; i < PROCESSES; i++)
        {
            children.add(ChildJvm.start(SyncChildMain.class, "increment", namespace.directory().toString(),
                Integer.toString(INCREMENTS_PER_PROCESS)));
        }
        for (final ChildJvm child : children)
        {
            child.awaitLine("READY", TIMEOUT);
        }
        go.set(); // all start at once, for the most contention
        for (final ChildJvm child : children)
        {
            child.assertSuccess(TIMEOUT);
        }

        assertEquals((long)PROCESSES * INCREMENTS_PER_PROCESS, plain.getVolatile(0));
        assertEquals((long)PROCESSES * INCREMENTS_PER_PROCESS, value.get());
    }

    @Test
    @Timeout(60)
    void shouldThrowIllegalMonitorStateWhenAnotherProcessUnlocks()
    {
        final Lock lock = Lock.create(namespace, "lock");
        lock.lock();
        try
        {
            final ChildJvm child = ChildJvm.start(SyncChildMain.class, "unlock-foreign",
                namespace.directory().toString());
            children.add(child);
            final String line = child.awaitLine("", TIMEOUT);
            assertTrue(line.startsWith("IMSE lock not held by this thread: owner=pid " +
                io.mproc.internal.ProcessIdentity.currentPid()), line);
            child.assertSuccess(TIMEOUT);
            assertTrue(lock.isHeldByCurrentThread());
        }
        finally
        {
            lock.unlock();
        }
    }
}
