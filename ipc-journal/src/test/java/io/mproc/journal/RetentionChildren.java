package io.mproc.journal;

import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * The child JVMs of {@link JournalRetentionTest}: each opens the journal with one-second cycles and then does what
 * its stdin says, a step at a time, so that the test decides who has consumed what before it deletes history. A
 * line "N" handles N more messages and prints "step" after them; end of stdin (the test is gone) halts the JVM.
 */
final class RetentionChildren
{
    private RetentionChildren()
    {
    }

    static JournalBuilder<Object> builder(final String directory)
    {
        return Journal.builder(Paths.get(directory)).rollCycle(TestRollCycles.TEST_SECONDLY);
    }

    /** args: directory, subscriber name. Prints "read VALUE" for each message. */
    public static final class StepSubscriberMain
    {
        public static void main(final String[] args) throws IOException
        {
            try (Journal<Object> journal = builder(args[0]).open();
                JournalReader<Object> reader = journal.subscriber(args[1]))
            {
                runSteps((count) -> reader.poll((index, value, redelivered) -> System.out.println("read " + value)));
            }
        }
    }

    /**
     * args: directory, group, redelivery check interval (ms). Prints "handled VALUE REDELIVERED" for each message.
     */
    public static final class StepMemberMain
    {
        public static void main(final String[] args) throws IOException
        {
            try (Journal<Object> journal = builder(args[0]).redeliveryCheckIntervalMs(Long.parseLong(args[2])).open();
                GroupMember<Object> member = journal.joinGroup(args[1]))
            {
                runSteps((count) -> member.poll((index, value, redelivered) ->
                    System.out.println("handled " + value + " " + redelivered)));
            }
        }
    }

    /** args: directory, group. Claims one message, prints "claimed VALUE", and never acknowledges it. */
    public static final class StuckMemberMain
    {
        public static void main(final String[] args)
        {
            JournalChild.exitWhenParentDies();
            try (Journal<Object> journal = builder(args[0]).open();
                GroupMember<Object> member = journal.joinGroup(args[1]))
            {
                while (0 == member.poll((index, value, redelivered) ->
                {
                    System.out.println("claimed " + value);
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

    /** Prints "ready", then per line "N" on stdin polls until N messages are handled and prints "step". */
    private static void runSteps(final ToIntFunction<Void> pollOnce) throws IOException
    {
        final BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        String line;
        while (null != (line = commands.readLine()))
        {
            int left = Integer.parseInt(line.trim());
            while (left > 0)
            {
                if (1 == pollOnce.applyAsInt(null))
                {
                    left--;
                }
                else
                {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            System.out.println("step");
        }
        Runtime.getRuntime().halt(0); // the test is gone
    }
}
