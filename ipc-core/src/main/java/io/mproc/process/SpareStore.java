package io.mproc.process;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The ready {@link Spare}s of this JVM, by {@link SpareProfile}, and the one background thread that starts them.
 * At most {@link WarmSpares#count()} spares are kept in all: topping up one profile first dismisses the spares of
 * the profile used longest ago. Spares are started one at a time, never on a caller's path, and a spare is handed
 * out only once it is ready. Thread-safe.
 * <p>
 * The top-up after a start waits until no child has started for {@value #QUIET_MS} ms, so that a burst of starts
 * takes the ready spares first and leaves the replacing to the quiet after it.
 */
final class SpareStore
{
    private static final Map<SpareProfile, ArrayDeque<Spare>> READY = new LinkedHashMap<>(16, 0.75f, true);
    private static final ThreadPoolExecutor STARTER = starter();
    /**
     * How long after the last child start a top-up waits before it starts a spare: a burst of starts (five children,
     * a pool's workers) and the work that follows them do not share the CPU with spares starting meanwhile.
     */
    private static final long QUIET_MS = 250;
    private static final long QUIET_NS = TimeUnit.MILLISECONDS.toNanos(QUIET_MS);
    private static volatile long lastStartNs = System.nanoTime() - QUIET_NS;

    private SpareStore()
    {
    }

    /**
     * @param profile of the child about to start.
     * @return a ready, live spare of exactly that profile, now the caller's; null when there is none.
     */
    static Spare take(final SpareProfile profile)
    {
        synchronized (READY)
        {
            final ArrayDeque<Spare> spares = READY.get(profile);
            while (null != spares && !spares.isEmpty())
            {
                final Spare spare = spares.pollFirst();
                if (spare.isAlive())
                {
                    return spare;
                }
                ProcessLogging.debug("dropping a dead spare: " + spare);
            }
            return null;
        }
    }

    /**
     * Starts spares of {@code profile} in the background until {@link WarmSpares#count()} of them are ready.
     *
     * @param profile to top up.
     * @return completed once it is done (or has given up: a spare that dies before it is ready is not retried).
     */
    static CompletableFuture<Void> topUp(final SpareProfile profile)
    {
        return CompletableFuture.runAsync(new TopUp(profile, false), STARTER);
    }

    /**
     * Tops up the spares of a profile of which a child has just started, once no child has started for a while.
     *
     * @param profile to top up.
     */
    static void topUpAfterStart(final SpareProfile profile)
    {
        lastStartNs = System.nanoTime();
        STARTER.execute(new TopUp(profile, true));
    }

    /**
     * @return completed once the top-ups submitted so far have run: the starter runs them in order, one at a time.
     */
    static CompletableFuture<Void> toppedUp()
    {
        return CompletableFuture.runAsync(new TopUp(null, false), STARTER);
    }

    /**
     * Dismisses spares beyond {@code count}, those of the profiles used longest ago first.
     *
     * @param count of spares to keep.
     */
    static void trim(final int count)
    {
        synchronized (READY)
        {
            dismissBeyond(count, null);
        }
    }

    /**
     * @return the pids of the ready spares, in no order.
     */
    static List<Long> readyPids()
    {
        synchronized (READY)
        {
            final List<Long> pids = new ArrayList<>();
            for (final ArrayDeque<Spare> spares : READY.values())
            {
                for (final Spare spare : spares)
                {
                    pids.add(spare.pid());
                }
            }
            return pids;
        }
    }

    /**
     * Dismisses spares, of other profiles than {@code keep} and then of {@code keep}, until at most {@code count}
     * remain. Holds the lock of {@link #READY}.
     */
    private static void dismissBeyond(final int count, final SpareProfile keep)
    {
        int total = 0;
        for (final ArrayDeque<Spare> spares : READY.values())
        {
            total += spares.size();
        }
        final Iterator<Map.Entry<SpareProfile, ArrayDeque<Spare>>> profiles = READY.entrySet().iterator();
        while (total > count && profiles.hasNext())
        {
            final Map.Entry<SpareProfile, ArrayDeque<Spare>> entry = profiles.next();
            final ArrayDeque<Spare> spares = entry.getValue();
            while (total > count && !spares.isEmpty() && !entry.getKey().equals(keep))
            {
                spares.pollLast().dismiss();
                total--;
            }
            if (spares.isEmpty())
            {
                profiles.remove();
            }
        }
        final ArrayDeque<Spare> kept = null == keep ? null : READY.get(keep);
        while (total > count && null != kept && !kept.isEmpty())
        {
            kept.pollLast().dismiss();
            total--;
        }
    }

    /**
     * Room for one more spare of {@code profile}, made by dismissing spares of other profiles if need be.
     *
     * @return false when {@code profile} has its count of spares already.
     */
    private static boolean makeRoomFor(final SpareProfile profile, final int count)
    {
        synchronized (READY)
        {
            final ArrayDeque<Spare> spares = READY.get(profile);
            if (count <= 0 || (null != spares && spares.size() >= count))
            {
                return false;
            }
            dismissBeyond(count - 1, profile);
            return true;
        }
    }

    private static void addReady(final Spare spare)
    {
        synchronized (READY)
        {
            READY.computeIfAbsent(spare.profile(), ignore -> new ArrayDeque<>()).addLast(spare);
            dismissBeyond(WarmSpares.count(), spare.profile());
        }
    }

    private static ThreadPoolExecutor starter()
    {
        final ThreadFactory daemon = runnable ->
        {
            final Thread thread = new Thread(runnable, "mproc-spare-starter");
            thread.setDaemon(true);
            return thread;
        };
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), daemon);
        executor.allowCoreThreadTimeOut(true); // no thread left behind while there is nothing to start
        return executor;
    }

    /**
     * Starts spares of one profile, one at a time, until it has its count; with no profile, does nothing (a marker
     * in the starter's queue).
     */
    private static final class TopUp implements Runnable
    {
        private final SpareProfile profile;
        private final boolean afterQuiet;

        TopUp(final SpareProfile profile, final boolean afterQuiet)
        {
            this.profile = profile;
            this.afterQuiet = afterQuiet;
        }

        public void run()
        {
            if (afterQuiet)
            {
                awaitQuiet();
            }
            while (null != profile && makeRoomFor(profile, WarmSpares.count()))
            {
                final Spare spare;
                try
                {
                    spare = Spare.start(profile);
                }
                catch (final IOException ex)
                {
                    ProcessLogging.debug("cannot start a spare: " + ex);
                    return;
                }
                if (!spare.awaitReady())
                {
                    ProcessLogging.debug("a spare exited before it was ready: " + spare);
                    spare.process().destroyForcibly();
                    return;
                }
                ProcessLogging.debug("spare ready: " + spare);
                addReady(spare);
            }
        }

        private static void awaitQuiet()
        {
            long quietInNs;
            while ((quietInNs = lastStartNs + QUIET_NS - System.nanoTime()) > 0)
            {
                try
                {
                    TimeUnit.NANOSECONDS.sleep(quietInNs);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
