package io.mproc.sync;

import io.mproc.internal.ProcessIdentity;

/**
 * The 64-bit identity of a process as stored in an owner word ({@link ProcessIdentity#ownerWord}, shared with the
 * queue's consumer lock): pid in the high half, the low 32 bits of its start time in the low half. Fitting both in one word lets a single compare-and-set take
 * ownership and record the owner at once, so that nobody ever sees an owner without its identity. A recycled pid
 * differs in start time; the low 32 bits of a start time in clock ticks repeat only after 497 days at 100 Hz, so a
 * dead owner could only be mistaken for a live one if its pid came back exactly that long after it started.
 * <p>
 * Bit 63 (never set in a real pid) marks an owner that has won the word but not yet recorded its thread.
 */
final class OwnerToken
{
    static final long PENDING_BIT = LockDescriptor.OWNER_PENDING_BIT;
    static final long CURRENT = of(ProcessIdentity.currentPid(), ProcessIdentity.currentStartTime());

    private OwnerToken()
    {
    }

    static long of(final long pid, final long startTime)
    {
        return ProcessIdentity.ownerWord(pid, startTime);
    }

    static long pid(final long token)
    {
        return ProcessIdentity.pidOf(token & ~PENDING_BIT);
    }

    /**
     * @param token an owner token, pending or not; not 0.
     * @return true while the process it names runs (reads {@code /proc} on Linux: not for hot paths).
     */
    static boolean isAlive(final long token)
    {
        return ProcessIdentity.isOwnerAlive(token & ~PENDING_BIT);
    }

    static String describe(final long token)
    {
        return 0 == token ? "none" : "pid " + pid(token) + ((token & PENDING_BIT) != 0 ? " (recording)" : "");
    }
}
