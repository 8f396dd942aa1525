package io.mproc.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVMs of {@link JournalCrashTest}: appenders, group members and a named subscriber, each of which may
 * be SIGKILLed at any instruction and restarted. Messages are self-checking: 24 bytes of appender id, sequence
 * number and a check word derived from both.
 */
final class CrashChildren
{
    static final int MESSAGE_LENGTH = 24;

    private CrashChildren()
    {
    }

    static byte[] message(final long appender, final long sequence)
    {
        final ByteBuffer bytes = ByteBuffer.allocate(MESSAGE_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(appender).putLong(sequence).putLong(check(appender, sequence));
        return bytes.array();
    }

    static long check(final long appender, final long sequence)
    {
        return (appender * 0x9E3779B97F4A7C15L) ^ (sequence * 0xC2B2AE3D27D4EB4FL) ^ 0x5DEECE66DL;
    }

    /**
     * @return "appender,sequence" of a self-checking message.
     * @throws AssertionError when the message is corrupt.
     */
    static String decode(final Object value)
    {
        if (!(value instanceof byte[]) || MESSAGE_LENGTH != ((byte[])value).length)
        {
            throw new AssertionError("corrupt message: " + value);
        }
        final ByteBuffer bytes = ByteBuffer.wrap((byte[])value).order(ByteOrder.LITTLE_ENDIAN);
        final long appender = bytes.getLong();
        final long sequence = bytes.getLong();
        if (bytes.getLong() != check(appender, sequence))
        {
            throw new AssertionError("corrupt message: appender=" + appender + ", sequence=" + sequence);
        }
        return appender + "," + sequence;
    }

    static Journal<Object> open(final String directory)
    {
        return Journal.builder(Paths.get(directory)).redeliveryCheckIntervalMs(200).open();
    }

    /** Appends output lines with one write(2) each, so that a SIGKILL never loses one that was written. */
    static final class Output implements AutoCloseable
    {
        private final FileChannel channel;

        Output(final Path file) throws IOException
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        }

        void line(final String line) throws IOException
        {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }

    /** args: directory, appender id, count, pause ns between appends. Resumes after its last appended message. */
    public static final class AppenderMain
    {
        public static void main(final String[] args)
        {
            JournalChild.exitWhenParentDies();
            final long id = Long.parseLong(args[1]);
            final long count = Long.parseLong(args[2]);
            final long pauseNs = Long.parseLong(args[3]);
            try (Journal<Object> journal = open(args[0]))
            {
                final long[] next = {0};
                try (JournalReader<Object> reader = journal.reader())
                {
                    while (1 == reader.poll((index, value, redelivered) ->
                    {
                        final String[] parts = decode(value).split(",");
                        if (Long.parseLong(parts[0]) == id)
                        {
                            next[0] = Long.parseLong(parts[1]) + 1;
                        }
                    }))
                    {
                        // scan to find where this appender stopped
                    }
                }
                System.out.println("ready " + next[0]);
                for (long sequence = next[0]; sequence < count; sequence++)
                {
                    journal.append(message(id, sequence));
                    if (pauseNs > 0)
                    {
                        LockSupport.parkNanos(pauseNs);
                    }
                }
                System.out.println("appended-all");
            }
        }
    }

    /** args: directory, group, output file. Records "index,appender,sequence,redelivered" before acknowledging. */
    public static final class MemberMain
    {
        public static void main(final String[] args) throws IOException
        {
            JournalChild.exitWhenParentDies();
            try (Journal<Object> journal = open(args[0]);
                GroupMember<Object> member = journal.joinGroup(args[1]);
                Output output = new Output(Paths.get(args[2])))
            {
                System.out.println("ready");
                while (true)
                {
                    if (0 == member.poll((index, value, redelivered) ->
                    {
                        output.line(index + "," + decode(value) + "," + redelivered);
                        LockSupport.parkNanos(50_000); // work after the record: a kill here forces a redelivery
                    }))
                    {
                        LockSupport.parkNanos(100_000);
                    }
                }
            }
        }
    }

    /** args: directory, subscriber name, output file. Records "index,appender,sequence" per message. */
    public static final class SubscriberMain
    {
        public static void main(final String[] args) throws IOException
        {
            JournalChild.exitWhenParentDies();
            try (Journal<Object> journal = open(args[0]);
                JournalReader<Object> subscriber = journal.subscriber(args[1]);
                Output output = new Output(Paths.get(args[2])))
            {
                System.out.println("ready");
                while (true)
                {
                    if (0 == subscriber.poll((index, value, redelivered) -> output.line(index + "," + decode(value))))
                    {
                        LockSupport.parkNanos(100_000);
                    }
                }
            }
        }
    }
}
