package io.mproc.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes the cycle files of a journal that every named subscriber and every consumer group has finished with:
 * those whose cycle is before the cycle of the oldest subscriber position, group cursor or unacknowledged claim.
 */
final class HistoryDeletion
{
    private static final Logger LOGGER = LoggerFactory.getLogger(HistoryDeletion.class);

    private final Path directory;
    private final SingleChronicleQueue queue;

    HistoryDeletion(final Path directory, final SingleChronicleQueue queue)
    {
        this.directory = directory;
        this.queue = queue;
    }

    int run()
    {
        final long oldest = oldestNeededIndex();
        if (oldest < 0)
        {
            return 0;
        }
        final RollCycle rollCycle = queue.rollCycle();
        final int keepFromCycle = Math.min(rollCycle.toCycle(oldest), queue.cycle());
        final DateTimeFormatter format = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        // Chronicle's cycle file names start with the year and are fixed-width: their order is the cycles' order.
        final String firstKept = format.format(Instant.ofEpochMilli((long)keepFromCycle * rollCycle.lengthInMillis())) +
            Journal.CYCLE_FILE_SUFFIX;
        int deleted = 0;
        for (final Path file : list("."))
        {
            final String name = file.getFileName().toString();
            if (name.endsWith(Journal.CYCLE_FILE_SUFFIX) && name.length() == firstKept.length() &&
                name.compareTo(firstKept) < 0)
            {
                try
                {
                    Files.deleteIfExists(file);
                    deleted++;
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot delete " + file, ex);
                }
            }
        }
        if (deleted > 0)
        {
            queue.refreshDirectoryListing();
            LOGGER.info("journal {}: deleted {} consumed cycle file(s) before cycle {}", directory, deleted,
                keepFromCycle);
        }
        return deleted;
    }

    /**
     * @return the oldest index any subscriber or group still needs, or -1 when there is none to consume for
     * (no subscriber and no group) or one has consumed nothing yet.
     */
    private long oldestNeededIndex()
    {
        final List<Long> needed = new ArrayList<>();
        for (final Path entry : list(JournalFiles.SUBSCRIBERS_DIRECTORY))
        {
            needed.add(queue.indexForId(entry.getFileName().toString()).getVolatileValue());
        }
        for (final Path entry : list(JournalFiles.GROUPS_DIRECTORY))
        {
            if (!entry.getFileName().toString().endsWith(".group"))
            {
                continue;
            }
            try (ClaimTable table = ClaimTable.openOrCreate(entry, 1))
            {
                final long cursor = table.cursorVolatile();
                needed.add(GroupDescriptor.isLocked(cursor) ? -1 : cursor);
                for (int slot = 0; slot < table.slotCount(); slot++)
                {
                    final long claimed = table.claimedIndex(slot);
                    if (GroupDescriptor.NONE != claimed)
                    {
                        needed.add(claimed);
                    }
                }
            }
        }
        long oldest = needed.isEmpty() ? -1 : Long.MAX_VALUE;
        for (final long index : needed)
        {
            oldest = index <= 0 ? -1 : Math.min(oldest, index);
            if (oldest < 0)
            {
                break;
            }
        }
        return oldest;
    }

    private List<Path> list(final String subdirectory)
    {
        try (Stream<Path> entries = Files.list(directory.resolve(subdirectory)))
        {
            return entries.toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory.resolve(subdirectory), ex);
        }
    }
}
