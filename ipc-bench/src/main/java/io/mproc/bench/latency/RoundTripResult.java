package io.mproc.bench.latency;

import io.mproc.bench.BenchSupport;

import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link RoundTripInterleavedBenchmark}: per transport, the median over rounds of its iterations' p50
 * and p99, and the median of the per-round ratios to its floor (the raw rings under the pipes, the raw longs under
 * the events); printed, and handed to the report through {@link BenchSupport#writeResult} (nanoseconds; keys
 * {@code pipe-busy-spin.p50}, {@code pipe-busy-spin.p50.vs-floor}, ...).
 */
final class RoundTripResult
{
    private static final String[] PERCENTILES = {"p50", "p99"};

    private RoundTripResult()
    {
    }

    /**
     * @param rounds     per measured round, per transport, {p50, p99} in ns (null where the turn gave nothing).
     * @param transports their names.
     */
    static void print(final List<double[][]> rounds, final String[] transports)
    {
        final List<double[][]> complete = rounds.stream()
            .filter(round -> Arrays.stream(round).allMatch(figures -> null != figures)).toList();
        if (complete.isEmpty())
        {
            System.out.println("interleaved: no complete round measured (use -i with a multiple of " +
                transports.length + ")");
            return;
        }
        System.out.printf("%ninterleaved round trips, %d rounds (ns: median over rounds; ratio: median of the " +
            "per-round ratios to the floor)%n", complete.size());
        for (int t = 0; t < transports.length; t++)
        {
            final int floor = floorOf(t);
            final StringBuilder line = new StringBuilder(String.format("interleaved %-22s", transports[t]));
            for (int p = 0; p < PERCENTILES.length; p++)
            {
                final int transport = t;
                final int percentile = p;
                final double value = BenchSupport.median(complete.stream().mapToDouble(r -> r[transport][percentile]).toArray());
                final double ratio = BenchSupport.median(complete.stream()
                    .mapToDouble(r -> r[transport][percentile] / r[floor][percentile]).toArray());
                line.append(String.format("  %s %8.0f ns (%.2fx floor)", PERCENTILES[p], value, ratio));
                BenchSupport.writeResult(transports[t] + "." + PERCENTILES[p], value);
                BenchSupport.writeResult(transports[t] + "." + PERCENTILES[p] + ".vs-floor", ratio);
            }
            System.out.println(line);
        }
    }

    /**
     * @param transport index.
     * @return the index of the floor it is compared with.
     */
    static int floorOf(final int transport)
    {
        return transport < RoundTripInterleavedBenchmark.RAW_LONGS ? RoundTripInterleavedBenchmark.RAW_RINGS :
            RoundTripInterleavedBenchmark.RAW_LONGS;
    }
}
