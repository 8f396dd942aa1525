package io.mproc.bench.report;

import io.mproc.bench.BenchSupport;
import io.mproc.internal.JvmFlags;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the report's JMH trials one after the other, each in its own fork with mproc's JVM flags, JMH's own output
 * in {@code logs/NN-label.log}, and a progress line per trial on the console: which, how many left, and an estimate
 * of the time left (the trials' nominal lengths, scaled by how long the finished ones really took).
 */
public final class TrialRunner
{
    private final Path logs;
    private final List<String> forkArgs;
    private final PrintStream console;
    private final long startNs = System.nanoTime();
    private double estimatedDone;
    private int step;
    private int steps;
    private double estimatedLeft;

    /**
     * @param logs      directory for the trials' logs.
     * @param extraArgs JVM arguments for every fork, after mproc's flags (the calibrated prime limits).
     * @param console   progress goes here.
     */
    public TrialRunner(final Path logs, final List<String> extraArgs, final PrintStream console)
    {
        this.logs = logs;
        this.console = console;
        this.forkArgs = new ArrayList<>(JvmFlags.required());
        forkArgs.addAll(extraArgs);
    }

    /**
     * Announces the work ahead: the progress estimate starts from it.
     *
     * @param count   steps (trials and other work).
     * @param seconds their nominal length.
     */
    public void plan(final int count, final double seconds)
    {
        steps = count;
        estimatedLeft = seconds;
    }

    /**
     * Prints the progress line of the next step; call {@link #done(double)} with the same estimate after it.
     *
     * @param what      the step.
     * @param estimated its nominal seconds.
     */
    public void starting(final String what, final double estimated)
    {
        step++;
        final double elapsed = (System.nanoTime() - startNs) / 1e9;
        final double pace = estimatedDone > 0 ? elapsed / estimatedDone : 1.0;
        console.printf("[%d/%d] %s  (%d left after this; about %s to go)%n", step, steps, what, steps - step,
            Rows.duration(estimatedLeft * pace));
        console.flush();
    }

    /**
     * @param estimated the nominal seconds of the step just finished.
     */
    public void done(final double estimated)
    {
        estimatedDone += estimated;
        estimatedLeft = Math.max(0, estimatedLeft - estimated);
    }

    /**
     * Runs every trial; a failure is recorded in its result and the report goes on.
     *
     * @param trials to run.
     * @return their results by label.
     */
    public Map<String, TrialResult> runAll(final List<Trial> trials)
    {
        final Map<String, TrialResult> results = new LinkedHashMap<>();
        for (final Trial trial : trials)
        {
            starting(trial.label(), trial.estimatedSeconds());
            final TrialResult result = run(trial);
            if (null != result.failure())
            {
                console.println("    " + result.failure());
            }
            results.put(trial.label(), result);
            done(trial.estimatedSeconds());
        }
        return results;
    }

    private TrialResult run(final Trial trial)
    {
        final String name = String.format("%02d-%s", step, trial.label().replaceAll("[^A-Za-z0-9.=_-]", "_"));
        final Path log = logs.resolve(name + ".log");
        final Path extraFile = logs.resolve(name + ".results");
        final List<String> args = new ArrayList<>(forkArgs);
        args.add("-D" + BenchSupport.RESULT_FILE_PROPERTY + "=" + extraFile.toAbsolutePath());
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(trial.includePattern())
            .forks(1)
            .shouldFailOnError(true)
            .output(log.toString())
            .jvmArgsAppend(args.toArray(new String[0]));
        trial.params().forEach(options::param);
        if (null != trial.singleShots())
        {
            options.warmupIterations(trial.singleShots()[0]).measurementIterations(trial.singleShots()[1]);
        }
        else
        {
            final Effort.Timing timing = trial.timing();
            options.warmupIterations(timing.warmups())
                .warmupTime(TimeValue.milliseconds(timing.warmupMillis()))
                .measurementIterations(timing.measurements())
                .measurementTime(TimeValue.milliseconds(timing.measureMillis()));
        }
        try
        {
            final Collection<RunResult> results = new Runner(options.build()).run();
            final Map<String, Double> extra = readExtra(extraFile);
            if (results.isEmpty())
            {
                return new TrialResult(trial, null, extra, "failed: JMH gave no result, see " + log);
            }
            return new TrialResult(trial, results.iterator().next(), extra, null);
        }
        catch (final RunnerException | RuntimeException ex)
        {
            return new TrialResult(trial, null, Map.of(), "failed: " + firstLine(ex) + "; see " + log);
        }
    }

    private static String firstLine(final Throwable ex)
    {
        Throwable cause = ex;
        while (null != cause.getCause() && cause.getCause() != cause)
        {
            cause = cause.getCause();
        }
        final String message = String.valueOf(cause.getMessage());
        return cause.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
    }

    private static Map<String, Double> readExtra(final Path file)
    {
        final Map<String, Double> extra = new LinkedHashMap<>();
        if (!Files.exists(file))
        {
            return extra;
        }
        try
        {
            for (final String line : Files.readAllLines(file))
            {
                final int equals = line.lastIndexOf('=');
                if (equals > 0)
                {
                    extra.put(line.substring(0, equals), Double.parseDouble(line.substring(equals + 1)));
                }
            }
            return extra;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
