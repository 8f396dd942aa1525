package io.mproc.bench.journal;

import io.mproc.journal.BufferCodec;
import io.mproc.journal.Journal;
import io.mproc.journal.JournalHandler;
import io.mproc.journal.JournalReader;
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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the journal's append and read paths allocate, in one JVM, 64-byte messages through {@link BufferCodec}:
 * run it with JMH's GC profiler and read {@code gc.alloc.rate.norm} (bytes per operation; the hot paths should
 * show 0). {@code append} appends one message; {@code appendThenRead} appends one and reads it back with a reader
 * tailing the journal, so its figure minus {@code append}'s is the read path's.
 * <p>
 * Run: {@code java -jar ipc-bench/target/benchmarks.jar JournalAllocationBenchmark -prof gc}. Files go to a temporary
 * directory on disk (about a GB), deleted at the end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JournalAllocationBenchmark
{
    private long sum;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(JournalBenchmark.MESSAGE_LENGTH));
    private final JournalHandler<DirectBuffer> handler = (index, value, redelivered) -> sum += value.getLong(0);
    private Path directory;
    private Journal<DirectBuffer> journal;
    private JournalReader<DirectBuffer> reader;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("mproc-journal-alloc");
        journal = Journal.builder(directory.resolve("j"), BufferCodec.INSTANCE)
            .blockSize(JournalBenchmark.BLOCK_SIZE).open();
        reader = journal.reader();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        journal.close();
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public long append()
    {
        message.putLong(0, sequence++);
        return journal.append(message);
    }

    @Benchmark
    public long appendThenRead()
    {
        message.putLong(0, sequence++);
        final long index = journal.append(message);
        reader.poll(handler);
        return index + sum;
    }
}
