package io.mproc.process;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Warm spares: idle child JVMs, started in the background, that {@link ChildProcess#start()} hands its task to
 * instead of starting a JVM: what Python's {@code forkserver} does in spirit, for a JVM that cannot fork. The one
 * place they are configured.
 * <p>
 * A spare is started with the command line of the children it will become (java executable, class path, JVM
 * options, system properties, environment, working directory, where stdout goes: its {@link SpareProfile}), loads
 * mproc's classes and does a child's start-up work, then blocks reading its stdin, using no CPU. A child whose
 * profile matches a ready spare becomes that spare (its pid; its own name, daemon flag, exit code and output, as
 * from a cold start); one that matches none starts cold, as without spares. After each start of a profile, spares
 * of it are topped up in the background, one JVM at a time, so the first child of a profile starts cold unless
 * {@link #prepare(ChildProcess)} was called. Spares hold no shared object, run nothing but what this JVM sends,
 * and exit when this JVM exits or dies (their stdin reaches end of file). {@code ps} shows a spare as
 * {@code ChildMain --mproc-spare spare}, and a child from a spare keeps that command line.
 * <p>
 * The count ({@value #SPARES_PROPERTY}, or {@link #setCount(int)}) is the most spares kept in all: when a new
 * profile needs spares, those of the profile used longest ago are dismissed. 0 switches spares off. The default,
 * {@value #DEFAULT_COUNT}, was chosen from measurements on a 2-vCPU machine: an idle spare holds about 61 MiB of
 * memory (a sleeping child JVM 41 MiB; JNA, loaded ahead, is 10 of it, a pool worker's rehearsed start-up 3) and
 * costs no CPU, and a start from it takes about 4 ms to the child's first line instead of about 85 ms; one spare per
 * program is worth its memory, more only where children are started in bursts (a pool of n workers, n children at
 * once: set the count to n; a 2-worker pool from spares returns its first {@code map} in 23-35 ms instead of ~375).
 * Children with an AppCDS archive still to be made start cold.
 */
public final class WarmSpares
{
    /** System property with the number of spares: 0 switches them off. */
    public static final String SPARES_PROPERTY = "mproc.spares";
    /** Number of spares when {@value #SPARES_PROPERTY} is not set. */
    public static final int DEFAULT_COUNT = 1;

    private static final int UNSET = -1;
    private static volatile int countSet = UNSET;

    private WarmSpares()
    {
    }

    /**
     * @return the number of spares this JVM keeps: set by {@link #setCount(int)}, else by {@value #SPARES_PROPERTY},
     * else {@value #DEFAULT_COUNT}.
     * @throws IllegalArgumentException when {@value #SPARES_PROPERTY} is not a number from 0.
     */
    public static int count()
    {
        final int set = countSet;
        if (UNSET != set)
        {
            return set;
        }
        final String property = System.getProperty(SPARES_PROPERTY);
        if (null == property || property.isBlank())
        {
            return DEFAULT_COUNT;
        }
        try
        {
            return checkCount(Integer.parseInt(property.trim()));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("system property " + SPARES_PROPERTY + " must be a whole number from 0 " +
                "(0 switches warm spares off): " + SPARES_PROPERTY + "=" + property, ex);
        }
    }

    /**
     * Sets the number of spares, in place of {@value #SPARES_PROPERTY}; spares beyond it are dismissed now.
     *
     * @param count from 0 (off).
     * @throws IllegalArgumentException when negative.
     */
    public static void setCount(final int count)
    {
        countSet = checkCount(count);
        SpareStore.trim(count);
    }

    /**
     * Starts spares for children like {@code like} (its task's class path, its options), in the background, so
     * that the next children of that kind start warm; nothing when {@link #count()} is 0 or such children cannot
     * use spares (an AppCDS archive still to be made).
     *
     * @param like a process not started; it is left as it is, and may be started later.
     * @return completed when {@link #count()} spares of that kind are ready (or fewer, when a spare failed to start:
     * then the child will fail to start cold too, and say why).
     * @throws IllegalStateException when {@code like} has started.
     */
    public static CompletableFuture<Void> prepare(final ChildProcess like)
    {
        Objects.requireNonNull(like, "like");
        like.checkInitial("prepare spares for it");
        final SpareProfile profile = ChildLauncher.spareProfile(like, like.task());
        return null == profile ? CompletableFuture.completedFuture(null) : SpareStore.topUp(profile);
    }

    /**
     * @return completed once every top-up asked for so far (by {@link #prepare(ChildProcess)} or by a start) is done:
     * for a benchmark or a test that needs the spares of a profile it cannot name (a pool's workers) to be ready.
     */
    public static CompletableFuture<Void> toppedUp()
    {
        return SpareStore.toppedUp();
    }

    /**
     * @return the pids of the spares ready now.
     */
    public static List<Long> readyPids()
    {
        return SpareStore.readyPids();
    }

    /**
     * For tests: forgets {@link #setCount(int)}, so that {@value #SPARES_PROPERTY} counts again.
     */
    static void setCountUnset()
    {
        countSet = UNSET;
    }

    private static int checkCount(final int count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("number of warm spares must be 0 (off) or more: count=" + count);
        }
        return count;
    }
}
