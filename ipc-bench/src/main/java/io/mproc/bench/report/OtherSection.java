package io.mproc.bench.report;

import io.mproc.bench.process.ProcessSpawnBenchmark;
import io.mproc.bench.value.ContendedValueBenchmark;

import java.util.List;

/**
 * The remaining rows: shared-value increments from two JVMs ({@link ContendedValueBenchmark}) beside raw Agrona on
 * the same file and Python's locked {@code Value}; process start ({@link ProcessSpawnBenchmark}, start to the
 * child's first line, p50) beside a bare JVM and Python's spawn; and the features still being built (the manager,
 * the journal), present with their baselines' names and the reason.
 */
public final class OtherSection implements Section
{
    static final String NOT_BUILT = "not built yet";

    @Override
    public List<Trial> trials(final Effort effort, final int cpus)
    {
        return List.of(
            Trial.of("value.mproc", ContendedValueBenchmark.class, "getAndAdd", effort.standard, 0.5, "api", "mproc"),
            Trial.of("value.raw", ContendedValueBenchmark.class, "getAndAdd", effort.standard, 0.5, "api", "raw"),
            Trial.singleShot("process.start.bare-jvm", ProcessSpawnBenchmark.class, "firstLine", effort,
                "launcher", "TRIVIAL_JVM"),
            Trial.singleShot("process.start.child-task", ProcessSpawnBenchmark.class, "firstLine", effort,
                "launcher", "CHILD_TASK"));
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
            rows.add("manager.dict." + op, "ops/s", null, NOT_BUILT, null, "Python Manager().dict()",
                measured.python().get(key), measured.python().reasonFor(key), true);
        }
        rows.add("journal.append", "msgs/s", null, NOT_BUILT, null, "raw Chronicle Queue", null, NOT_BUILT, true);
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
