package io.mproc.bench.report;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.Map;

/**
 * What one {@link Trial} gave: JMH's result, the extra figures the benchmark wrote itself (an interleaved
 * benchmark's medians), or why there is nothing.
 *
 * @param trial   that ran.
 * @param result  JMH's, or null when the trial failed.
 * @param extra   {@code key -> value} written through {@code BenchSupport.writeResult}.
 * @param failure why there is no result, or null.
 */
public record TrialResult(Trial trial, RunResult result, Map<String, Double> extra, String failure)
{
    /**
     * @return JMH's primary score, or null.
     */
    public Double score()
    {
        return null == result ? null : result.getPrimaryResult().getScore();
    }

    /**
     * @param name of an {@code @AuxCounters} field.
     * @return its score (a rate), or null.
     */
    public Double secondary(final String name)
    {
        if (null == result)
        {
            return null;
        }
        final Result<?> secondary = result.getSecondaryResults().get(name);
        return null == secondary ? null : secondary.getScore();
    }

    /**
     * @param name of an {@code @AuxCounters} field, or null for the primary result.
     * @return {@code "+-X"}, JMH's 99.9% confidence half-width, or null when JMH has none (a single iteration).
     */
    public String error(final String name)
    {
        if (null == result)
        {
            return null;
        }
        final Result<?> r = null == name ? result.getPrimaryResult() : result.getSecondaryResults().get(name);
        if (null == r || Double.isNaN(r.getScoreError()))
        {
            return null;
        }
        return "+-" + Rows.format(r.getScoreError());
    }

    /**
     * @param percentile 0 to 100.
     * @return that percentile of a sample-time or single-shot result, in the benchmark's time unit, or null.
     */
    public Double percentile(final double percentile)
    {
        return null == result ? null : result.getPrimaryResult().getStatistics().getPercentile(percentile);
    }
}
