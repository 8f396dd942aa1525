package io.mproc.bench;

import io.mproc.bench.pool.CountPrimes;
import io.mproc.bench.report.Charts;
import io.mproc.bench.report.CpuMeter;
import io.mproc.bench.report.Effort;
import io.mproc.bench.report.Machine;
import io.mproc.bench.report.Measured;
import io.mproc.bench.report.OtherSection;
import io.mproc.bench.report.LatencySection;
import io.mproc.bench.report.PoolSection;
import io.mproc.bench.report.PythonPeer;
import io.mproc.bench.report.QueueSection;
import io.mproc.bench.report.ReportFile;
import io.mproc.bench.report.Row;
import io.mproc.bench.report.Rows;
import io.mproc.bench.report.Section;
import io.mproc.bench.report.Trial;
import io.mproc.bench.report.TrialResult;
import io.mproc.bench.report.TrialRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One command that measures mproc's headline figures beside their baselines, in the same run, on this machine, and
 * writes {@code report.json}, {@code report.md} and the charts:
 * <pre>
 * java -cp ipc-bench/target/benchmarks.jar io.mproc.bench.Report [--smoke|--quick] [--out DIR]
 * </pre>
 * Each JMH trial runs in its own fork ({@code DIR/logs} keeps JMH's output); the Python peer runs after them when
 * {@code python3} is found. A trial that fails (a benchmark that computed a wrong answer, a crash) leaves its rows
 * null with the reason, and the exit status is 1.
 */
@Command(name = "Report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs mproc's headline benchmarks beside their baselines and writes report.json, report.md and " +
        "charts.")
public final class Report implements Callable<Integer>
{
    @Option(names = "--smoke", description = "Seconds, smallest sizes: checks that everything runs (CI).")
    boolean smoke;

    @Option(names = "--quick", description = "Under 5 minutes on 2 cores.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "ipc-bench/target/report",
        description = "Where report.json, report.md, the charts and logs/ go (default: ${DEFAULT-VALUE}).")
    Path out;

    private final PrintStream console;
    private final List<String> args;

    private Report(final PrintStream console, final List<String> args)
    {
        this.console = console;
        this.args = args;
    }

    /**
     * @param args {@code [--smoke|--quick] [--out DIR]}.
     */
    public static void main(final String[] args)
    {
        System.exit(run(System.out, args));
    }

    /**
     * Runs the report in this JVM (the trials fork their own).
     *
     * @param console progress and the table go here.
     * @param args    as for {@link #main(String[])}.
     * @return the exit status: 0, 1 when a trial failed, 2 for a bad command line.
     */
    public static int run(final PrintStream console, final String... args)
    {
        return new CommandLine(new Report(console, List.of(args))).execute(args);
    }

    @Override
    public Integer call() throws Exception
    {
        if (smoke && quick)
        {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "--smoke and --quick exclude each other: give one, or neither for the thorough run");
        }
        final long startNs = System.nanoTime();
        final CpuMeter cpu = CpuMeter.start();
        final Effort effort = smoke ? Effort.SMOKE : quick ? Effort.QUICK : Effort.THOROUGH;
        final Path logs = Files.createDirectories(out.resolve("logs"));
        final PythonPeer python = PythonPeer.find();
        final Machine machine = Machine.detect(python.describe());
        final String command = "java -cp ipc-bench/target/benchmarks.jar " + Report.class.getName() +
            (args.isEmpty() ? "" : " " + String.join(" ", args));
        console.println("mproc report, " + effort.name().toLowerCase() + ": " + machine.line(""));

        final Map<Integer, Integer> primeLimits = calibrate(effort);
        final List<String> forkArgs = primeLimits.entrySet().stream()
            .map(e -> "-D" + CountPrimes.LIMIT_PROPERTY_PREFIX + e.getKey() + "=" + e.getValue()).toList();
        final List<Section> sections = List.of(new PoolSection(), new QueueSection(), new LatencySection(),
            new OtherSection());
        final List<Trial> trials = sections.stream().flatMap(s -> s.trials(effort, machine.cpus()).stream()).toList();
        final double pythonSeconds = python.found() ? Map.of(Effort.SMOKE, 10.0, Effort.QUICK, 45.0,
            Effort.THOROUGH, 150.0).get(effort) : 0;
        final TrialRunner runner = new TrialRunner(logs, forkArgs, console);
        runner.plan(trials.size() + 1, trials.stream().mapToDouble(Trial::estimatedSeconds).sum() + pythonSeconds);
        final Map<String, TrialResult> results = runner.runAll(trials);

        runner.starting("Python multiprocessing peer" + (python.found() ? "" : ": " + python.describe()),
            pythonSeconds);
        final PythonPeer.PythonResult pythonResult = python.run(logs, effort.flag,
            sections.stream().flatMap(s -> s.pythonMeasurements().stream()).toList(),
            effort.taskMicros.stream().map(us -> us / 1000.0).toList(), PoolSection.workerCounts(machine.cpus()),
            (long)(pythonSeconds * 6 + 60));
        runner.done(pythonSeconds);

        final Rows rows = new Rows();
        final Measured measured = new Measured(effort, machine.cpus(), results, pythonResult);
        sections.forEach(section -> section.addRows(measured, rows));
        final String table = ReportFile.write(out, machine, command, effort, (System.nanoTime() - startNs) / 1e9,
            cpu.otherSeconds(), primeLimits, rows.list());
        final Map<String, Row> byName = rows.list().stream()
            .collect(Collectors.toMap(Row::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        final List<Path> charts = new Charts(byName, machine.line(effort.flag))
            .writeAll(out, PoolSection.workerCounts(machine.cpus()));

        console.println();
        console.println(table);
        console.println("wrote " + out.resolve("report.json") + ", " + out.resolve("report.md") + " and " +
            charts.stream().map(Path::toString).collect(Collectors.joining(", ")));
        final List<String> failed = results.values().stream().filter(r -> null != r.failure())
            .map(r -> r.trial().label()).toList();
        console.println("took " + Rows.duration((System.nanoTime() - startNs) / 1e9) +
            (failed.isEmpty() ? "" : "; FAILED trials: " + String.join(", ", failed)));
        return failed.isEmpty() ? 0 : 1;
    }

    private Map<Integer, Integer> calibrate(final Effort effort)
    {
        final Map<Integer, Integer> limits = new LinkedHashMap<>();
        for (final int micros : effort.taskMicros)
        {
            final int limit = CountPrimes.limitFor(micros);
            limits.put(micros, limit);
            console.printf("count_primes(%d) takes %.0f us here: the %s task%n", limit,
                CountPrimes.medianNs(limit, 9) / 1000, PoolSection.sizeLabel(micros));
        }
        return limits;
    }
}
