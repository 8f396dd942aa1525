package io.mproc.bench.report;

import io.mproc.bench.pool.PoolCpuBenchmark;
import io.mproc.bench.pool.PoolCpuInterleavedBenchmark;
import io.mproc.bench.pool.PoolOverheadBenchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The pool rows. CPU-bound throughput (calibrated 0.1, 1 and 10 ms tasks) at 1, 2, 4, ... up to all cores and twice
 * that, beside {@code ForkJoinPool} of the same size measured in the same fork, taking turns with the pool
 * ({@link PoolCpuInterleavedBenchmark}: the ratio is the median of per-round ratios), ideal linear scaling of the
 * sequential run ({@link PoolCpuBenchmark}) and Python's {@code Pool}; and tiny-task throughput ({@link PoolOverheadBenchmark}, 2 workers) beside
 * Python's {@code Pool(2).map} with chunksize 1 and automatic.
 */
public final class PoolSection implements Section
{
    /** Task durations, microseconds, as the rows name them. */
    static final int[] TASK_MICROS = {100, 1000, 10000};

    /**
     * @param cpus of the machine.
     * @return 1, 2, 4, ... up to cpus, cpus itself, and twice cpus (oversubscribed).
     */
    public static List<Integer> workerCounts(final int cpus)
    {
        final TreeSet<Integer> counts = new TreeSet<>();
        for (int w = 1; w <= cpus; w *= 2)
        {
            counts.add(w);
        }
        counts.add(cpus);
        counts.add(2 * cpus);
        return new ArrayList<>(counts);
    }

    /**
     * @param taskMicros 100, 1000 or 10000.
     * @return {@code 0.1ms}, {@code 1ms}, {@code 10ms}: the rows' and the Python peer's label.
     */
    public static String sizeLabel(final int taskMicros)
    {
        return (0 == taskMicros % 1000 ? String.valueOf(taskMicros / 1000) : String.valueOf(taskMicros / 1000.0)) +
            "ms";
    }

    @Override
    public List<Trial> trials(final Effort effort, final int cpus)
    {
        final List<Trial> trials = new ArrayList<>();
        for (final int micros : effort.taskMicros)
        {
            final String size = sizeLabel(micros);
            final String us = String.valueOf(micros);
            trials.add(Trial.of("pool.cpu." + size + ".sequential", PoolCpuBenchmark.class, "run",
                effort.standard, 0.5, "taskMicros", us, "executor", "sequential", "workers", "1"));
            for (final int w : workerCounts(cpus))
            {
                trials.add(Trial.of(interleavedLabel(size, w), PoolCpuInterleavedBenchmark.class, "run",
                    effort.standard.rounds(PoolCpuInterleavedBenchmark.EXECUTORS.length), 0.8 + 0.3 * w,
                    "taskMicros", us, "workers", String.valueOf(w)));
            }
        }
        for (final String chunksize : new String[]{"1", "0"})
        {
            trials.add(Trial.of("pool.tiny.chunksize=" + chunksize, PoolOverheadBenchmark.class, "map",
                effort.standard, 1.0, "chunksize", chunksize, "workers", "2"));
        }
        return trials;
    }

    @Override
    public List<String> pythonMeasurements()
    {
        return List.of("pool_cpu_scaling", "pool_overhead");
    }

    @Override
    public void addRows(final Measured measured, final Rows rows)
    {
        for (final int micros : TASK_MICROS)
        {
            final String size = sizeLabel(micros);
            final String prefix = "pool.cpu." + size;
            final Double sequential = tasks(measured.trial(prefix + ".sequential"));
            for (final int w : workerCounts(measured.cpus()))
            {
                final String name = prefix + ".workers=" + w;
                final String poolLabel = interleavedLabel(size, w);
                final TrialResult pair = measured.trial(poolLabel);
                final Double value = figure(pair, "processpool");
                rows.addWithRatio(name, "tasks/s", value, measured.reason(poolLabel), null,
                    "ForkJoinPool(" + w + "), interleaved", figure(pair, "forkjoin"), measured.reason(poolLabel),
                    figure(pair, "ratio"), true);
                final int busy = Math.min(w, measured.cpus());
                rows.add(name + ".vs-ideal", "tasks/s", value, measured.reason(poolLabel), null,
                    "ideal: sequential x " + busy + (busy < w ? " (all cores)" : ""),
                    null == sequential ? null : busy * sequential, measured.reason(prefix + ".sequential"),
                    true);
                final String key = "pool_cpu_" + size + "_w" + w + "_tasks_per_s";
                rows.add(name + ".vs-python", "tasks/s", value, measured.reason(poolLabel), null,
                    "Python Pool(" + w + "), chunksize 1", measured.python().get(key),
                    measured.python().reasonFor(key), true);
            }
        }
        addTinyRows(measured, rows);
    }

    private static void addTinyRows(final Measured measured, final Rows rows)
    {
        final String[][] variants = {{"1", "1", "pool_map_chunk1_tasks_per_s", "chunksize 1"},
            {"auto", "0", "pool_map_default_chunk_tasks_per_s", "automatic chunksize"}};
        for (final String[] variant : variants)
        {
            final String label = "pool.tiny.chunksize=" + variant[1];
            final TrialResult tiny = measured.trial(label);
            rows.add("pool.tiny.chunksize=" + variant[0], "tasks/s", tasks(tiny), measured.reason(label),
                null == tiny ? null : tiny.error("tasks"), "Python Pool(2).map, " + variant[3],
                measured.python().get(variant[2]), measured.python().reasonFor(variant[2]), true);
        }
    }

    private static String interleavedLabel(final String size, final int workers)
    {
        return "pool.cpu." + size + ".interleaved." + workers;
    }

    private static Double figure(final TrialResult result, final String key)
    {
        return null == result ? null : result.extra().get(key);
    }

    private static Double tasks(final TrialResult result)
    {
        return null == result ? null : result.secondary("tasks");
    }
}
