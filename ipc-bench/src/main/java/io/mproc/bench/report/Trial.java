package io.mproc.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One JMH trial of the report: one benchmark method with one set of parameters, in one fork.
 *
 * @param label      unique name, used for progress, logs and lookups ({@code pool.cpu.1000us.processpool.2}).
 * @param benchmark  the JMH benchmark class.
 * @param method     its {@code @Benchmark} method.
 * @param params     the {@code @Param} values.
 * @param timing     iterations; ignored for single-shot trials, which use {@link #singleShots}.
 * @param singleShots for a single-shot benchmark, warm-ups and measured shots ({@code {2, 10}}), else null.
 * @param setupSeconds the fork's expected start and set-up (peer JVMs, a pool), for the progress estimate.
 */
public record Trial(String label, Class<?> benchmark, String method, Map<String, String> params,
    Effort.Timing timing, int[] singleShots, double setupSeconds)
{
    /**
     * @param label     unique name.
     * @param benchmark the JMH class.
     * @param method    its method.
     * @param timing    iterations.
     * @param setup     expected start and set-up seconds.
     * @param params    name, value, name, value, ...
     * @return the trial.
     */
    public static Trial of(final String label, final Class<?> benchmark, final String method,
        final Effort.Timing timing, final double setup, final String... params)
    {
        return new Trial(label, benchmark, method, pairs(params), timing, null, setup);
    }

    /**
     * A single-shot trial: each shot one measured event (a process start).
     *
     * @param label     unique name.
     * @param benchmark the JMH class.
     * @param method    its method.
     * @param effort    gives the shot counts.
     * @param params    name, value, name, value, ...
     * @return the trial.
     */
    public static Trial singleShot(final String label, final Class<?> benchmark, final String method,
        final Effort effort, final String... params)
    {
        return new Trial(label, benchmark, method, pairs(params), null,
            new int[]{effort.singleShotWarmups, effort.singleShots}, 2.0);
    }

    private static Map<String, String> pairs(final String... params)
    {
        if (params.length % 2 != 0)
        {
            throw new IllegalArgumentException("params come as name, value pairs: " + String.join(",", params));
        }
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2)
        {
            map.put(params[i], params[i + 1]);
        }
        return map;
    }

    /**
     * @return the JMH include pattern that selects exactly this method.
     */
    public String includePattern()
    {
        return "^" + Pattern.quote(benchmark.getName() + "." + method) + "$";
    }

    /**
     * @return seconds this trial is expected to take here, fork start included.
     */
    public double estimatedSeconds()
    {
        final double fork = 1.5;
        if (null != singleShots)
        {
            return fork + setupSeconds + (singleShots[0] + singleShots[1]) * 0.3;
        }
        return fork + setupSeconds + timing.iterationSeconds();
    }
}
