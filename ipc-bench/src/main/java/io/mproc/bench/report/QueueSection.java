package io.mproc.bench.report;

import io.mproc.bench.baseline.ArrayBlockingQueueThroughput;
import io.mproc.bench.queue.QueueThroughputBenchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The queue rows: one producer JVM to one consumer JVM, 8- and 64-byte messages, through mproc's zero-copy
 * {@code MessageRing} (as created for many producers and for one) and {@code SharedQueue} ({@code poll} and
 * {@code drainTo}), beside raw Agrona rings over the same kind of file, measured interleaved in one fork
 * ({@link QueueThroughputBenchmark}: the ratios are medians of same-moment ratios); {@code SharedQueue} also beside
 * {@code ArrayBlockingQueue} between two threads ({@link ArrayBlockingQueueThroughput}) and Python's
 * {@code multiprocessing.Queue}.
 */
public final class QueueSection implements Section
{
    static final int[] MESSAGE_LENGTHS = {8, 64};
    static final String ABQ = "queue.abq";
    /** The transports that take turns in {@link QueueThroughputBenchmark}. */
    static final int TRANSPORTS = 7;

    @Override
    public List<Trial> trials(final Effort effort, final int cpus)
    {
        final List<Trial> trials = new ArrayList<>();
        for (final int length : effort.messageLengths)
        {
            // Seven producer JVMs start before the first iteration.
            trials.add(Trial.of(label(length), QueueThroughputBenchmark.class, "consume",
                effort.interleaved.rounds(TRANSPORTS), 4.0,
                "messageLength", String.valueOf(length), "leaveOut", "none", "waitStrategy", "spin-then-block"));
        }
        trials.add(Trial.of(ABQ, ArrayBlockingQueueThroughput.class, "consume", effort.standard, 0.2));
        return trials;
    }

    private static String label(final int length)
    {
        return "queue.interleaved." + length + "B";
    }

    @Override
    public List<String> pythonMeasurements()
    {
        return List.of("queue_throughput");
    }

    @Override
    public void addRows(final Measured measured, final Rows rows)
    {
        for (final int length : MESSAGE_LENGTHS)
        {
            final String suffix = "." + length + "B";
            final TrialResult run = measured.trial(label(length));
            final String reason = null == run ? measured.reason(label(length)) :
                "no complete interleaved round was measured; see its log";
            interleaved(rows, run, reason, "queue.zero-copy" + suffix, "mproc-zero-copy",
                "Agrona ManyToOneRingBuffer", "agrona-many-to-one", "vs-many-to-one");
            interleaved(rows, run, reason, "queue.zero-copy-1p" + suffix, "mproc-zero-copy-1p",
                "Agrona OneToOneRingBuffer", "agrona-one-to-one", "vs-one-to-one");
            interleaved(rows, run, reason, "queue.shared-queue.drain" + suffix, "mproc-queue-drain",
                "Agrona OneToOneRingBuffer", "agrona-one-to-one", "vs-one-to-one");
            final Double poll = figure(run, "mproc-queue");
            final String pythonKey = 8 == length ? "queue_int_msgs_per_s" : "queue_bytes64_msgs_per_s";
            rows.add("queue.shared-queue" + suffix, "msgs/s", poll, reason, null,
                "Python multiprocessing.Queue, " + (8 == length ? "int" : "64-byte bytes"),
                measured.python().get(pythonKey), measured.python().reasonFor(pythonKey), true);
            if (8 == length)
            {
                final TrialResult abq = measured.trial(ABQ);
                rows.add("queue.shared-queue" + suffix + ".vs-abq", "msgs/s", poll, reason, null,
                    "ArrayBlockingQueue, 2 threads of 1 JVM", null == abq ? null : abq.secondary("messages"),
                    measured.reason(ABQ), true);
            }
        }
    }

    private static void interleaved(final Rows rows, final TrialResult run, final String reason, final String name,
        final String transport, final String baseline, final String baselineTransport, final String ratioKey)
    {
        rows.addWithRatio(name, "msgs/s", figure(run, transport), reason, null, baseline,
            figure(run, baselineTransport), reason, figure(run, transport + "." + ratioKey), true);
    }

    private static Double figure(final TrialResult run, final String key)
    {
        return null == run ? null : run.extra().get(key);
    }
}
