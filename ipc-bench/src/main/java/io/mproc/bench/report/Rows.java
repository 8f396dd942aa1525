package io.mproc.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds {@link Row}s: fills the ratio, and the reason when a figure is missing; and formats figures for tables and
 * logs.
 */
public final class Rows
{
    private final List<Row> rows = new ArrayList<>();

    /**
     * @return the rows added so far, in order.
     */
    public List<Row> list()
    {
        return rows;
    }

    /**
     * Adds a row; when a figure is missing, its reason (or a generic one) is kept.
     *
     * @param name           the row's name.
     * @param unit           of both figures.
     * @param value          mproc's, or null.
     * @param valueReason    why value is null (ignored when it is not).
     * @param error          of value, or null.
     * @param baseline       what value is compared with.
     * @param baselineValue  or null.
     * @param baselineReason why baselineValue is null (ignored when it is not).
     * @param higherIsBetter direction.
     */
    public void add(final String name, final String unit, final Double value, final String valueReason,
        final String error, final String baseline, final Double baselineValue, final String baselineReason,
        final boolean higherIsBetter)
    {
        final Double ratio = null == value || null == baselineValue || 0 == baselineValue ? null :
            round(value / baselineValue);
        addWithRatio(name, unit, value, valueReason, error, baseline, baselineValue, baselineReason, ratio,
            higherIsBetter);
    }

    /**
     * As {@link #add}, with a ratio computed by the benchmark (an interleaved one's median of same-moment ratios).
     *
     * @param name           the row's name.
     * @param unit           of both figures.
     * @param value          mproc's, or null.
     * @param valueReason    why value is null.
     * @param error          of value, or null.
     * @param baseline       what value is compared with.
     * @param baselineValue  or null.
     * @param baselineReason why baselineValue is null.
     * @param ratio          or null.
     * @param higherIsBetter direction.
     */
    public void addWithRatio(final String name, final String unit, final Double value, final String valueReason,
        final String error, final String baseline, final Double baselineValue, final String baselineReason,
        final Double ratio, final boolean higherIsBetter)
    {
        String reason = null;
        if (null == value)
        {
            reason = null == valueReason ? "not measured" : valueReason;
        }
        if (null == baselineValue && !(null == value && String.valueOf(valueReason).equals(baselineReason)))
        {
            final String why = "baseline: " + (null == baselineReason ? "not measured" : baselineReason);
            reason = null == reason ? why : reason + "; " + why;
        }
        rows.add(new Row(name, unit, round(value), baseline, round(baselineValue), null == ratio ? null : round(ratio),
            higherIsBetter, error, reason));
    }

    /**
     * @param value a figure, or null.
     * @return it with 4 significant digits (JSON stays readable; the runs move by far more).
     */
    static Double round(final Double value)
    {
        if (null == value || value.isNaN() || value.isInfinite())
        {
            return null;
        }
        if (0 == value)
        {
            return value;
        }
        final double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(value))));
        return Math.round(value * scale) / scale;
    }

    /**
     * @param value a figure.
     * @return it for a table: thousands separated above 1000, else 3 significant digits.
     */
    public static String format(final Double value)
    {
        if (null == value)
        {
            return "-";
        }
        final double abs = Math.abs(value);
        if (abs >= 1000)
        {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100)
        {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3g", value);
    }

    /**
     * @param seconds a duration.
     * @return {@code 3m05s} or {@code 42s}.
     */
    public static String duration(final double seconds)
    {
        final long whole = Math.round(seconds);
        return whole >= 60 ? String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60) : whole + "s";
    }
}
