package io.mproc.bench.report;

import io.mproc.bench.journal.JournalBenchmark;
import io.mproc.bench.manager.ManagerBenchmark;
import io.mproc.bench.process.ProcessBurstBenchmark;
import io.mproc.bench.process.ProcessSpawnBenchmark;
import io.mproc.bench.value.ContendedValueBenchmark;

import java.util.List;

/**
 * The remaining rows: shared-value increments from two JVMs ({@link ContendedValueBenchmark}) beside raw Agrona on
 * the same file and Python's locked {@code Value}; process start ({@link ProcessSpawnBenchmark}, start to the
 * child's first line, p50) beside a bare JVM and Python's spawn, and from a warm spare beside Python's fork; bursts
 * ({@link ProcessBurstBenchmark}, warm spares ready: five children started in a row and joined, a 2-worker pool's
 * create-to-first-map) beside Python's fork; the manager's dict operations from one client JVM
 * ({@link ManagerBenchmark}) beside Python's {@code Manager().dict()}; and the journal ({@link JournalBenchmark},
 * 64-byte messages, one appender JVM and one subscriber JVM, interleaved with raw Chronicle Queue measured the same
 * way): append and tail rates, append-to-read latency, and a consumer group of two member JVMs.
 */
public final class OtherSection implements Section
{
    static final String JOURNAL = "journal";
    static final int JOURNAL_TRANSPORTS = 7;

    @Override
    public List<Trial> trials(final Effort effort, final int cpus)
    {
        return List.of(
            Trial.of("value.mproc", ContendedValueBenchmark.class, "getAndAdd", effort.standard, 0.5, "api", "mproc"),
            Trial.of("value.raw", ContendedValueBenchmark.class, "getAndAdd", effort.standard, 0.5, "api", "raw"),
            Trial.singleShot("process.start.bare-jvm", ProcessSpawnBenchmark.class, "firstLine", effort,
                "launcher", "TRIVIAL_JVM"),
            Trial.singleShot("process.start.child-task", ProcessSpawnBenchmark.class, "firstLine", effort,
                "launcher", "CHILD_TASK"),
            Trial.singleShot("process.start.warm-spare", ProcessSpawnBenchmark.class, "firstLine", effort,
                "launcher", "CHILD_TASK_SPARE"),
            Trial.singleShot("process.burst.five", ProcessBurstBenchmark.class, "fiveChildren", effort,
                "spares", "5"),
            Trial.singleShot("process.burst.pool", ProcessBurstBenchmark.class, "poolFirstMap", effort,
                "spares", "5"),
            Trial.of("manager.set", ManagerBenchmark.class, "set", effort.standard, 1.0, "clients", "1",
                "serverThreads", "1"),
            Trial.of("manager.get", ManagerBenchmark.class, "get", effort.standard, 1.0, "clients", "1",
                "serverThreads", "1"),
            // Two peer JVMs start, and each group turn first appends its backlog.
            Trial.of(JOURNAL, JournalBenchmark.class, "tail", effort.interleaved.rounds(JOURNAL_TRANSPORTS), 4.0));
    }

    @Override
    public List<String> pythonMeasurements()
    {
        return List.of("value_increments", "process_spawn", "process_burst", "manager_dict_ops");
    }

    @Override
    public void addRows(final Measured measured, final Rows rows)
    {
        final TrialResult mproc = measured.trial("value.mproc");
        final Double increments = bothJvms(mproc);
        final double scoreError = null == mproc ? Double.NaN : mproc.result().getPrimaryResult().getScoreError();
        final String error = Double.isNaN(scoreError) ? null : "+-" + Rows.format(2 * scoreError * 1e6);
        final String unit = "increments/s (both JVMs)";
        rows.add("value.increments.2procs", unit, increments, measured.reason("value.mproc"),
            error, "raw Agrona getAndAddLong, 2 JVMs",
            bothJvms(measured.trial("value.raw")), measured.reason("value.raw"), true);
        rows.add("value.increments.2procs.vs-python", unit, increments, measured.reason("value.mproc"), error,
            "Python Value, += under get_lock(), 2 processes", measured.python().get("value_locked_incr_per_s"),
            measured.python().reasonFor("value_locked_incr_per_s"), true);

        final TrialResult child = measured.trial("process.start.child-task");
        final Double start = null == child ? null : child.percentile(50);
        final String reason = measured.reason("process.start.child-task");
        final TrialResult bare = measured.trial("process.start.bare-jvm");
        rows.add("process.start", "ms (p50)", start, reason, null, "bare JVM (java -cp, a trivial main)",
            null == bare ? null : bare.percentile(50), measured.reason("process.start.bare-jvm"), false);
        rows.add("process.start.vs-python", "ms (p50)", start, reason, null, "Python spawn",
            measured.python().get("proc_spawn_ready_ms"), measured.python().reasonFor("proc_spawn_ready_ms"), false);

        addWarmSpareRows(measured, rows);

        for (final String op : new String[]{"set", "get"})
        {
            final String key = "manager_dict_" + op + "_ops_per_s";
            final TrialResult manager = measured.trial("manager." + op);
            rows.add("manager.dict." + op, "ops/s (1 client JVM)", null == manager ? null : manager.score(),
                measured.reason("manager." + op), null, "Python Manager().dict()", measured.python().get(key),
                measured.python().reasonFor(key), true);
        }
        addJournalRows(measured, rows);
    }

    /**
     * Starts from warm spares ({@code WarmSpares}) beside Python's fork, the fastest start it has.
     */
    private static void addWarmSpareRows(final Measured measured, final Rows rows)
    {
        final String[][] figures = {
            {"process.start.warm-spare", "process.start.warm-spare.vs-python", "proc_fork_ready_ms",
                "Python fork, start to the child's first line"},
            {"process.burst.five", "process.burst.5children.vs-python", "proc_fork_five_ms",
                "Python fork, 5 children started in a row, then joined"},
            {"process.burst.pool", "pool.2workers.first-map.vs-python", "pool2_fork_first_map_ms",
                "Python fork, Pool(2) created to its first map's result"},
        };
        for (final String[] figure : figures)
        {
            final TrialResult result = measured.trial(figure[0]);
            rows.add(figure[1], "ms (p50, warm spares ready)", null == result ? null : result.percentile(50),
                measured.reason(figure[0]), null, figure[3], measured.python().get(figure[2]),
                measured.python().reasonFor(figure[2]), false);
        }
    }

    private static void addJournalRows(final Measured measured, final Rows rows)
    {
        final TrialResult run = measured.trial(JOURNAL);
        final String reason = null == run ? measured.reason(JOURNAL) :
            "no complete interleaved round was measured; see its log";
        for (final String figure : new String[]{"append", "tail"})
        {
            rows.addWithRatio("journal." + figure, "msgs/s (64 B, 2 JVMs)", extra(run, "mproc." + figure), reason,
                null, "raw Chronicle Queue " + ("append".equals(figure) ? "appender" : "named tailer") +
                    ", same run", extra(run, "raw." + figure), reason, extra(run, "mproc." + figure + ".vs-raw"), true);
        }
        for (final String p : new String[]{"p50", "p99"})
        {
            final Double mproc = extra(run, "mproc-latency." + p);
            final Double raw = extra(run, "raw-latency." + p);
            rows.addWithRatio("journal.append-to-read." + p, "us", null == mproc ? null : mproc / 1000, reason, null,
                "raw Chronicle Queue appender -> tailer, same run", null == raw ? null : raw / 1000, reason,
                extra(run, "mproc-latency." + p + ".vs-raw"), false);
        }
        rows.add("journal.group.2members", "msgs/s (2 member JVMs)", extra(run, "group.handled"), reason, null,
            "none (Chronicle Queue has no consumer groups)", null, "Chronicle Queue has no consumer groups", true);
    }

    private static Double extra(final TrialResult run, final String key)
    {
        return null == run ? null : run.extra().get(key);
    }

    /**
     * The benchmark scores this JVM's share in ops/us; the peer JVM does about as many.
     */
    private static Double bothJvms(final TrialResult result)
    {
        final Double score = null == result ? null : result.score();
        return null == score ? null : 2 * score * 1e6;
    }
}
