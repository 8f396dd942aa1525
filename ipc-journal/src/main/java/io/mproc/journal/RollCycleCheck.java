package io.mproc.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;

import java.io.File;
import java.nio.file.Path;

/**
 * The check that Chronicle Queue reads back the names it gives a roll cycle's files. A queue finds its cycles by
 * listing its directory and parsing each file name into a cycle number (its directory listing, {@code toStart},
 * replay): a roll cycle whose names do not parse back to the cycle that wrote them leaves readers looking for a
 * cycle no file holds, so they never see what was appended. Chronicle's {@code WEEKLY} (format
 * {@code YYYY'W'ww}) is one: it names cycle 2969 {@code 2026W49} and parses that name as 20786, the epoch day the
 * week starts on. Such a roll cycle is refused before anything is written.
 */
final class RollCycleCheck
{
    private RollCycleCheck()
    {
    }

    /**
     * @param rollCycle a roll cycle for the journal.
     * @param directory of the journal, for the message.
     * @throws IllegalArgumentException when Chronicle would not read back the name of the current or the next cycle.
     */
    static void requireReadableFileNames(final RollCycle rollCycle, final Path directory)
    {
        final long epoch = rollCycle.defaultEpoch(); // a journal sets no epoch: Chronicle takes the roll cycle's own
        final RollingResourcesCache names = new RollingResourcesCache(rollCycle, epoch, File::new, File::getName);
        final int current = (int)Math.floorDiv(System.currentTimeMillis() - epoch, (long)rollCycle.lengthInMillis());
        for (int cycle = current; cycle <= current + 1; cycle++)
        {
            final String name = names.resourceFor(cycle).text;
            final int readBack = names.parseCount(name);
            if (readBack != cycle)
            {
                throw new IllegalArgumentException("rollCycle=" + rollCycle + " cannot be used for journal " +
                    directory + ": Chronicle Queue names the file of cycle " + cycle + " '" + name +
                    "' but reads that name back as cycle " + readBack + ", so readers would never find the " +
                    "messages appended to it; use a daily roll cycle (FAST_DAILY, the default, or DAILY) or a " +
                    "shorter one instead");
            }
        }
    }
}
