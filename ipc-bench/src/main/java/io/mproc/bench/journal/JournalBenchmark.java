package io.mproc.bench.journal;

import io.mproc.bench.BenchSupport;
import io.mproc.journal.BufferCodec;
import io.mproc.journal.GroupMember;
import io.mproc.journal.Journal;
import io.mproc.journal.JournalHandler;
import io.mproc.journal.JournalReader;
import io.mproc.memory.Namespace;
import io.mproc.value.LongValue;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The durable journal beside raw Chronicle Queue, 64-byte messages, <b>one appender JVM and one subscriber JVM</b>
 * (this one), measured the same way in the same run:
 * <ul>
 *   <li>{@code mproc} / {@code raw}: the appender JVM ({@link JournalPeerMain}) appends as fast as it can (mproc:
 *   {@link Journal#append} through {@link BufferCodec}, 4-byte header added; raw: 64 bytes in a Chronicle
 *   document) while this JVM tails (mproc: a named {@link Journal#subscriber}; raw: a named Chronicle tailer, both
 *   saving their position per message): the append rate;</li>
 *   <li>{@code mproc-tail} / {@code raw-tail}: the appender JVM first appends a backlog of {@value #TAIL_BACKLOG}
 *   messages, then this JVM's subscriber reads it as fast as it can: the tail rate (a tail that keeps up with the
 *   appender can only show the append rate);</li>
 *   <li>{@code mproc-latency} / {@code raw-latency}: the appender appends one message every
 *   {@value #LATENCY_PERIOD_NS} ns, stamped with {@code System.nanoTime()} just before the append (the same clock in
 *   both JVMs); this JVM's tailer records now minus stamp: append-to-read latency percentiles;</li>
 *   <li>{@code group}: a backlog of {@value #GROUP_BACKLOG} messages, appended before the turn, shared by two
 *   members of one {@link GroupMember consumer group}, this JVM and a member JVM: messages claimed, handled and
 *   acknowledged per second by both together (no raw counterpart: Chronicle has no groups).</li>
 * </ul>
 * <b>Interleaved</b>, for the reason {@code QueueThroughputBenchmark} gives (these VMs' speed moves from minute to
 * minute): one fork holds every transport and iteration i measures transport i mod 7; each round of seven adjacent
 * iterations gives same-moment ratios to raw Chronicle. At the end the fork prints, per transport, the median over
 * rounds and the median of the per-round ratios, and hands them to the report ({@link BenchSupport#writeResult}).
 * JMH's own score mixes the transports; keep iteration counts multiples of 7.
 * <pre>
 *   appender JVM ──append──▶ [ journal / raw queue, on disk ] ──tail──▶ this JVM
 *   this JVM (setup) ──backlog──▶ [ group journal ] ──claims──▶ this JVM + member JVM
 * </pre>
 * Run: {@code java -jar ipc-bench/target/benchmarks.jar JournalBenchmark -wi 7 -i 21}. Files go to a temporary
 * directory on disk (several GB for a long run), deleted at the end.
 * <p>
 * Bytes per message differ by default: raw Chronicle writes the 64-byte payload, the journal the same payload
 * after its {@value io.mproc.journal.JournalDescriptor#SHORT_HEADER_LENGTH}-byte header, and on this disk the
 * appender's page faults (most of an append's cost) grow with the bytes written. {@code -p rawMessageLength=68}
 * makes raw Chronicle write as many bytes as the journal (its first 8 still the sequence number), to tell the
 * header's bytes from the journal's per-message work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 7, time = 1)
@Measurement(iterations = 21, time = 1)
@Fork(1)
public class JournalBenchmark
{
    static final int MESSAGE_LENGTH = 64;
    static final String[] TRANSPORTS = {"mproc", "raw", "mproc-tail", "raw-tail", "mproc-latency", "raw-latency",
        "group"};
    static final int MPROC = 0;
    static final int RAW = 1;
    static final int MPROC_TAIL = 2;
    static final int RAW_TAIL = 3;
    static final int MPROC_LATENCY = 4;
    static final int RAW_LATENCY = 5;
    static final int GROUP = 6;
    /** Messages the appender JVM appends before a tail turn, for this JVM to read as fast as it can. */
    static final int TAIL_BACKLOG = 2_000_000;
    /** The appender's pace in the latency turns: one message every 20 us. */
    static final long LATENCY_PERIOD_NS = 20_000;
    static final int GROUP_BACKLOG = 2_000_000;
    static final long BLOCK_SIZE = 64L << 20;
    static final String SUBSCRIBER = "bench";
    static final int MAX_SAMPLES = 1 << 20;

    /** Bytes raw Chronicle writes per message: 64 (the payload, the default) or 68 (the journal's bytes). */
    @Param({"64"})
    public int rawMessageLength;

    private Path directory;
    private Namespace namespace;
    private LongValue awake;
    private LongValue appended;
    private LongValue peerHandled;
    private final List<Process> peers = new ArrayList<>();
    private final JournalFiles files = new JournalFiles();
    private final JournalReader<DirectBuffer>[] readers = newReaders();
    private final ExcerptTailer[] rawTailers = new ExcerptTailer[TRANSPORTS.length];
    private GroupMember<DirectBuffer> member;
    private final UnsafeBuffer backlogMessage = new UnsafeBuffer(ByteBuffer.allocateDirect(MESSAGE_LENGTH));

    private final ThroughputHandler throughputHandler = new ThroughputHandler();
    private final ThroughputHandler rawSequence = new ThroughputHandler();
    private final LatencyHandler latencyHandler = new LatencyHandler();
    private final GroupHandler groupHandler = new GroupHandler();

    private int iteration;
    private int transport;
    private long startNs;
    private long appendedAtStart;
    private long peerHandledAtStart;
    private long read;
    private long drainedNs;
    private final long[] samples = new long[MAX_SAMPLES];
    private int sampleCount;
    private final JournalRounds rounds = new JournalRounds();

    @SuppressWarnings("unchecked")
    private static JournalReader<DirectBuffer>[] newReaders()
    {
        return new JournalReader[TRANSPORTS.length];
    }

    /** Checks that messages arrive in order: each carries its sequence number in its first 8 bytes. */
    final class ThroughputHandler implements JournalHandler<DirectBuffer>
    {
        long expected;

        public void onMessage(final long index, final DirectBuffer value, final boolean redelivered)
        {
            checkSequence(value.getLong(0));
        }

        void checkSequence(final long sequence)
        {
            if (sequence != expected++)
            {
                throw new IllegalStateException("wrong answer from " + TRANSPORTS[transport] + ": message " +
                    sequence + " where " + (expected - 1) + " was next");
            }
        }
    }

    /** Reads each message, as a member that does nothing with it would. */
    static final class GroupHandler implements JournalHandler<DirectBuffer>
    {
        long sum;

        public void onMessage(final long index, final DirectBuffer value, final boolean redelivered)
        {
            sum += value.getLong(0);
        }
    }

    /** Records now minus the append-time stamp each message carries. */
    final class LatencyHandler implements JournalHandler<DirectBuffer>
    {
        public void onMessage(final long index, final DirectBuffer value, final boolean redelivered)
        {
            record(value.getLong(0));
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("mproc-journal-bench");
        namespace = Namespace.temporary();
        awake = LongValue.create(namespace, JournalPeerMain.AWAKE, -1);
        appended = LongValue.create(namespace, JournalPeerMain.APPENDED, 0);
        peerHandled = LongValue.create(namespace, JournalPeerMain.HANDLED, 0);
        files.open(directory);
        readers[MPROC] = files.journal(MPROC).subscriber(SUBSCRIBER);
        readers[MPROC_LATENCY] = files.journal(MPROC_LATENCY).subscriber(SUBSCRIBER);
        rawTailers[RAW] = files.raw(RAW).createTailer(SUBSCRIBER);
        rawTailers[RAW_LATENCY] = files.raw(RAW_LATENCY).createTailer(SUBSCRIBER);
        member = files.journal(GROUP).joinGroup(JournalPeerMain.GROUP_NAME);
        peers.add(BenchSupport.startPeer(JournalPeerMain.class, namespace.directory().toString(),
            directory.toString(), JournalPeerMain.APPENDER, Integer.toString(rawMessageLength)));
        peers.add(BenchSupport.startPeer(JournalPeerMain.class, namespace.directory().toString(),
            directory.toString(), JournalPeerMain.MEMBER));
    }

    @Setup(Level.Iteration)
    public void startTurn(final IterationParams params)
    {
        final int turn = iteration % TRANSPORTS.length;
        transport = turn;
        rounds.startIteration(IterationType.MEASUREMENT == params.getType(), turn);
        if (GROUP == transport)
        {
            for (int i = 0; i < GROUP_BACKLOG; i++)
            {
                backlogMessage.putLong(0, i);
                files.journal(GROUP).append(backlogMessage);
            }
        }
        read = 0;
        drainedNs = 0;
        sampleCount = 0;
        appendedAtStart = appended.getAcquire();
        peerHandledAtStart = peerHandled.getAcquire();
        startNs = System.nanoTime();
        awake.setRelease(JournalPeerMain.token(iteration++, transport));
        if (GROUP == transport)
        {
            return; // both members start on the backlog at once
        }
        if (MPROC_TAIL == transport || RAW_TAIL == transport)
        {
            awaitBacklog();
        }
        else
        {
            // Let the appender start (it checks its turn every millisecond): the turn measures steady state.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        appendedAtStart = appended.getAcquire();
        startNs = System.nanoTime();
    }

    private void awaitBacklog()
    {
        while (appended.getAcquire() - appendedAtStart < TAIL_BACKLOG)
        {
            if (!peers.get(0).isAlive())
            {
                throw new IllegalStateException("the appender JVM died; see the fork's stderr");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @TearDown(Level.Iteration)
    public void endTurn()
    {
        final long elapsedNs = System.nanoTime() - startNs;
        final long appendedInTurn = appended.getAcquire() - appendedAtStart;
        final long peerInTurn = peerHandled.getAcquire() - peerHandledAtStart;
        awake.setRelease(-1);
        final double drainedSeconds = (0 == drainedNs ? elapsedNs : drainedNs - startNs) / 1e9;
        switch (transport)
        {
            case MPROC:
            case RAW:
                rounds.record(TRANSPORTS[transport], "append", appendedInTurn * 1e9 / elapsedNs);
                break;
            case MPROC_TAIL:
            case RAW_TAIL:
                rounds.record(TRANSPORTS[queueOf(transport)], "tail", read / drainedSeconds);
                break;
            case MPROC_LATENCY:
            case RAW_LATENCY:
                rounds.recordLatencies(TRANSPORTS[transport], samples, sampleCount);
                break;
            default:
                rounds.record(TRANSPORTS[transport], "handled", (read + peerInTurn) / drainedSeconds);
                drainGroup();
        }
    }

    /**
     * @param transport a transport.
     * @return the transport whose journal or queue it uses (a tail turn reads what the throughput turn's appends).
     */
    static int queueOf(final int transport)
    {
        return MPROC_TAIL == transport ? MPROC : RAW_TAIL == transport ? RAW : transport;
    }

    /** Handles what is left of the backlog, so that the next group turn starts from an empty group. */
    private void drainGroup()
    {
        while (1 == member.poll(groupHandler))
        {
            // the rest of this turn's backlog
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        peers.forEach(BenchSupport::stop);
        member.close();
        for (final JournalReader<DirectBuffer> reader : readers)
        {
            if (null != reader)
            {
                reader.close();
            }
        }
        for (final ExcerptTailer tailer : rawTailers)
        {
            if (null != tailer)
            {
                tailer.close();
            }
        }
        files.close();
        namespace.close();
        deleteTree(directory);
        rounds.print(TRANSPORTS);
    }

    private static void deleteTree(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            System.err.println("could not delete " + directory + ": " + ex);
        }
    }

    @Benchmark
    public long tail()
    {
        final int got;
        switch (transport)
        {
            case MPROC:
            case MPROC_TAIL:
                got = readers[MPROC].poll(throughputHandler);
                break;
            case RAW:
            case RAW_TAIL:
                got = pollRaw(rawTailers[RAW], false);
                break;
            case MPROC_LATENCY:
                got = readers[MPROC_LATENCY].poll(latencyHandler);
                break;
            case RAW_LATENCY:
                got = pollRaw(rawTailers[RAW_LATENCY], true);
                break;
            default:
                got = member.poll(groupHandler);
        }
        if (0 == got && 0 == drainedNs && read > 0)
        {
            noteDrained();
        }
        read += got;
        return read;
    }

    /** The first empty poll of a backlog turn: when the backlog is all handled, its end. */
    private void noteDrained()
    {
        if (MPROC_TAIL == transport || RAW_TAIL == transport)
        {
            drainedNs = System.nanoTime(); // the whole backlog was there before the turn began
        }
        else if (GROUP == transport && read + peerHandled.getAcquire() - peerHandledAtStart >= GROUP_BACKLOG)
        {
            drainedNs = System.nanoTime(); // not just a claim lost to the other member
        }
    }

    private int pollRaw(final ExcerptTailer tailer, final boolean latency)
    {
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return 0;
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long first = bytes.readLong(bytes.readPosition());
            if (latency)
            {
                record(first);
            }
            else
            {
                rawSequence.checkSequence(first);
            }
            return 1;
        }
    }

    private void record(final long stampNs)
    {
        if (sampleCount < MAX_SAMPLES)
        {
            samples[sampleCount++] = System.nanoTime() - stampNs;
        }
    }

    /** The benchmark's journals and raw queues, one per transport, under one directory. */
    static final class JournalFiles implements AutoCloseable
    {
        @SuppressWarnings("unchecked")
        private final Journal<DirectBuffer>[] journals = new Journal[TRANSPORTS.length];
        private final SingleChronicleQueue[] raws = new SingleChronicleQueue[TRANSPORTS.length];

        void open(final Path directory)
        {
            for (final int t : new int[]{MPROC, MPROC_LATENCY, GROUP})
            {
                journals[t] = Journal.builder(directory.resolve(TRANSPORTS[t]), BufferCodec.INSTANCE)
                    .blockSize(BLOCK_SIZE).open();
            }
            for (final int t : new int[]{RAW, RAW_LATENCY})
            {
                raws[t] = JournalPeerMain.rawQueue(directory.resolve(TRANSPORTS[t]));
            }
        }

        Journal<DirectBuffer> journal(final int transport)
        {
            return journals[transport];
        }

        SingleChronicleQueue raw(final int transport)
        {
            return raws[transport];
        }

        @Override
        public void close()
        {
            for (final Journal<DirectBuffer> journal : journals)
            {
                if (null != journal)
                {
                    journal.close();
                }
            }
            for (final SingleChronicleQueue raw : raws)
            {
                if (null != raw)
                {
                    raw.close();
                }
            }
        }
    }
}
