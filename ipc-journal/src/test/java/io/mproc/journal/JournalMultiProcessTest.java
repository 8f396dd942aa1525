package io.mproc.journal;

import io.mproc.internal.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JournalMultiProcessTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void aLaterProcessReplaysWhatAnExitedOneAppendedAndChronicleWritesNothingOnStdout() throws Exception
    {
        final Path dir = temp.resolve("j");
        try (JournalChild writer = JournalChild.start(JournalChildren.AppendMain.class, dir.toString(), "10"))
        {
            writer.assertSuccess(WAIT);
            assertEquals(List.of("appended"), writer.stdout());
        }
        try (JournalChild reader = JournalChild.start(JournalChildren.ReplayMain.class, dir.toString()))
        {
            reader.assertSuccess(WAIT);
            final List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++)
            {
                expected.add("message-" + i);
            }
            expected.add("end");
            assertEquals(expected, reader.stdout());
        }
    }

    @Test
    void twoMemberProcessesHandleEachMessageOnce() throws Exception
    {
        final Path dir = temp.resolve("j");
        try (Journal<Object> journal = Journal.builder(dir).open())
        {
            for (int i = 0; i < 20; i++)
            {
                journal.append(i);
            }
        }
        try (JournalChild first = JournalChild.start(JournalChildren.MemberMain.class, dir.toString(), "g");
            JournalChild second = JournalChild.start(JournalChildren.MemberMain.class, dir.toString(), "g"))
        {
            first.awaitLine("ready", WAIT);
            second.awaitLine("ready", WAIT);
            final long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> handled = List.of();
            while (handled.size() < 20 && System.nanoTime() < deadline)
            {
                TimeUnit.MILLISECONDS.sleep(20); // polling the children's output for the state awaited
                handled = new ArrayList<>(first.stdout());
                handled.addAll(second.stdout());
                handled.removeIf((line) -> !line.startsWith("handled"));
            }
            final TreeSet<Integer> values = new TreeSet<>();
            for (final String line : handled)
            {
                assertTrue(line.endsWith(" false"), line);
                values.add(Integer.parseInt(line.split(" ")[1]));
            }
            assertEquals(20, handled.size(), "handled: " + handled);
            assertEquals(20, values.size(), "each message once: " + handled);
        }
    }

    @Test
    void aMessageWhoseMemberDiedIsRedeliveredToAnotherFlaggedAsARedelivery() throws Exception
    {
        final Path dir = temp.resolve("j");
        final long index;
        try (Journal<Object> journal = Journal.builder(dir).redeliveryCheckIntervalMs(10).open())
        {
            index = journal.append("work");
            try (JournalChild stuck = JournalChild.start(JournalChildren.StuckMemberMain.class, dir.toString(), "g"))
            {
                assertEquals("claimed " + index, stuck.awaitLine("claimed", WAIT));
                stuck.kill();
            }
            try (GroupMember<Object> member = journal.joinGroup("g"))
            {
                final List<String> seen = new ArrayList<>();
                while (seen.isEmpty())
                {
                    member.poll((i, value, redelivered) -> seen.add(i + " " + value + " " + redelivered));
                    Thread.onSpinWait();
                }
                assertEquals(List.of(index + " work true"), seen);
                assertEquals(0, member.poll((i, value, redelivered) -> seen.add("again")));
            }
        }
    }

    @Test
    void aCursorLeftLockedByADeadMemberIsRepaired() throws Exception
    {
        final long deadOwner = deadProcessOwnerWord();
        for (final boolean claimRecorded : new boolean[]{false, true})
        {
            final Path dir = temp.resolve("j-" + claimRecorded);
            try (Journal<Object> journal = Journal.builder(dir).redeliveryCheckIntervalMs(0).open();
                GroupMember<Object> member = journal.joinGroup("g"))
            {
                final long first = journal.append("first");
                journal.append("second");
                try (ClaimTable table = ClaimTable.openOrCreate(dir.resolve("groups/g.group"), 1))
                {
                    final int deadSlot = 7; // died after locking the cursor, before or after recording its claim
                    table.compareAndSetOwner(deadSlot, 0, deadOwner);
                    table.prepare(deadSlot, GroupDescriptor.START, first);
                    table.compareAndSetCursor(GroupDescriptor.START, GroupDescriptor.locked(deadSlot));
                    if (claimRecorded)
                    {
                        table.recordClaim(deadSlot, first, System.currentTimeMillis());
                    }
                }
                final List<String> seen = new ArrayList<>();
                final long deadline = System.nanoTime() + WAIT.toNanos();
                while (seen.size() < 2 && System.nanoTime() < deadline)
                {
                    member.poll((i, value, redelivered) -> seen.add(value + " " + redelivered));
                }
                assertEquals(List.of("first " + claimRecorded, "second false"), seen);
            }
        }
    }

    @Test
    void withoutChronicleQueueFlagsOpeningFailsNamingThem() throws Exception
    {
        try (JournalChild child = JournalChild.startWithFlags(
            List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), JournalChildren.OpenMain.class,
            temp.resolve("j").toString()))
        {
            child.assertSuccess(WAIT);
            final String line = String.join("\n", child.stdout());
            assertTrue(line.startsWith("missing:") && line.contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED") &&
                line.contains("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"), line);
        }
    }

    /** @return the owner word of a process that ran and was killed. */
    private static long deadProcessOwnerWord() throws Exception
    {
        try (JournalChild child = JournalChild.start(JournalChildren.SleeperMain.class))
        {
            child.awaitLine("alive", WAIT);
            final long pid = childPid(child);
            final long owner = ProcessIdentity.ownerWord(pid, ProcessIdentity.startTimeOf(pid));
            child.kill();
            return owner;
        }
    }

    private static long childPid(final JournalChild child)
    {
        return child.pid();
    }
}
