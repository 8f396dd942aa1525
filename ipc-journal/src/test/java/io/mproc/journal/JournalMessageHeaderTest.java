package io.mproc.journal;

import io.mproc.queue.Codec;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The message header ({@link JournalDescriptor}): 4 bytes for the common case, 16 for a type id over 31, the append
 * time exact to the millisecond in both, taken from the clock reading Chronicle made under its write lock.
 */
@Timeout(60)
class JournalMessageHeaderTest
{
    @TempDir
    Path temp;

    @Test
    void aSixtyFourByteBufferTakesFourBytesOfHeader()
    {
        final Path dir = temp.resolve("b");
        try (Journal<DirectBuffer> journal = Journal.builder(dir, BufferCodec.INSTANCE).open())
        {
            journal.append(new UnsafeBuffer(ByteBuffer.allocateDirect(64)));
            journal.append(new UnsafeBuffer(ByteBuffer.allocateDirect(64)));
        }
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY)
            .build(); ExcerptTailer tailer = queue.createTailer())
        {
            for (int i = 0; i < 2; i++)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    assertTrue(document.isPresent());
                    assertEquals(JournalDescriptor.SHORT_HEADER_LENGTH + 64, document.wire().bytes().readRemaining());
                }
            }
        }
    }

    @Test
    void shortHeaderKeepsTheExactAppendTimeAndReplaysFromIt()
    {
        try (Journal<Object> journal = Journal.builder(temp.resolve("j")).rollCycle(RollCycles.FIVE_MINUTELY).open())
        {
            final List<Long> windows = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                awaitNextMillisecond();
                windows.add(System.currentTimeMillis());
                journal.append("m" + i);
                windows.add(System.currentTimeMillis());
            }
            final List<Long> times = appendTimes(journal.reader());
            for (int i = 0; i < 3; i++)
            {
                final long time = times.get(i);
                assertTrue(windows.get(2 * i) <= time && time <= windows.get(2 * i + 1), windows + " " + times);
            }
            assertEquals(List.of("m1", "m2"), JournalTest.readAll(journal.readerFromTime(windows.get(2))));
            assertEquals(List.of(), JournalTest.readAll(journal.readerFromTime(windows.get(5) + 1)));
        }
    }

    @Test
    void typeIdsOverThirtyOneTakeTheLongHeaderWithTheExactTime()
    {
        final Path dir = temp.resolve("l");
        try (Journal<Long> journal = Journal.builder(dir, new LongCodec(1_000_000)).open())
        {
            final long before = System.currentTimeMillis();
            journal.append(7L);
            final long after = System.currentTimeMillis();
            journal.append(8L);
            final List<Long> values = new ArrayList<>();
            try (JournalReader<Long> reader = journal.reader())
            {
                assertEquals(1, reader.poll((index, value, redelivered) -> values.add(value)));
                assertTrue(before <= reader.lastAppendTimeMs() && reader.lastAppendTimeMs() <= after,
                    before + " <= " + reader.lastAppendTimeMs() + " <= " + after);
                assertEquals(1, reader.poll((index, value, redelivered) -> values.add(value)));
            }
            assertEquals(List.of(7L, 8L), values);
            assertEquals(List.of(7L, 8L), JournalTest.readAll(journal.readerFromTime(before)));
        }
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptTailer tailer = queue.createTailer(); DocumentContext document = tailer.readingDocument())
        {
            assertEquals(JournalDescriptor.LONG_HEADER_LENGTH + 8, document.wire().bytes().readRemaining());
        }
    }

    @Test
    void shortHeaderHoldsTypeIdsUpToThirtyOneAndTimesUnderTwoToTheTwentySeventhMs()
    {
        final int header = JournalDescriptor.shortHeader(31, (1L << 27) - 1);
        assertEquals(31, JournalDescriptor.shortTypeId(header));
        assertEquals((1L << 27) - 1, JournalDescriptor.shortTimeInCycleMs(header));
        assertEquals(0, JournalDescriptor.shortHeader(32, 0));
        assertEquals(0, JournalDescriptor.shortHeader(0, 0));
        assertEquals(0, JournalDescriptor.shortHeader(1, -1));
        assertEquals(0, JournalDescriptor.shortHeader(1, 1L << 27));
        assertEquals(JournalDescriptor.SHORT_HEADER_LENGTH, JournalDescriptor.headerLength(header));
        assertEquals(JournalDescriptor.LONG_HEADER_LENGTH, JournalDescriptor.headerLength(0));
    }

    /** Two threads append at once: append times never go backwards in journal order (they are read under the lock). */
    @Test
    void appendTimesFromTwoThreadsNeverGoBackwardsInJournalOrder() throws Exception
    {
        try (Journal<Object> journal = Journal.builder(temp.resolve("t")).open())
        {
            final CountDownLatch start = new CountDownLatch(1);
            final Runnable appends = () ->
            {
                try
                {
                    start.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 20_000; i++)
                {
                    journal.append(i);
                }
            };
            final Thread other = new Thread(appends);
            other.start();
            final long before = System.currentTimeMillis();
            start.countDown();
            appends.run();
            other.join();
            final long after = System.currentTimeMillis();
            final List<Long> times = appendTimes(journal.reader());
            assertEquals(40_000, times.size());
            for (int i = 1; i < times.size(); i++)
            {
                assertTrue(times.get(i - 1) <= times.get(i), "message " + i + ": " + times.get(i - 1) + " then " +
                    times.get(i));
            }
            assertTrue(before <= times.get(0) && times.get(times.size() - 1) <= after);
        }
    }

    private static <E> List<Long> appendTimes(final JournalReader<E> reader)
    {
        try (reader)
        {
            final List<Long> times = new ArrayList<>();
            while (1 == reader.poll((index, value, redelivered) -> { }))
            {
                times.add(reader.lastAppendTimeMs());
            }
            return times;
        }
    }

    private static void awaitNextMillisecond()
    {
        final long now = System.currentTimeMillis();
        while (System.currentTimeMillis() == now)
        {
            Thread.onSpinWait();
        }
    }

    /** Longs under one type id of the caller's choosing. */
    private static final class LongCodec implements Codec<Long>
    {
        private final int typeId;

        LongCodec(final int typeId)
        {
            this.typeId = typeId;
        }

        public int typeId(final Long value)
        {
            return typeId;
        }

        public int encodedLength(final Long value)
        {
            return Long.BYTES;
        }

        public int encode(final Long value, final MutableDirectBuffer buffer, final int index)
        {
            buffer.putLong(index, value);
            return Long.BYTES;
        }

        public Long decode(final int typeId, final DirectBuffer buffer, final int index, final int length)
        {
            assertEquals(this.typeId, typeId);
            return buffer.getLong(index);
        }
    }
}
