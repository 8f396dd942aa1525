package io.mproc.bench.report;

import io.mproc.bench.baseline.PingPongRawSpinLatency;
import io.mproc.bench.latency.PingPongEventLatency;
import io.mproc.bench.queue.PipePingPongBenchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The round-trip rows, p50 and p99 in microseconds: mproc's {@code Pipe} ({@link PipePingPongBenchmark}) beside its
 * floor, two raw Agrona rings with busy-spin reads, and mproc's {@code Event} ({@link PingPongEventLatency}) beside
 * its floor, two mapped longs with busy-spin ({@link PingPongRawSpinLatency}); each floor runs right before the
 * results it bounds. Both also beside Python's {@code Pipe} and {@code Event}, with mproc's default wait
 * (spin-then-block).
 */
public final class LatencySection implements Section
{
    static final String PIPE_FLOOR = "rtt.pipe.raw-rings";
    static final String EVENT_FLOOR = "rtt.event.raw-spin";
    static final String[] STRATEGIES = {"busy-spin", "spin-then-block"};
    static final double[] PERCENTILES = {50, 99};

    @Override
    public List<Trial> trials(final Effort effort, final int cpus)
    {
        final List<Trial> trials = new ArrayList<>();
        trials.add(Trial.of(PIPE_FLOOR, PipePingPongBenchmark.class, "roundTrip", effort.standard, 0.5,
            "api", "raw-rings"));
        for (final String strategy : STRATEGIES)
        {
            trials.add(Trial.of("rtt.pipe." + strategy, PipePingPongBenchmark.class, "roundTrip", effort.standard,
                0.5, "api", "pipe-" + strategy));
        }
        trials.add(Trial.of(EVENT_FLOOR, PingPongRawSpinLatency.class, "roundTrip", effort.standard, 0.5));
        for (final String strategy : STRATEGIES)
        {
            trials.add(Trial.of("rtt.event." + strategy, PingPongEventLatency.class, "roundTrip", effort.standard,
                0.5, "strategy", strategy));
        }
        return trials;
    }

    @Override
    public List<String> pythonMeasurements()
    {
        return List.of("pipe_pingpong_rtt", "event_pingpong_rtt");
    }

    @Override
    public void addRows(final Measured measured, final Rows rows)
    {
        addRows(measured, rows, "pipe", PIPE_FLOOR, "raw Agrona rings, busy-spin (floor)", "pipe_rtt");
        addRows(measured, rows, "event", EVENT_FLOOR, "two mapped longs, busy-spin (floor)", "event_rtt");
    }

    private static void addRows(final Measured measured, final Rows rows, final String what, final String floorLabel,
        final String floorName, final String pythonPrefix)
    {
        final TrialResult floor = measured.trial(floorLabel);
        for (final double percentile : PERCENTILES)
        {
            final String p = "p" + (int)percentile;
            for (final String strategy : STRATEGIES)
            {
                final String label = "rtt." + what + "." + strategy;
                rows.add(label + "." + p, "us", micros(measured.trial(label), percentile), measured.reason(label),
                    null, floorName, micros(floor, percentile), measured.reason(floorLabel), false);
            }
            final String label = "rtt." + what + ".spin-then-block";
            final String key = pythonPrefix + (50 == percentile ? "_median_us" : "_p99_us");
            rows.add("rtt." + what + "." + p + ".vs-python", "us", micros(measured.trial(label), percentile),
                measured.reason(label), null, "Python " + ("pipe".equals(what) ? "Pipe" : "Event"),
                measured.python().get(key), measured.python().reasonFor(key), false);
        }
    }

    private static Double micros(final TrialResult result, final double percentile)
    {
        final Double ns = null == result ? null : result.percentile(percentile);
        return null == ns ? null : ns / 1000;
    }
}
