package io.mproc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the report as CI does ({@code --smoke}: every benchmark for a moment, in forks, and the Python peer when
 * {@code python3} is there) and checks what it wrote: the JSON shape, every headline row with a number or a reason,
 * and the charts as images. No timing is asserted.
 */
class ReportSmokeTest
{
    @TempDir
    Path out;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theSmokeReportHasEveryHeadlineRowAndItsCharts() throws Exception
    {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final int status = Report.run(new PrintStream(printed, true, StandardCharsets.UTF_8), "--smoke", "--out",
            out.toString());
        final String console = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, "no trial may fail (a wrong answer fails its benchmark):\n" + console);
        assertTrue(console.contains("[1/") && console.contains("to go"), "progress lines:\n" + console);

        final JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        final JsonNode machine = report.get("machine");
        assertTrue(machine.get("cpus").asInt() > 0, machine.toString());
        for (final String field : new String[]{"cpu_model", "jdk", "os", "python"})
        {
            assertFalse(machine.get(field).asText().isBlank(), field + " in " + machine);
        }
        assertTrue(report.get("command").asText().contains("io.mproc.bench.Report --smoke"), report.toString());
        assertTrue(report.get("wall_s").isNumber(), "wall_s");
        assertTrue(report.get("other_cpu_s").isNumber() || report.get("other_cpu_s").isNull(), "other_cpu_s");

        final Map<String, JsonNode> rows = new HashMap<>();
        for (final JsonNode row : report.get("results"))
        {
            assertWellFormed(row);
            rows.put(row.get("name").asText(), row);
        }
        for (final String name : headlineRows(machine.get("cpus").asInt()))
        {
            assertNotNull(rows.get(name), "headline row " + name + " missing from " + rows.keySet());
        }
        for (final String built : new String[]{"manager.dict.set", "manager.dict.get", "journal.append",
            "journal.tail", "journal.append-to-read.p50", "journal.group.2members"})
        {
            assertTrue(rows.get(built).get("value").isNumber(), built + " measured: " + rows.get(built));
        }

        for (final String chart : new String[]{"pool-cpu.png", "queue-throughput.png", "round-trip.png"})
        {
            final BufferedImage image = ImageIO.read(out.resolve(chart).toFile());
            assertNotNull(image, chart + " is not a readable image");
            assertTrue(image.getWidth() >= 600 && image.getHeight() >= 300, chart + " is too small for a README");
        }
    }

    @Test
    void smokeAndQuickExcludeEachOther()
    {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);
        final PrintStream err = System.err;
        final int status;
        try
        {
            System.setErr(console);
            status = Report.run(console, "--smoke", "--quick", "--out", out.toString());
        }
        finally
        {
            System.setErr(err);
        }
        assertEquals(2, status);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("--smoke and --quick exclude each other"),
            printed.toString(StandardCharsets.UTF_8));
    }

    /**
     * A figure is a number, or null with the reason; the same for its baseline's; the ratio only with both.
     */
    private static void assertWellFormed(final JsonNode row)
    {
        final String name = row.get("name").asText();
        assertFalse(name.isBlank(), row.toString());
        assertFalse(row.get("unit").asText().isBlank(), row.toString());
        assertFalse(row.get("baseline").asText().isBlank(), row.toString());
        assertTrue(row.get("higher_is_better").isBoolean(), row.toString());
        for (final String figure : new String[]{"value", "baseline_value"})
        {
            final JsonNode node = row.get(figure);
            assertNotNull(node, figure + " must be present, null or not: " + row);
            assertTrue(node.isNumber() || (node.isNull() && row.get("reason").isTextual() &&
                !row.get("reason").asText().isBlank()), figure + " is neither a number nor explained: " + row);
        }
        final boolean both = row.get("value").isNumber() && row.get("baseline_value").isNumber();
        assertEquals(both, row.get("ratio").isNumber(), "a ratio exactly when both figures are there: " + row);
        assertTrue(row.get("error").isNull() || row.get("error").asText().startsWith("+-"), row.toString());
    }

    private static List<String> headlineRows(final int cpus)
    {
        final List<String> names = new ArrayList<>();
        for (final String size : new String[]{"0.1ms", "1ms", "10ms"})
        {
            for (final int workers : new int[]{1, cpus, 2 * cpus})
            {
                final String row = "pool.cpu." + size + ".workers=" + workers;
                names.addAll(List.of(row, row + ".vs-ideal", row + ".vs-python"));
            }
        }
        names.addAll(List.of("pool.tiny.chunksize=1", "pool.tiny.chunksize=auto", "queue.shared-queue.8B.vs-abq"));
        for (final String length : new String[]{"8B", "64B"})
        {
            for (final String queue : new String[]{"zero-copy", "zero-copy-1p", "shared-queue", "shared-queue.drain"})
            {
                names.add("queue." + queue + "." + length);
            }
        }
        for (final String what : new String[]{"pipe", "event"})
        {
            for (final String p : new String[]{"p50", "p99"})
            {
                names.addAll(List.of("rtt." + what + ".busy-spin." + p, "rtt." + what + ".spin-then-block." + p,
                    "rtt." + what + "." + p + ".vs-python"));
            }
        }
        names.addAll(List.of("value.increments.2procs", "value.increments.2procs.vs-python", "process.start",
            "process.start.vs-python", "process.start.warm-spare.vs-python", "process.burst.5children.vs-python",
            "pool.2workers.first-map.vs-python", "manager.dict.set", "manager.dict.get", "journal.append", "journal.tail",
            "journal.append-to-read.p50", "journal.append-to-read.p99", "journal.group.2members"));
        return names;
    }
}
