package io.mproc.journal;

import io.mproc.queue.MessageDecodingException;
import io.mproc.queue.ObjectCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class JournalTest
{
    @TempDir
    Path temp;

    @Test
    void appendsAndReplaysJdkValuesInOrder()
    {
        final Path dir = temp.resolve("j");
        try (Journal<Object> journal = Journal.builder(dir).open())
        {
            journal.append("hello");
            journal.append(42L);
            journal.append(List.of(1, 2, 3));
            journal.append(Map.of("k", "v"));
        }
        try (Journal<Object> journal = Journal.builder(dir).open(); JournalReader<Object> reader = journal.reader())
        {
            final List<Object> values = new ArrayList<>();
            assertEquals(4, reader.poll((index, value, redelivered) -> values.add(value), 10));
            assertEquals(List.of("hello", 42L, List.of(1, 2, 3), Map.of("k", "v")), values);
            assertEquals(0, reader.poll((index, value, redelivered) -> values.add(value)));
        }
    }

    @Test
    void replaysFromAnIndexAndFromATime() throws InterruptedException
    {
        try (Journal<Object> journal = Journal.builder(temp.resolve("j")).open())
        {
            journal.append("a");
            final long indexOfB = journal.append("b");
            final long before = System.currentTimeMillis();
            while (System.currentTimeMillis() == before)
            {
                Thread.onSpinWait();
            }
            final long timeOfC = System.currentTimeMillis();
            journal.append("c");

            assertEquals(List.of("b", "c"), readAll(journal.readerFromIndex(indexOfB)));
            assertEquals(List.of("c"), readAll(journal.readerFromTime(timeOfC)));
            assertEquals(List.of("a", "b", "c"), readAll(journal.readerFromTime(0)));
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> journal.readerFromIndex(indexOfB + 1000));
            assertTrue(ex.getMessage().contains("index=" + (indexOfB + 1000)), ex.getMessage());
        }
    }

    @Test
    void namedSubscriberResumesAfterTheLastMessageItConsumed()
    {
        final Path dir = temp.resolve("j");
        try (Journal<Object> journal = Journal.builder(dir).open())
        {
            for (int i = 0; i < 5; i++)
            {
                journal.append(i);
            }
            final List<Object> seen = new ArrayList<>();
            try (JournalReader<Object> subscriber = journal.subscriber("audit"))
            {
                assertEquals(2, subscriber.poll((index, value, redelivered) -> seen.add(value), 2));
                assertThrows(IllegalStateException.class, () -> subscriber.poll((index, value, redelivered) ->
                {
                    throw new Exception("refused");
                }));
            }
            assertEquals(List.of(0, 1), seen);
        }
        try (Journal<Object> journal = Journal.builder(dir).open())
        {
            assertEquals(List.of(2, 3, 4), readAll(journal.subscriber("audit")));
            assertEquals(List.of(0, 1, 2, 3, 4), readAll(journal.subscriber("other")));
        }
    }

    @Test
    void zeroCopyBuffersRoundTrip()
    {
        try (Journal<DirectBuffer> journal = Journal.builder(temp.resolve("b"), BufferCodec.INSTANCE).open())
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN));
            message.putLong(0, 1234567L);
            journal.append(message);
            try (JournalReader<DirectBuffer> reader = journal.reader())
            {
                final long[] read = new long[2];
                reader.poll((index, value, redelivered) ->
                {
                    read[0] = value.getLong(0);
                    read[1] = value.capacity();
                });
                assertEquals(1234567L, read[0]);
                assertEquals(64, read[1]);
            }
        }
    }

    /**
     * Values of known length are written in place when the message fits the current mapping, through Chronicle's
     * writes when it does not: with 64 KiB blocks, messages of up to 16 KiB cross block boundaries often.
     */
    @Test
    void messagesOfKnownLengthRoundTripAcrossBlockBoundaries()
    {
        final int count = 300;
        try (Journal<DirectBuffer> journal = Journal.builder(temp.resolve("blocks"), BufferCodec.INSTANCE)
            .blockSize(1 << 16).maxMessageLength(1 << 14).open())
        {
            for (int i = 0; i < count; i++)
            {
                final UnsafeBuffer message = new UnsafeBuffer(new byte[lengthOf(i)]);
                message.setMemory(0, message.capacity(), (byte)i);
                journal.append(message);
            }
            final List<String> problems = new ArrayList<>();
            final int[] seen = new int[1];
            try (JournalReader<DirectBuffer> reader = journal.reader())
            {
                while (1 == reader.poll((index, value, redelivered) ->
                {
                    final int i = seen[0]++;
                    if (value.capacity() != lengthOf(i) || value.getByte(0) != (byte)i ||
                        value.getByte(value.capacity() - 1) != (byte)i)
                    {
                        problems.add("message " + i + ": length " + value.capacity());
                    }
                }))
                {
                    // every message
                }
            }
            assertEquals(count, seen[0]);
            assertEquals(List.of(), problems);
        }
    }

    private static int lengthOf(final int i)
    {
        return 1 + (i * 7919) % (1 << 14);
    }

    @Test
    void groupMembersShareMessagesAndAcknowledge()
    {
        try (Journal<Object> journal = Journal.builder(temp.resolve("g")).open();
            GroupMember<Object> first = journal.joinGroup("workers");
            GroupMember<Object> second = journal.joinGroup("workers"))
        {
            for (int i = 0; i < 10; i++)
            {
                journal.append(i);
            }
            final List<Object> handled = new ArrayList<>();
            int polls = 0;
            while (handled.size() < 10 && polls++ < 1000)
            {
                first.poll((index, value, redelivered) -> handled.add(value));
                second.poll((index, value, redelivered) -> handled.add(value));
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), handled);
            assertEquals(0, first.poll((index, value, redelivered) -> handled.add(value)));
        }
    }

    @Test
    void aThrowingGroupHandlerGetsTheMessageAgainAsARedelivery()
    {
        try (Journal<Object> journal = Journal.builder(temp.resolve("g")).open();
            GroupMember<Object> member = journal.joinGroup("workers"))
        {
            journal.append("x");
            assertThrows(IllegalStateException.class, () -> member.poll((index, value, redelivered) ->
            {
                throw new Exception("not now");
            }));
            final List<String> seen = new ArrayList<>();
            assertEquals(1, member.poll((index, value, redelivered) -> seen.add(value + ":" + redelivered)));
            assertEquals(List.of("x:true"), seen);
            assertEquals(0, member.poll((index, value, redelivered) -> seen.add("again")));
        }
    }

    @Test
    void refusesADirectoryThatIsNotAJournal() throws Exception
    {
        final Path dir = Files.createDirectories(temp.resolve("photos"));
        Files.write(dir.resolve("cat.jpg"), new byte[]{1});
        final NotAJournalException ex = assertThrows(NotAJournalException.class, () -> Journal.builder(dir).open());
        assertTrue(ex.getMessage().contains(dir.toString()) && ex.getMessage().contains("cat.jpg"), ex.getMessage());
    }

    @Test
    void refusesAJournalOfAnotherLayoutVersion() throws Exception
    {
        final Path dir = temp.resolve("j");
        Journal.builder(dir).open().close();
        final Path marker = dir.resolve(JournalDescriptor.MARKER_FILE_NAME);
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(marker)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(JournalDescriptor.VERSION_OFFSET, 200);
        Files.write(marker, bytes.array());
        final JournalVersionMismatchException ex = assertThrows(JournalVersionMismatchException.class,
            () -> Journal.builder(dir).open());
        assertTrue(ex.getMessage().contains("library=3.0 file=2.0") && ex.getMessage().contains(marker.toString()),
            ex.getMessage());
    }

    @Test
    void refusesAMessageOverTheLimitAndKeepsWhatWasAppended()
    {
        final Path dir = temp.resolve("j");
        try (Journal<Object> journal = Journal.builder(dir).maxMessageLength(100).open())
        {
            journal.append("small");
            final JournalMessageTooLargeException ex = assertThrows(JournalMessageTooLargeException.class,
                () -> journal.append(new byte[101]));
            assertTrue(ex.getMessage().contains("length=101") && ex.getMessage().contains("maxMessageLength=100") &&
                ex.getMessage().contains(dir.toString()), ex.getMessage());
            assertEquals(List.of("small"), readAll(journal.reader()));
        }
    }

    @Test
    void refusesToOpenOnAFullDisk()
    {
        final Path dir = temp.resolve("j");
        final JournalDiskFullException ex = assertThrows(JournalDiskFullException.class,
            () -> Journal.builder(dir).minFreeBytes(Long.MAX_VALUE).open());
        assertTrue(ex.getMessage().contains(dir.toString()) && ex.getMessage().contains("minFreeBytes=" +
            Long.MAX_VALUE), ex.getMessage());
    }

    @Test
    void refusesBadNamesAndSettingsNamingTheValue()
    {
        try (Journal<Object> journal = Journal.builder(temp.resolve("j")).open())
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> journal.subscriber("../x"));
            assertTrue(ex.getMessage().contains("'../x'"), ex.getMessage());
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Journal.builder(temp.resolve("k")).blockSize(1 << 16).maxMessageLength(1 << 15).open());
        assertTrue(ex.getMessage().contains("maxMessageLength=32768, blockSize=65536"), ex.getMessage());
    }

    @Test
    void deletesOnlyHistoryEveryConsumerFinished()
    {
        try (Journal<Object> journal = Journal.builder(temp.resolve("j")).open())
        {
            journal.append("a");
            assertEquals(0, journal.deleteAcknowledged()); // nobody consumes: nothing counts as consumed
            try (GroupMember<Object> member = journal.joinGroup("g"))
            {
                member.poll((index, value, redelivered) ->
                {
                });
            }
            assertEquals(0, journal.deleteAcknowledged()); // the only cycle is the current one: kept
            assertEquals(List.of("a"), readAll(journal.reader()));
        }
    }

    @Test
    void bytesWrittenByTheObjectCodecAreReadable()
    {
        try (Journal<Object> journal = Journal.builder(temp.resolve("j")).open())
        {
            journal.append("text".getBytes(StandardCharsets.UTF_8));
            final List<Object> values = readAll(journal.reader());
            assertEquals("text", new String((byte[])values.get(0), StandardCharsets.UTF_8));
            assertFalse(values.isEmpty());
            assertEquals(ObjectCodec.class, new ObjectCodec(io.mproc.queue.AllowList.NONE).getClass());
        }
    }

    /**
     * A {@link BufferCodec} reader hands the view of a buffer message without calling the codec, and still goes
     * through it (and its check) for any other type: a String is refused, naming its type id, not read as bytes.
     */
    @Test
    void aBytesReaderReadsBuffersAndBytesAndRefusesOtherValues()
    {
        final Path dir = temp.resolve("mixed");
        try (Journal<Object> journal = Journal.builder(dir).open())
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
            buffer.putLong(0, 42L);
            journal.append(buffer);
            journal.append(new byte[]{7, 8, 9});
            journal.append("not bytes");
        }
        try (Journal<DirectBuffer> journal = Journal.builder(dir, BufferCodec.INSTANCE).open();
            JournalReader<DirectBuffer> reader = journal.reader())
        {
            final long[] read = new long[2];
            reader.poll((index, value, redelivered) -> read[0] = value.getLong(0) + value.capacity());
            reader.poll((index, value, redelivered) -> read[1] = value.getByte(2) + value.capacity());
            assertEquals(42L + 16, read[0]);
            assertEquals(9 + 3, read[1]);
            final MessageDecodingException ex = assertThrows(MessageDecodingException.class,
                () -> reader.poll((index, value, redelivered) -> { }));
            assertTrue(ex.getMessage().contains("typeId="), ex.getMessage());
        }
    }

    static <E> List<E> readAll(final JournalReader<E> reader)
    {
        try (reader)
        {
            final List<E> values = new ArrayList<>();
            while (1 == reader.poll((index, value, redelivered) -> values.add(value)))
            {
                // until none left
            }
            return values;
        }
    }
}
