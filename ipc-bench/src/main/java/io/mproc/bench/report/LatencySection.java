package io.mproc.bench.report;

import io.mproc.bench.latency.RoundTripInterleavedBenchmark;

import java.util.List;

/**
 * The round-trip rows, p50 and p99 in microseconds, all from one interleaved fork
 * ({@link RoundTripInterleavedBenchmark}), so that each floor is measured in the same conditions as the results it
 * bounds: mproc's {@code Pipe} beside two raw Agrona rings with busy-spin reads, mproc's {@code Event} beside two
 * mapped longs with busy-spin, each with busy-spin and the default spin-then-block wait (the ratios are medians of
 * same-moment ratios); and, with the default wait, beside Python's {@code Pipe} and {@code Event}.
 */
public final class LatencySection implements Section
{
    static final String TRIAL = "rtt.interleaved";
    static final String[] STRATEGIES = {"busy-spin", "spin-then-block"};
    static final String[] PERCENTILES = {"p50", "p99"};
    /** The transports that take turns. */
    static final int TRANSPORTS = 6;

    @Override
    public List<Trial> trials(final Effort effort, final int cpus)
    {
        // Six echo JVMs start before the first iteration.
        return List.of(Trial.of(TRIAL, RoundTripInterleavedBenchmark.class, "roundTrip",
            effort.interleaved.rounds(TRANSPORTS), 3.5));
    }

    @Override
    public List<String> pythonMeasurements()
    {
        return List.of("pipe_pingpong_rtt", "event_pingpong_rtt");
    }

    @Override
    public void addRows(final Measured measured, final Rows rows)
    {
        final TrialResult run = measured.trial(TRIAL);
        final String reason = null == run ? measured.reason(TRIAL) :
            "no complete interleaved round was measured; see its log";
        addRows(measured, rows, run, reason, "pipe", "raw-rings", "raw Agrona rings, busy-spin (floor)", "pipe_rtt");
        addRows(measured, rows, run, reason, "event", "raw-longs", "two mapped longs, busy-spin (floor)",
            "event_rtt");
    }

    private static void addRows(final Measured measured, final Rows rows, final TrialResult run, final String reason,
        final String what, final String floor, final String floorName, final String pythonPrefix)
    {
        for (final String p : PERCENTILES)
        {
            for (final String strategy : STRATEGIES)
            {
                final String transport = what + "-" + strategy;
                rows.addWithRatio("rtt." + what + "." + strategy + "." + p, "us", micros(run, transport + "." + p),
                    reason, null, floorName, micros(run, floor + "." + p), reason,
                    figure(run, transport + "." + p + ".vs-floor"), false);
            }
            final String key = pythonPrefix + ("p50".equals(p) ? "_median_us" : "_p99_us");
            rows.add("rtt." + what + "." + p + ".vs-python", "us", micros(run, what + "-spin-then-block." + p),
                reason, null, "Python " + ("pipe".equals(what) ? "Pipe" : "Event"), measured.python().get(key),
                measured.python().reasonFor(key), false);
        }
    }

    private static Double micros(final TrialResult run, final String key)
    {
        final Double ns = figure(run, key);
        return null == ns ? null : ns / 1000;
    }

    private static Double figure(final TrialResult run, final String key)
    {
        return null == run ? null : run.extra().get(key);
    }
}
