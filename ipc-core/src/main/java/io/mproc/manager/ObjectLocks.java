package io.mproc.manager;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

import static io.mproc.manager.ManagerProtocol.Ops.*;

/**
 * What keeps every operation one step with respect to every other when a manager has several server threads: an
 * operation on one object holds that object's stripe lock (and the shared side of a read-write lock), so operations
 * on different objects run at once; an operation that runs a function sent by the caller ({@code compute},
 * {@code merge}, {@code apply}...) or that changes the set of objects ({@code create}, {@code release}) holds the
 * exclusive side, alone in the server. Exclusive, because a function may use nested proxies, which run their
 * operations on other objects at once, on the same thread ({@link LocalInvoker}): taking their locks one by one could
 * deadlock against another function doing the reverse, and the function's step must cover them too.
 * <p>
 * The caller holds the lock while it runs the operation and encodes its result: a result may be (or hold) a live
 * object of the server, which another thread could otherwise change under the encoder.
 * <p>
 * A {@link StampedLock}, not a {@code ReentrantReadWriteLock}: its read side allocates nothing (the other counts
 * each reader thread's holds in a thread-local entry, dropped and made again as reads come and go). Nothing here
 * needs reentry: operations that nested proxies run inside a function take no lock ({@link LocalInvoker}).
 */
final class ObjectLocks
{
    private static final int STRIPES = 64;

    private final StampedLock objects = new StampedLock();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    ObjectLocks()
    {
        for (int i = 0; i < STRIPES; i++)
        {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Takes what operation {@code op} on object {@code objectId} needs; release it with {@link #unlock}.
     *
     * @return the stamp to give {@link #unlock}.
     */
    long lock(final int op, final long objectId)
    {
        if (isExclusive(op, objectId))
        {
            return objects.writeLock();
        }
        final long stamp = objects.readLock();
        stripes[stripe(objectId)].lock();
        return stamp;
    }

    /**
     * Releases what {@link #lock} took for the same operation and object.
     *
     * @param stamp returned by {@link #lock}.
     */
    void unlock(final int op, final long objectId, final long stamp)
    {
        if (isExclusive(op, objectId))
        {
            objects.unlockWrite(stamp);
        }
        else
        {
            stripes[stripe(objectId)].unlock();
            objects.unlockRead(stamp);
        }
    }

    /**
     * @return true when the operation must run alone in the server: it runs a caller's function or it is on the
     * manager itself (objects created, released, named; shutdown).
     */
    static boolean isExclusive(final int op, final long objectId)
    {
        if (0 == objectId)
        {
            return true;
        }
        switch (op)
        {
            case APPLY:
            case COMPUTE:
            case COMPUTE_IF_ABSENT:
            case COMPUTE_IF_PRESENT:
            case MERGE:
            case LIST_REPLACE_ALL:
            case LIST_UPDATE:
            case VALUE_UPDATE:
                return true;
            default:
                return false;
        }
    }

    private static int stripe(final long objectId)
    {
        return (int)(objectId ^ (objectId >>> 32)) & (STRIPES - 1);
    }
}
