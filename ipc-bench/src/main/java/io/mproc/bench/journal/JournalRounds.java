package io.mproc.bench.journal;

import io.mproc.bench.BenchSupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of {@link JournalBenchmark}'s measured rounds (one iteration per transport each), and their summary:
 * per figure the median over rounds, and per mproc figure the median of its per-round ratios to raw Chronicle's
 * same figure ({@code mproc.tail / raw.tail}; {@code mproc-latency.p50 / raw-latency.p50}).
 */
final class JournalRounds
{
    private final List<Map<String, Double>> rounds = new ArrayList<>();
    private Map<String, Double> round;

    /**
     * @param measured whether the iteration is a measured one.
     * @param turn     its place in the rotation: 0 opens a round.
     */
    void startIteration(final boolean measured, final int turn)
    {
        if (!measured)
        {
            round = null;
            return;
        }
        if (0 == turn)
        {
            round = new LinkedHashMap<>();
            rounds.add(round);
        }
    }

    void record(final String transport, final String figure, final double value)
    {
        if (null != round)
        {
            round.put(transport + "." + figure, value);
        }
    }

    /** Records p50, p99 and p99.9 (ns) of the first {@code count} samples, which it sorts. */
    void recordLatencies(final String transport, final long[] samples, final int count)
    {
        if (0 == count)
        {
            return;
        }
        Arrays.sort(samples, 0, count);
        record(transport, "p50", samples[(count - 1) / 2]);
        record(transport, "p99", samples[(int)Math.ceil(0.99 * count) - 1]);
        record(transport, "p99.9", samples[(int)Math.ceil(0.999 * count) - 1]);
    }

    /** Prints the summary and hands every figure to the report. */
    void print(final String[] transports)
    {
        final List<Map<String, Double>> complete = new ArrayList<>();
        for (final Map<String, Double> measured : rounds)
        {
            if (measured.size() == rounds.get(0).size() && !measured.isEmpty())
            {
                complete.add(measured);
            }
        }
        if (complete.isEmpty())
        {
            System.out.println("interleaved: no complete round measured (use -i with a multiple of " +
                transports.length + ")");
            return;
        }
        System.out.printf("%ninterleaved result, %d rounds (median over rounds; each round; mproc figures: median " +
            "of the per-round ratios to raw Chronicle)%n", complete.size());
        for (final String key : complete.get(0).keySet())
        {
            final double[] values = complete.stream().mapToDouble((r) -> r.get(key)).toArray();
            final String rawKey = rawCounterpart(key);
            final StringBuilder line = new StringBuilder(String.format("interleaved %-22s %14.1f  (", key,
                BenchSupport.median(values)));
            for (final double value : values)
            {
                line.append(String.format(" %.0f", value));
            }
            line.append(" )");
            BenchSupport.writeResult(key, BenchSupport.median(values));
            if (null != rawKey && complete.get(0).containsKey(rawKey))
            {
                final double ratio = BenchSupport.median(complete.stream().mapToDouble((r) -> r.get(key) / r.get(rawKey))
                    .toArray());
                line.append(String.format("  vs raw %.2f", ratio));
                BenchSupport.writeResult(key + ".vs-raw", ratio);
            }
            System.out.println(line);
        }
    }

    /** @return the raw Chronicle figure an mproc figure is compared with, or null. */
    private static String rawCounterpart(final String key)
    {
        if (key.startsWith("mproc-latency."))
        {
            return "raw-latency." + key.substring("mproc-latency.".length());
        }
        if (key.startsWith("mproc."))
        {
            return "raw." + key.substring("mproc.".length());
        }
        return null;
    }
}
