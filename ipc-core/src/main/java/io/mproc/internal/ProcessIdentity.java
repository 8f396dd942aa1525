package io.mproc.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Identifies a process by its pid plus its start time, so that a recycled pid is never mistaken for the
 * process that once had it.
 * <p>
 * On Linux the start time is field 22 of {@code /proc/<pid>/stat} (clock ticks since boot), which is exact and
 * cheap to read. Elsewhere it falls back to {@link ProcessHandle.Info#startInstant()} in milliseconds.
 */
public final class ProcessIdentity
{
    /** Start time reported for a process that does not exist (or is a zombie). */
    public static final long NOT_RUNNING = -1;

    private static final Path PROC = Paths.get("/proc");
    private static final boolean HAS_PROC = Files.isReadable(PROC.resolve("self/stat"));
    private static final long CURRENT_PID = ProcessHandle.current().pid();
    private static final long CURRENT_START_TIME = startTimeOf(CURRENT_PID);
    private static final long CURRENT_OWNER_WORD = ownerWord(CURRENT_PID, CURRENT_START_TIME);

    private ProcessIdentity()
    {
    }

    /**
     * @return the pid of this JVM.
     */
    public static long currentPid()
    {
        return CURRENT_PID;
    }

    /**
     * @return the start time of this JVM, in the unit of {@link #startTimeOf(long)}.
     */
    public static long currentStartTime()
    {
        return CURRENT_START_TIME;
    }

    /**
     * The start time of a running process.
     *
     * @param pid of the process.
     * @return its start time, or {@link #NOT_RUNNING} when no such process runs (a zombie counts as not running).
     */
    public static long startTimeOf(final long pid)
    {
        if (pid <= 0)
        {
            return NOT_RUNNING;
        }
        if (HAS_PROC)
        {
            return procStartTime(pid);
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return NOT_RUNNING;
        }
        return handle.get().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Is the process that had this pid and start time still running?
     *
     * @param pid       of the process.
     * @param startTime recorded for it by {@link #startTimeOf(long)} in any process on this machine.
     * @return true when the same process is still running.
     */
    public static boolean isAlive(final long pid, final long startTime)
    {
        final long actualStartTime = startTimeOf(pid);
        return NOT_RUNNING != actualStartTime && actualStartTime == startTime;
    }

    /**
     * Packs this process's identity into one word that can be compare-and-set in shared memory: the pid in the
     * high 32 bits, the low 32 bits of the start time below. Never 0, so 0 can mean "nobody".
     *
     * @return the owner word of this process.
     */
    public static long currentOwnerWord()
    {
        return ownerWord(CURRENT_PID, CURRENT_START_TIME);
    }

    /**
     * @param pid       of a process.
     * @param startTime of that process.
     * @return its owner word (see {@link #currentOwnerWord()}).
     */
    public static long ownerWord(final long pid, final long startTime)
    {
        if (pid <= 0 || pid > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("pid out of range for an owner word: pid=" + pid);
        }
        return (pid << 32) | (startTime & 0xFFFF_FFFFL);
    }

    /**
     * @param ownerWord from {@link #ownerWord(long, long)}.
     * @return the pid in it.
     */
    public static long pidOf(final long ownerWord)
    {
        return ownerWord >>> 32;
    }

    /**
     * Is the process an owner word names still running? Reads {@code /proc}: a system call, so callers check only
     * after waiting a while, never on a fast path.
     *
     * @param ownerWord from {@link #ownerWord(long, long)}; 0 is nobody, reported as not alive.
     * @return true when the same process still runs.
     */
    public static boolean isOwnerAlive(final long ownerWord)
    {
        if (0 == ownerWord)
        {
            return false;
        }
        if (CURRENT_OWNER_WORD == ownerWord)
        {
            return true;
        }
        final long startTime = startTimeOf(pidOf(ownerWord));
        return NOT_RUNNING != startTime && (startTime & 0xFFFF_FFFFL) == (ownerWord & 0xFFFF_FFFFL);
    }

    private static long procStartTime(final long pid)
    {
        final String stat;
        try
        {
            stat = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")),
                StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            return NOT_RUNNING;
        }

        // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
        final int afterName = stat.lastIndexOf(')');
        if (afterName < 0)
        {
            return NOT_RUNNING;
        }
        final String[] fields = stat.substring(afterName + 2).split(" ");
        final String state = fields[0]; // field 3
        if ("Z".equals(state) || "X".equals(state) || "x".equals(state))
        {
            return NOT_RUNNING;
        }
        return Long.parseLong(fields[19]); // field 22: starttime
    }
}
