package io.mproc.bench.journal;

import io.mproc.journal.BufferCodec;
import io.mproc.journal.GroupMember;
import io.mproc.journal.Journal;
import io.mproc.journal.JournalHandler;
import io.mproc.journal.JournalReader;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The durable journal beside raw Chronicle Queue, 64-byte messages, in the same run and the same JVM:
 * <ul>
 *   <li>{@code append*}: one message appended per operation (mproc: through {@link BufferCodec}, with its 12-byte
 *   header; raw: 64 bytes in a Chronicle document);</li>
 *   <li>{@code tail*}: one message read per operation from a journal filled in setup (mproc: a
 *   {@link JournalReader} handing a zero-copy view to a handler; raw: a Chronicle tailer reading a long);</li>
 *   <li>{@code appendToRead*}, sample time: append one message, then read it with a tailer (the percentiles are
 *   append-to-read latency within one JVM);</li>
 *   <li>{@code groupTwoMembers}: two threads, each its own {@link GroupMember} of one group; per operation a
 *   thread appends one message and handles (claims and acknowledges) one.</li>
 * </ul>
 * Run: {@code java -jar ipc-bench/target/benchmarks.jar JournalBenchmark -f 1 -wi 2 -i 3}. Files go to a
 * temporary directory on disk, deleted at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JournalBenchmark
{
    static final int MESSAGE_LENGTH = 64;
    static final int PREFILL = 1_000_000;

    private Path directory;
    private Journal<DirectBuffer> journal;
    private SingleChronicleQueue raw;
    private ExcerptAppender rawAppender;
    private ExcerptTailer rawTailer;
    private ExcerptTailer rawLatencyTailer;
    private JournalReader<DirectBuffer> reader;
    private JournalReader<DirectBuffer> latencyReader;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(MESSAGE_LENGTH));
    private final byte[] rawMessage = new byte[MESSAGE_LENGTH];
    private final SumHandler handler = new SumHandler();

    /** Adds the first long of each message, so that the read is not optimised away. */
    static final class SumHandler implements JournalHandler<DirectBuffer>
    {
        long sum;

        public void onMessage(final long index, final DirectBuffer value, final boolean redelivered)
        {
            sum += value.getLong(0);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("mproc-journal-bench");
        journal = Journal.builder(directory.resolve("mproc"), BufferCodec.INSTANCE).blockSize(64L << 20).open();
        raw = SingleChronicleQueueBuilder.binary(directory.resolve("raw")).rollCycle(RollCycles.FAST_DAILY)
            .blockSize(64L << 20).build();
        rawAppender = raw.createAppender();
        for (int i = 0; i < PREFILL; i++)
        {
            message.putLong(0, i);
            journal.append(message);
            appendRaw();
        }
        reader = journal.reader();
        latencyReader = journal.reader();
        rawTailer = raw.createTailer().toStart();
        rawLatencyTailer = raw.createTailer().toEnd();
        while (1 == latencyReader.poll(handler))
        {
            // to the end of the prefilled messages
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        journal.close();
        raw.close();
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final UncheckedIOException ignore)
        {
            // best effort
        }
    }

    private void appendRaw()
    {
        try (DocumentContext document = rawAppender.writingDocument())
        {
            document.wire().bytes().write(rawMessage, 0, MESSAGE_LENGTH);
        }
    }

    @Benchmark
    public long appendMproc()
    {
        return journal.append(message);
    }

    @Benchmark
    public void appendRawChronicle()
    {
        appendRaw();
    }

    @Benchmark
    public long tailMproc()
    {
        if (0 == reader.poll(handler))
        {
            reader.close();
            reader = journal.reader();
        }
        return handler.sum;
    }

    @Benchmark
    public long tailRawChronicle()
    {
        try (DocumentContext document = rawTailer.readingDocument())
        {
            if (document.isPresent())
            {
                final Bytes<?> bytes = document.wire().bytes();
                return bytes.readLong(bytes.readPosition());
            }
        }
        rawTailer.toStart();
        return 0;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long appendToReadMproc()
    {
        journal.append(message);
        latencyReader.poll(handler);
        return handler.sum;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long appendToReadRawChronicle()
    {
        appendRaw();
        try (DocumentContext document = rawLatencyTailer.readingDocument())
        {
            final Bytes<?> bytes = document.wire().bytes();
            return bytes.readLong(bytes.readPosition());
        }
    }

    /** One group member per benchmark thread. */
    @State(Scope.Thread)
    public static class Member
    {
        GroupMember<DirectBuffer> member;

        @Setup(Level.Trial)
        public void join(final JournalBenchmark benchmark)
        {
            member = benchmark.journal.joinGroup("bench");
        }

        @TearDown(Level.Trial)
        public void leave()
        {
            member.close();
        }
    }

    @Benchmark
    @Threads(2)
    public long groupTwoMembers(final Member member)
    {
        final long index = journal.append(message);
        member.member.poll((i, value, redelivered) ->
        {
        });
        return index;
    }
}
