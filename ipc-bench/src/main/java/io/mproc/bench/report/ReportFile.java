package io.mproc.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the report: {@code report.json} for tools, and the same rows as a Markdown table ({@code report.md}, also
 * printed at the end of the run) for people and the README.
 * <pre>
 * {"machine": {"cpus": 2, "cpu_model": "...", "jdk": "...", "os": "...", "python": "...", "date": "..."},
 *  "command": "java -cp ipc-bench/target/benchmarks.jar io.mproc.bench.Report --quick",
 *  "effort": "quick", "wall_s": 150.1, "other_cpu_s": 3.2, "prime_limits": {"100": 6160, ...},
 *  "results": [{"name": "pool.cpu.10ms.workers=2", "unit": "tasks/s", "value": X, "baseline": "ForkJoinPool(2)",
 *               "baseline_value": Y, "ratio": X/Y, "higher_is_better": true, "error": "+-...", "reason": null}]}
 * </pre>
 */
public final class ReportFile
{
    static final String JSON = "report.json";
    static final String MARKDOWN = "report.md";

    private ReportFile()
    {
    }

    /**
     * @return the mapper that writes (and the tests read) the report: snake_case, indented, nulls kept.
     */
    public static ObjectMapper mapper()
    {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * @param dir     where.
     * @param machine the machine.
     * @param command the exact command line.
     * @param effort  of the run.
     * @param wallSeconds how long the run took.
     * @param otherCpuSeconds CPU burnt meanwhile by other processes, or null.
     * @param primeLimits the calibrated count_primes limit per task duration (us).
     * @param rows    the results.
     * @return the Markdown table.
     * @throws IOException when a file cannot be written.
     */
    public static String write(final Path dir, final Machine machine, final String command, final Effort effort,
        final double wallSeconds, final Double otherCpuSeconds, final Map<Integer, Integer> primeLimits,
        final List<Row> rows) throws IOException
    {
        final Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", machine);
        report.put("command", command);
        report.put("effort", effort.name().toLowerCase());
        report.put("wall_s", Math.round(wallSeconds * 10) / 10.0);
        report.put("other_cpu_s", null == otherCpuSeconds ? null : Math.round(otherCpuSeconds * 10) / 10.0);
        report.put("prime_limits", primeLimits);
        report.put("results", rows);
        mapper().writeValue(dir.resolve(JSON).toFile(), report);
        final String table = table(machine, command, rows) + String.format("%nTook %s; other processes used %s " +
            "of CPU meanwhile.%n", Rows.duration(wallSeconds), null == otherCpuSeconds ? "an unknown amount" :
            Rows.duration(otherCpuSeconds));
        Files.writeString(dir.resolve(MARKDOWN), table);
        return table;
    }

    /**
     * @param machine the machine.
     * @param command the command line.
     * @param rows    the results.
     * @return a Markdown table of the rows, headed by the machine line and the command.
     */
    public static String table(final Machine machine, final String command, final List<Row> rows)
    {
        final StringBuilder out = new StringBuilder();
        out.append(machine.line("")).append("\n\n`").append(command).append("`\n\n");
        out.append("| figure | unit | mproc | baseline | baseline's | ratio | note |\n");
        out.append("|---|---|---:|---|---:|---:|---|\n");
        for (final Row row : rows)
        {
            out.append("| ").append(row.name()).append(" | ").append(row.unit())
                .append(" | ").append(Rows.format(row.value()))
                .append(null == row.error() ? "" : " " + row.error())
                .append(" | ").append(row.baseline())
                .append(" | ").append(Rows.format(row.baselineValue()))
                .append(" | ").append(null == row.ratio() ? "-" : Rows.format(row.ratio()) + "x")
                .append(" | ").append(null == row.reason() ? (row.higherIsBetter() ? "higher is better" :
                    "lower is better") : row.reason().replace("|", "/"))
                .append(" |\n");
        }
        return out.toString();
    }
}
