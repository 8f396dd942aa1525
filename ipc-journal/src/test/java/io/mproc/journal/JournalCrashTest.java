package io.mproc.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two appender JVMs, two consumer-group member JVMs and a named subscriber JVM, SIGKILLed at random moments
 * (24 kills, one of them a simulated machine restart: every JVM killed at once, files kept) while 100,000
 * self-checking messages flow. Afterwards: the journal holds every message once, uncorrupted and in each
 * appender's order; the group handled every message, a second time only as a flagged redelivery after a member's
 * death, and holds no unacknowledged claim; the subscriber saw every message in order, repeating at most the one
 * in flight at each of its deaths.
 */
class JournalCrashTest
{
    private static final int APPENDERS = 2;
    private static final int PER_APPENDER = 50_000;
    private static final long APPEND_PAUSE_NS = 150_000;
    private static final int KILLS = 24;
    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final JournalChild[] children = new JournalChild[5]; // appender 0, 1; member 0, 1; subscriber
    private final int[] kills = new int[5];

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void nothingIsLostCorruptedOrDuplicatedExceptAsRedeliveryAcrossKills() throws Exception
    {
        final Path dir = temp.resolve("journal");
        try
        {
            for (int role = 0; role < children.length; role++)
            {
                start(dir, role);
            }
            final Random random = new Random(42);
            for (int kill = 0; kill < KILLS; kill++)
            {
                TimeUnit.MILLISECONDS.sleep(100 + random.nextInt(300)); // a random moment, not a synchronisation
                if (KILLS / 2 == kill)
                {
                    for (int role = 0; role < children.length; role++) // machine restart: all at once
                    {
                        children[role].kill();
                        kills[role]++;
                    }
                    for (int role = 0; role < children.length; role++)
                    {
                        start(dir, role);
                    }
                    continue;
                }
                final int role = random.nextInt(children.length);
                children[role].kill();
                kills[role]++;
                start(dir, role);
            }
            for (int appender = 0; appender < APPENDERS; appender++)
            {
                children[appender].awaitLine("appended-all", Duration.ofSeconds(60));
            }
            awaitConsumed(dir);
            for (final JournalChild child : children)
            {
                child.kill();
            }
            checkJournal(dir);
            checkGroup(dir);
            checkSubscriber(dir);
        }
        finally
        {
            for (final JournalChild child : children)
            {
                if (null != child)
                {
                    child.close();
                }
            }
        }
    }

    private void start(final Path dir, final int role) throws InterruptedException
    {
        final String directory = dir.toString();
        if (role < APPENDERS)
        {
            children[role] = JournalChild.start(CrashChildren.AppenderMain.class, directory, String.valueOf(role),
                String.valueOf(PER_APPENDER), String.valueOf(APPEND_PAUSE_NS));
        }
        else if (role < APPENDERS + 2)
        {
            children[role] = JournalChild.start(CrashChildren.MemberMain.class, directory, "workers",
                temp.resolve("member" + (role - APPENDERS) + ".txt").toString());
        }
        else
        {
            children[role] = JournalChild.start(CrashChildren.SubscriberMain.class, directory, "audit",
                temp.resolve("subscriber.txt").toString());
        }
        children[role].awaitLine("ready", START);
    }

    /** Waits until the group handled every message and the subscriber read up to the last one. */
    private void awaitConsumed(final Path dir) throws Exception
    {
        final long lastIndex;
        try (Journal<Object> journal = CrashChildren.open(dir.toString()))
        {
            lastIndex = journal.lastIndex();
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true)
        {
            final List<String> subscriberLines = lines(temp.resolve("subscriber.txt"));
            final boolean subscriberDone = !subscriberLines.isEmpty() &&
                Long.parseLong(subscriberLines.get(subscriberLines.size() - 1).split(",")[0]) == lastIndex;
            if (subscriberDone && groupRecords().size() == APPENDERS * PER_APPENDER)
            {
                return;
            }
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("not consumed within 90 s: group handled " + groupRecords().size() +
                    ", subscriber lines " + subscriberLines.size() + "; member stderr: " + children[2].stderr() +
                    children[3].stderr());
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling the files for the state awaited
        }
    }

    private void checkJournal(final Path dir)
    {
        try (Journal<Object> journal = CrashChildren.open(dir.toString()))
        {
            final long[] expected = new long[APPENDERS];
            final int[] count = {0};
            JournalTest.readAll(journal.reader()).forEach((value) ->
            {
                final String[] parts = CrashChildren.decode(value).split(",");
                final int appender = Integer.parseInt(parts[0]);
                assertEquals(expected[appender]++, Long.parseLong(parts[1]), "appender " + appender + " order");
                count[0]++;
            });
            assertEquals(APPENDERS * PER_APPENDER, count[0]);
            try (ClaimTable table = ClaimTable.openOrCreate(dir.resolve("groups/workers.group"), 1))
            {
                assertEquals(journal.lastIndex(), table.cursorVolatile(), "group cursor at the last message");
                for (int slot = 0; slot < table.slotCount(); slot++)
                {
                    assertEquals(GroupDescriptor.NONE, table.claimedIndex(slot), "unacknowledged claim in " + slot);
                }
            }
        }
    }

    private void checkGroup(final Path dir) throws IOException
    {
        final Map<String, List<Boolean>> records = groupRecords();
        int extra = 0;
        for (final Map.Entry<String, List<Boolean>> entry : records.entrySet())
        {
            final List<Boolean> deliveries = entry.getValue();
            final long redeliveries = deliveries.stream().filter((redelivered) -> redelivered).count();
            assertTrue(redeliveries >= deliveries.size() - 1,
                "message " + entry.getKey() + " handled twice without a redelivery flag: " + deliveries);
            extra += deliveries.size() - 1;
        }
        final int memberDeaths = kills[2] + kills[3];
        assertTrue(extra <= memberDeaths, "duplicates=" + extra + " > member deaths=" + memberDeaths);
        System.out.println("journal crash test: kills per role " + java.util.Arrays.toString(kills) +
            ", group redeliveries " + extra);
    }

    private void checkSubscriber(final Path dir)
    {
        final List<Long> journalIndexes = new ArrayList<>();
        try (Journal<Object> journal = CrashChildren.open(dir.toString());
            JournalReader<Object> reader = journal.reader())
        {
            while (1 == reader.poll((index, value, redelivered) -> journalIndexes.add(index)))
            {
                // every index, in order
            }
        }
        final List<String> lines = lines(temp.resolve("subscriber.txt"));
        int position = 0;
        int repeats = 0;
        long previous = -1;
        for (final String line : lines)
        {
            final long index = Long.parseLong(line.split(",")[0]);
            if (index == previous)
            {
                repeats++;
                continue;
            }
            assertEquals(journalIndexes.get(position++), index, "subscriber skipped or reordered a message");
            previous = index;
        }
        assertEquals(journalIndexes.size(), position, "subscriber saw every message");
        assertTrue(repeats <= kills[4], "subscriber repeats=" + repeats + " > its deaths=" + kills[4]);
    }

    private Map<String, List<Boolean>> groupRecords()
    {
        final Map<String, List<Boolean>> records = new HashMap<>();
        for (int member = 0; member < 2; member++)
        {
            for (final String line : lines(temp.resolve("member" + member + ".txt")))
            {
                final String[] parts = line.split(",");
                records.computeIfAbsent(parts[1] + "," + parts[2], (key) -> new ArrayList<>())
                    .add(Boolean.parseBoolean(parts[3]));
            }
        }
        return records;
    }

    private static List<String> lines(final Path file)
    {
        try
        {
            if (!Files.exists(file))
            {
                return List.of();
            }
            final String text = Files.readString(file);
            final int end = text.lastIndexOf('\n'); // a line is complete once its newline is written
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
