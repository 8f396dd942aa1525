package io.mproc.bench.report;

import io.mproc.bench.journal.JournalBenchmark;
import io.mproc.bench.manager.ManagerBenchmark;
import io.mproc.bench.process.ProcessSpawnBenchmark;
import io.mproc.bench.value.ContendedValueBenchmark;

import java.util.List;

/**
 * The remaining rows: shared-value increments from two JVMs ({@link ContendedValueBenchmark}) beside raw Agrona on
 * the same file and Python's locked {@code Value}; process start ({@link ProcessSpawnBenchmark}, start to the
 * child's first line, p50) beside a bare JVM and Python's spawn; the manager's dict operations from one client JVM
 * ({@link ManagerBenchmark}) beside Python's {@code Manager().dict()}; and the journal's appends ({@link
 * JournalBenchmark}, 64-byte messages) beside raw Chronicle Queue's appender.
 */
public final class OtherSection implements Section
{
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
            Trial.of("manager.set", ManagerBenchmark.class, "set", effort.standard, 1.0, "clients", "1",
                "serverThreads", "1"),
            Trial.of("manager.get", ManagerBenchmark.class, "get", effort.standard, 1.0, "clients", "1",
                "serverThreads", "1"),
            Trial.of("journal.append.mproc", JournalBenchmark.class, "appendMproc", effort.standard, 0.5),
            Trial.of("journal.append.raw", JournalBenchmark.class, "appendRawChronicle", effort.standard, 0.5));
    }

    @Override
    public List<String> pythonMeasurements()
    {
        return List.of("value_increments", "process_spawn", "manager_dict_ops");
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

        for (final String op : new String[]{"set", "get"})
        {
            final String key = "manager_dict_" + op + "_ops_per_s";
            final TrialResult manager = measured.trial("manager." + op);
            rows.add("manager.dict." + op, "ops/s (1 client JVM)", null == manager ? null : manager.score(),
                measured.reason("manager." + op), null, "Python Manager().dict()", measured.python().get(key),
                measured.python().reasonFor(key), true);
        }
        final TrialResult journal = measured.trial("journal.append.mproc");
        final TrialResult raw = measured.trial("journal.append.raw");
        rows.add("journal.append", "msgs/s (64 B)", null == journal ? null : journal.score(),
            measured.reason("journal.append.mproc"), null, "raw Chronicle Queue appender",
            null == raw ? null : raw.score(), measured.reason("journal.append.raw"), true);
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
