package io.mproc.bench.journal;

import io.mproc.bench.BenchSupport;
import io.mproc.journal.BufferCodec;
import io.mproc.journal.GroupMember;
import io.mproc.journal.Journal;
import io.mproc.journal.JournalHandler;
import io.mproc.memory.Namespace;
import io.mproc.value.LongValue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.mproc.bench.journal.JournalBenchmark.GROUP;
import static io.mproc.bench.journal.JournalBenchmark.LATENCY_PERIOD_NS;
import static io.mproc.bench.journal.JournalBenchmark.MESSAGE_LENGTH;
import static io.mproc.bench.journal.JournalBenchmark.MPROC;
import static io.mproc.bench.journal.JournalBenchmark.MPROC_LATENCY;
import static io.mproc.bench.journal.JournalBenchmark.MPROC_TAIL;
import static io.mproc.bench.journal.JournalBenchmark.RAW;
import static io.mproc.bench.journal.JournalBenchmark.RAW_LATENCY;
import static io.mproc.bench.journal.JournalBenchmark.RAW_TAIL;
import static io.mproc.bench.journal.JournalBenchmark.TAIL_BACKLOG;
import static io.mproc.bench.journal.JournalBenchmark.TRANSPORTS;

/**
 * The peer JVMs of {@link JournalBenchmark}, until killed. args: namespace directory, journals directory, role
 * (and for the appender the bytes raw Chronicle writes per message, {@link JournalBenchmark#rawMessageLength}).
 * {@value #APPENDER}: in a throughput turn appends as fast as it can (each message numbered), in a latency turn one
 * message every {@link JournalBenchmark#LATENCY_PERIOD_NS} ns (stamped with {@code System.nanoTime()} just before
 * the append), publishing its count in {@value #APPENDED}; {@value #MEMBER}: in the group turn, the second member of
 * the group, publishing what it handled in {@value #HANDLED}. Both sleep outside their turns.
 */
public final class JournalPeerMain
{
    static final String APPENDER = "appender";
    static final String MEMBER = "member";
    static final String AWAKE = "awake";
    static final String APPENDED = "appended";
    static final String HANDLED = "handled";
    static final String GROUP_NAME = "bench";
    private static final int PUBLISH_EVERY = 256;
    private static final int TRANSPORT_SLOTS = 8;

    private JournalPeerMain()
    {
    }

    /**
     * @param iteration the benchmark's iteration number.
     * @param transport whose turn it is.
     * @return the value of {@value #AWAKE} for that turn: unique per turn, so that a backlog is appended once.
     */
    static long token(final int iteration, final int transport)
    {
        return (long)iteration * TRANSPORT_SLOTS + transport;
    }

    private static int transportOf(final long token)
    {
        return token < 0 ? -1 : (int)(token % TRANSPORT_SLOTS);
    }

    /**
     * @param directory of the raw queue.
     * @return a raw Chronicle queue with the journal's roll cycle and the benchmark's block size.
     */
    static SingleChronicleQueue rawQueue(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory).rollCycle(RollCycles.FAST_DAILY)
            .blockSize(JournalBenchmark.BLOCK_SIZE).build();
    }

    static Journal<DirectBuffer> journal(final Path directory, final int transport)
    {
        return Journal.builder(directory.resolve(TRANSPORTS[transport]), BufferCodec.INSTANCE)
            .blockSize(JournalBenchmark.BLOCK_SIZE).open();
    }

    public static void main(final String[] args)
    {
        BenchSupport.exitWhenParentDies();
        final Namespace namespace = Namespace.open(Paths.get(args[0]));
        final Path directory = Paths.get(args[1]);
        final LongValue awake = LongValue.open(namespace, AWAKE);
        if (APPENDER.equals(args[2]))
        {
            new Appender(awake, LongValue.open(namespace, APPENDED), directory, Integer.parseInt(args[3])).run();
        }
        else
        {
            member(awake, LongValue.open(namespace, HANDLED), directory);
        }
    }

    private static void member(final LongValue awake, final LongValue handled, final Path directory)
    {
        final Journal<DirectBuffer> journal = journal(directory, GROUP);
        final GroupMember<DirectBuffer> member = journal.joinGroup(GROUP_NAME);
        final long[] sum = new long[1];
        final JournalHandler<DirectBuffer> handler = (index, value, redelivered) -> sum[0] += value.getLong(0);
        System.out.println("READY");
        long count = 0;
        while (true)
        {
            if (transportOf(awake.getAcquire()) != GROUP)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                continue;
            }
            for (int i = 0; i < PUBLISH_EVERY; i++)
            {
                count += member.poll(handler);
            }
            handled.setRelease(count);
        }
    }

    /** The appender JVM: both journals and both raw queues open, appending to the one whose turn it is. */
    private static final class Appender
    {
        private final LongValue awake;
        private final LongValue appended;
        private final Journal<DirectBuffer>[] journals;
        private final ExcerptAppender[] raws = new ExcerptAppender[TRANSPORTS.length];
        private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(MESSAGE_LENGTH));
        private final byte[] rawMessage;
        private final UnsafeBuffer rawView;
        private final long[] sequences = new long[TRANSPORTS.length];
        private long count;

        @SuppressWarnings("unchecked")
        Appender(final LongValue awake, final LongValue appended, final Path directory, final int rawMessageLength)
        {
            this.rawMessage = new byte[rawMessageLength];
            this.rawView = new UnsafeBuffer(rawMessage);
            this.awake = awake;
            this.appended = appended;
            this.journals = new Journal[TRANSPORTS.length];
            journals[MPROC] = journal(directory, MPROC);
            journals[MPROC_LATENCY] = journal(directory, MPROC_LATENCY);
            raws[RAW] = rawQueue(directory.resolve(TRANSPORTS[RAW])).createAppender();
            raws[RAW_LATENCY] = rawQueue(directory.resolve(TRANSPORTS[RAW_LATENCY])).createAppender();
        }

        void run()
        {
            System.out.println("READY");
            long backlogToken = -1;
            while (true)
            {
                final long token = awake.getAcquire();
                final int turn = transportOf(token);
                if (MPROC == turn || RAW == turn)
                {
                    appendBatch(turn, PUBLISH_EVERY);
                }
                else if ((MPROC_TAIL == turn || RAW_TAIL == turn) && token != backlogToken)
                {
                    backlogToken = token;
                    for (int i = 0; i < TAIL_BACKLOG; i += PUBLISH_EVERY)
                    {
                        appendBatch(JournalBenchmark.queueOf(turn), PUBLISH_EVERY);
                    }
                }
                else if (MPROC_LATENCY == turn || RAW_LATENCY == turn)
                {
                    final long next = System.nanoTime() + LATENCY_PERIOD_NS;
                    while (System.nanoTime() - next < 0)
                    {
                        Thread.onSpinWait();
                    }
                    append(turn, System.nanoTime());
                }
                else
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
        }

        /** Appends numbered messages and publishes the count. */
        private void appendBatch(final int transport, final int messages)
        {
            for (int i = 0; i < messages; i++)
            {
                append(transport, sequences[transport]++);
            }
            count += messages;
            appended.setRelease(count);
        }

        private void append(final int transport, final long first)
        {
            if (MPROC == transport || MPROC_LATENCY == transport)
            {
                message.putLong(0, first);
                journals[transport].append(message);
                return;
            }
            rawView.putLong(0, first);
            try (DocumentContext document = raws[transport].writingDocument())
            {
                document.wire().bytes().write(rawMessage, 0, rawMessage.length);
            }
        }
    }
}
