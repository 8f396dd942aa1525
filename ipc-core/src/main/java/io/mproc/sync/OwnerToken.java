package io.mproc.sync;

import io.mproc.internal.ProcessIdentity;

/**
 * The 64-bit identity of a process as stored in an owner word: pid in the high half, the low 32 bits of its start
 * time ({@link ProcessIdentity}) in the low half. Fitting both in one word lets a single compare-and-set take
 * ownership and record the owner at once, so that nobody ever sees an owner without its identity. A recycled pid
 * differs in start time; the low 32 bits of a start time in clock ticks repeat only after 497 days at 100 Hz, so a
 * dead owner could only be mistaken for a live one if its pid came back exactly that long after it started.
 * <p>
 * Bit 63 (never set in a real pid) marks an owner that has won the word but not yet recorded its thread.
 */
final class OwnerToken
{
    static final long PENDING_BIT = 1L << 63;
    static final long CURRENT = of(ProcessIdentity.currentPid(), ProcessIdentity.currentStartTime());

    private static final long LOW_32_BITS = 0xFFFF_FFFFL;

    private OwnerToken()
    {
    }

    static long of(final long pid, final long startTime)
    {
        if (pid <= 0 || pid > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("pid out of range for an owner token: pid=" + pid);
        }
        return (pid << 32) | (startTime & LOW_32_BITS);
    }

    static long pid(final long token)
    {
        return (token & ~PENDING_BIT) >>> 32;
    }

    /**
     * @param token an owner token, pending or not; not 0.
     * @return true while the process it names runs (reads {@code /proc} on Linux: not for hot paths).
     */
    static boolean isAlive(final long token)
    {
        final long pid = pid(token);
        if (ProcessIdentity.currentPid() == pid)
        {
            return true;
        }
        final long startTime = ProcessIdentity.startTimeOf(pid);
        return ProcessIdentity.NOT_RUNNING != startTime && (startTime & LOW_32_BITS) == (token & LOW_32_BITS);
    }

    static String describe(final long token)
    {
        return 0 == token ? "none" : "pid " + pid(token) + ((token & PENDING_BIT) != 0 ? " (recording)" : "");
    }
}
