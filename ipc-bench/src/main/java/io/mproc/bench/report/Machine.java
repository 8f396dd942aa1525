package io.mproc.bench.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

/**
 * The machine the report ran on, as {@code report.json}'s {@code machine} and the charts' caption.
 *
 * @param cpus     available processors.
 * @param cpuModel from {@code /proc/cpuinfo}, or {@code os.arch} elsewhere.
 * @param jdk      vendor and version of this JVM.
 * @param os       name, version, architecture.
 * @param python   the Python peer's version, or why there is none.
 * @param date     of the run.
 */
@JsonPropertyOrder({"cpus", "cpu_model", "jdk", "os", "python", "date"})
public record Machine(int cpus, String cpuModel, String jdk, String os, String python, String date)
{
    /**
     * @param python the peer's version or reason.
     * @return this machine.
     */
    public static Machine detect(final String python)
    {
        return new Machine(Runtime.getRuntime().availableProcessors(), detectCpuModel(),
            System.getProperty("java.vm.name").replace(" 64-Bit Server VM", "") + " " +
                System.getProperty("java.runtime.version"),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
                System.getProperty("os.arch"),
            python, LocalDate.now().toString());
    }

    private static String detectCpuModel()
    {
        final Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo))
        {
            try (Stream<String> lines = Files.lines(cpuinfo))
            {
                return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
            }
            catch (final IOException ex)
            {
                return System.getProperty("os.arch");
            }
        }
        return System.getProperty("os.arch");
    }

    /**
     * @param command the report's flag ({@code --quick}).
     * @return one line for captions and the table's heading.
     */
    public String line(final String command)
    {
        return String.format("%d CPUs (%s), %s, %s, Python %s, %s%s", cpus, cpuModel, jdk, os, python, date,
            command.isEmpty() ? "" : ", " + command);
    }
}
