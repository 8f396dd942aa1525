package io.mproc.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Journal#deleteAcknowledged()} deleting a real cycle file (one-second cycles) while other JVMs hold the
 * journal open: the cycle every subscriber and the group finished with goes, the cycle holding a dead member's
 * unacknowledged claim stays, and subscribers, members and new processes go on after the deletion.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JournalRetentionTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void deletesTheCycleEveryoneAcknowledgedKeepsAnUnacknowledgedClaimsCycleAndReadersGoOnAcrossJvms()
        throws Exception
    {
        final Path dir = temp.resolve("j");
        try (Journal<Object> journal = RetentionChildren.builder(dir.toString()).open())
        {
            // Cycles A, B, C with two messages each: m0 m1 | m2 m3 | m4 m5.
            int cycle = -1;
            for (int pair = 0; pair < 3; pair++)
            {
                awaitCycleAfter(cycle);
                cycle = appendPair(journal, pair);
            }
            final List<Path> cycleFiles = cycleFiles(dir);
            assertEquals(3, cycleFiles.size(), "one cycle file per pair: " + cycleFiles);
            final String dirName = dir.toString();
            try (JournalChild subscriber = start(RetentionChildren.StepSubscriberMain.class, dirName, "s");
                JournalChild member = start(RetentionChildren.StepMemberMain.class, dirName, "g", "3600000"))
            {
                assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), step(subscriber, 5, "read "));
                assertEquals(List.of("m0 false", "m1 false", "m2 false"), step(member, 3, "handled "));
                try (JournalChild stuck = JournalChild.start(RetentionChildren.StuckMemberMain.class, dirName, "g"))
                {
                    assertEquals("claimed m3", stuck.awaitLine("claimed", WAIT));
                    stuck.kill(); // m3, in cycle B, stays claimed and unacknowledged
                }
                assertEquals(List.of("m4 false"), step(member, 1, "handled "));

                // Subscriber in C, group cursor in C, m3's claim in B: only A is finished with.
                assertEquals(1, journal.deleteAcknowledged());
                assertFalse(Files.exists(cycleFiles.get(0)), "cycle A deleted: " + cycleFiles(dir));
                assertEquals(cycleFiles.subList(1, 3), cycleFiles(dir));
                assertEquals(0, journal.deleteAcknowledged(), "B holds an unacknowledged claim: kept");

                assertEquals(List.of("m5"), step(subscriber, 1, "read "));
                assertEquals(List.of("m2", "m3", "m4", "m5"), JournalTest.readAll(journal.reader()));
            }
            journal.append("m6");
            try (JournalChild subscriber = start(RetentionChildren.StepSubscriberMain.class, dirName, "s");
                JournalChild member = start(RetentionChildren.StepMemberMain.class, dirName, "g", "10"))
            {
                assertEquals(List.of("m6"), step(subscriber, 1, "read "), "the restarted subscriber resumes");
                assertEquals(List.of("m3 true", "m5 false", "m6 false"), step(member, 3, "handled "),
                    "the dead member's claim is redelivered from the kept cycle, then the group goes on");
            }
            assertTrue(journal.deleteAcknowledged() >= 1, "B finished with now: " + cycleFiles(dir));
            assertFalse(Files.exists(cycleFiles.get(1)), "cycle B deleted: " + cycleFiles(dir));
        }
    }

    /** Appends m(2 pair) and m(2 pair + 1), both in the cycle the clock is in: the first half of a second. */
    private static int appendPair(final Journal<Object> journal, final int pair)
    {
        final long first = journal.append("m" + (2 * pair));
        final long second = journal.append("m" + (2 * pair + 1));
        assertEquals(journal.rollCycleOf(first), journal.rollCycleOf(second), "the pair shares a cycle");
        return journal.rollCycleOf(second);
    }

    /** Waits until the clock is in the first half of a one-second cycle after {@code cycle}. */
    private static void awaitCycleAfter(final int cycle) throws InterruptedException
    {
        while (true)
        {
            final long now = System.currentTimeMillis();
            if (now / 1000 > cycle && now % 1000 < 500)
            {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(10); // waiting for the clock's next cycle, not for another process
        }
    }

    private static JournalChild start(final Class<?> main, final String... args) throws InterruptedException
    {
        final JournalChild child = JournalChild.start(main, args);
        child.awaitLine("ready", WAIT);
        return child;
    }

    /** Has the child handle {@code count} messages; returns what it printed for them, prefix removed. */
    private static List<String> step(final JournalChild child, final int count, final String prefix)
        throws IOException, InterruptedException
    {
        child.send(Integer.toString(count));
        final List<String> values = new ArrayList<>();
        while (true)
        {
            final String line = child.awaitLine("", WAIT);
            if ("step".equals(line))
            {
                return values;
            }
            assertTrue(line.startsWith(prefix), line);
            values.add(line.substring(prefix.length()));
        }
    }

    private static List<Path> cycleFiles(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter((file) -> file.toString().endsWith(Journal.CYCLE_FILE_SUFFIX)).sorted()
                .collect(Collectors.toList());
        }
    }
}
