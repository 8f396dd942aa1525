package io.mproc.bench.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One headline figure of the report: mproc's value beside one baseline measured in the same run. Serialised as one
 * element of {@code results} in {@code report.json} (snake_case names); a figure that could not be measured has a
 * null value and the reason.
 *
 * @param name           dotted, stable: {@code pool.cpu.1ms.workers=2}.
 * @param unit           of value and baselineValue: {@code tasks/s}, {@code us}, ...
 * @param value          mproc's figure, or null.
 * @param baseline       what it is compared with: {@code ForkJoinPool(2)}.
 * @param baselineValue  the baseline's figure in the same run, or null.
 * @param ratio          value / baselineValue (for interleaved figures, the median of same-moment ratios), or null.
 * @param higherIsBetter whether a larger value is better (throughput) or worse (latency).
 * @param error          JMH's 99.9% confidence half-width of value ({@code +-12.3}), or null.
 * @param reason         why value or baselineValue is null, or null when both are there.
 */
@JsonPropertyOrder({"name", "unit", "value", "baseline", "baseline_value", "ratio", "higher_is_better", "error",
    "reason"})
public record Row(String name, String unit, Double value, String baseline, Double baselineValue, Double ratio,
    boolean higherIsBetter, String error, String reason)
{
}
