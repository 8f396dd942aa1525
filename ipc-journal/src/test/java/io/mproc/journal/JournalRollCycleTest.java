package io.mproc.journal;

import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roll cycles: every one a journal accepts shows a message just appended to a new reader; the one whose cycle file
 * names Chronicle cannot read back ({@code WEEKLY}: it names the file {@code 2026W49} for cycle 2969, then parses
 * that name as 20786, the week's first epoch day, so readers look for a cycle that has no file) is refused.
 */
@Timeout(60)
class JournalRollCycleTest
{
    @TempDir
    Path temp;

    @Test
    void everyAcceptedRollCycleShowsAMessageJustAppendedToANewReader()
    {
        final List<RollCycles> refused = new ArrayList<>();
        for (final RollCycles rollCycle : RollCycles.values())
        {
            final JournalBuilder<Object> builder = Journal.builder(temp.resolve(rollCycle.name()));
            try
            {
                builder.rollCycle(rollCycle);
            }
            catch (final IllegalArgumentException ex)
            {
                refused.add(rollCycle);
                continue;
            }
            try (Journal<Object> journal = builder.open())
            {
                final long index = journal.append("m");
                assertEquals(List.of("m"), JournalTest.readAll(journal.reader()), rollCycle + " reader()");
                assertEquals(List.of("m"), JournalTest.readAll(journal.readerFromIndex(index)), rollCycle + " index");
                assertEquals(List.of("m"), JournalTest.readAll(journal.readerFromTime(0)), rollCycle + " time");
            }
        }
        assertEquals(List.of(RollCycles.WEEKLY), refused);
    }

    @Test
    void refusesWeeklyNamingItsCycleFileAndWhatToUseInstead()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Journal.builder(temp.resolve("j")).rollCycle(RollCycles.WEEKLY));
        assertTrue(ex.getMessage().contains("rollCycle=WEEKLY"), ex.getMessage());
        assertTrue(ex.getMessage().contains("W"), ex.getMessage());
        assertTrue(ex.getMessage().contains("DAILY"), ex.getMessage());
    }
}
