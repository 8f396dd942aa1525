package io.mproc.journal;

import io.mproc.memory.MissingJvmFlagsException;

import java.nio.file.Paths;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVMs of {@link JournalMultiProcessTest}.
 */
final class JournalChildren
{
    private JournalChildren()
    {
    }

    /** args: directory, count. Appends "message-i" for i in [0, count) and exits. */
    public static final class AppendMain
    {
        public static void main(final String[] args)
        {
            try (Journal<Object> journal = Journal.builder(Paths.get(args[0])).open())
            {
                for (int i = 0; i < Integer.parseInt(args[1]); i++)
                {
                    journal.append("message-" + i);
                }
            }
            System.out.println("appended");
        }
    }

    /** args: directory. Prints every message, then "end". */
    public static final class ReplayMain
    {
        public static void main(final String[] args)
        {
            try (Journal<Object> journal = Journal.builder(Paths.get(args[0])).open();
                JournalReader<Object> reader = journal.reader())
            {
                while (1 == reader.poll((index, value, redelivered) -> System.out.println(value)))
                {
                    // all of them
                }
            }
            System.out.println("end");
        }
    }

    /** args: directory, group. Prints "handled value redelivered" for each message, forever. */
    public static final class MemberMain
    {
        public static void main(final String[] args)
        {
            JournalChild.exitWhenParentDies();
            try (Journal<Object> journal = Journal.builder(Paths.get(args[0])).redeliveryCheckIntervalMs(50).open();
                GroupMember<Object> member = journal.joinGroup(args[1]))
            {
                System.out.println("ready");
                while (true)
                {
                    if (0 == member.poll((index, value, redelivered) ->
                        System.out.println("handled " + value + " " + redelivered)))
                    {
                        LockSupport.parkNanos(1_000_000);
                    }
                }
            }
        }
    }

    /** args: directory, group. Claims one message, prints "claimed index", and never acknowledges it. */
    public static final class StuckMemberMain
    {
        public static void main(final String[] args)
        {
            JournalChild.exitWhenParentDies();
            try (Journal<Object> journal = Journal.builder(Paths.get(args[0])).open();
                GroupMember<Object> member = journal.joinGroup(args[1]))
            {
                while (0 == member.poll((index, value, redelivered) ->
                {
                    System.out.println("claimed " + index);
                    while (true)
                    {
                        LockSupport.park();
                    }
                }))
                {
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
    }

    /** args: directory. Opens a journal and prints "opened", or the MissingJvmFlagsException's message. */
    public static final class OpenMain
    {
        public static void main(final String[] args)
        {
            try (Journal<Object> journal = Journal.builder(Paths.get(args[0])).open())
            {
                System.out.println("opened " + journal.lastIndex());
            }
            catch (final MissingJvmFlagsException ex)
            {
                System.out.println("missing: " + ex.getMessage().replace('\n', ' '));
            }
        }
    }

    /** Prints "alive" and waits to be killed. */
    public static final class SleeperMain
    {
        public static void main(final String[] args)
        {
            JournalChild.exitWhenParentDies();
            System.out.println("alive");
            while (true)
            {
                LockSupport.park();
            }
        }
    }
}
