package io.mproc.sync;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python's repr of a lock, {@code <Lock(owner=...)>} and {@code <RLock(owner, count)>}: toString shows whether the
 * lock is held, by which process and thread, and (for an RLock) how many holds, also when the owner is another JVM.
 */
class LockReprTest extends MultiProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    @Timeout(30)
    void shouldShowLockedOwnerAndUnlockedState()
    {
        final Lock lock = Lock.create(namespace, "lock");
        assertEquals("Lock{name=lock, unlocked, recoveries=0}", lock.toString());
        lock.lock();
        assertEquals("Lock{name=lock, locked, owner=pid " + ProcessHandle.current().pid() + " thread " +
            Thread.currentThread().getId() + ", recoveries=0}", lock.toString());
        lock.unlock();
        assertEquals("Lock{name=lock, unlocked, recoveries=0}", lock.toString());
        lock.close();
        assertEquals("Lock{name=lock, closed}", lock.toString());
    }

    @Test
    @Timeout(30)
    void shouldShowRLockOwnerAndHoldCount()
    {
        final RLock rlock = RLock.create(namespace, "rlock");
        assertEquals("RLock{name=rlock, owner=none, count=0, recoveries=0}", rlock.toString());
        rlock.lock();
        rlock.lock();
        final String owner = "pid " + ProcessHandle.current().pid() + " thread " + Thread.currentThread().getId();
        assertEquals("RLock{name=rlock, owner=" + owner + ", count=2, recoveries=0}", rlock.toString());
        rlock.unlock();
        assertEquals("RLock{name=rlock, owner=" + owner + ", count=1, recoveries=0}", rlock.toString());
        rlock.unlock();
        assertEquals("RLock{name=rlock, owner=none, count=0, recoveries=0}", rlock.toString());
    }

    @Test
    @Timeout(60)
    void shouldShowOwnerInAnotherProcessWithItsHoldCount()
    {
        final RLock rlock = RLock.create(namespace, "rlock");
        final Lock lock = Lock.create(namespace, "lock");
        children.add(ChildJvm.start(SyncChildMain.class, "hold", namespace.directory().toString(), "rlock"));
        children.get(0).awaitLine("HELD", TIMEOUT);
        children.add(ChildJvm.start(SyncChildMain.class, "hold", namespace.directory().toString(), "lock"));
        children.get(1).awaitLine("HELD", TIMEOUT);

        final String rlockOwner = "owner=pid " + children.get(0).pid() + " thread ";
        final String text = rlock.toString();
        assertTrue(text.startsWith("RLock{name=rlock, " + rlockOwner) && text.endsWith(", count=3, recoveries=0}"),
            text);
        final String lockText = lock.toString();
        assertTrue(lockText.startsWith("Lock{name=lock, locked, owner=pid " + children.get(1).pid() +
            " thread "), lockText);
    }
}
