package io.mproc.bench.report;

import java.util.List;

/**
 * How much the report measures: {@code --smoke} (seconds, the smallest sizes, for CI: proves that every benchmark
 * runs and computes right, says nothing about speed), {@code --quick} (under 5 minutes on 2 cores) or thorough (the
 * default). Each effort gives the JMH iteration counts and times of every kind of trial, and which task sizes and
 * message lengths are measured; the rows not measured are still reported, with the reason.
 */
public enum Effort
{
    SMOKE("--smoke", new Timing(1, 150, 1, 250), new Timing(0, 150, 1, 150), 1, 3,
        List.of(100), List.of(8)),
    QUICK("--quick", new Timing(2, 600, 3, 700), new Timing(1, 300, 3, 300), 2, 10,
        List.of(100, 1000, 10000), List.of(8, 64)),
    THOROUGH("", new Timing(3, 2000, 5, 2000), new Timing(2, 1000, 5, 1000), 3, 30,
        List.of(100, 1000, 10000), List.of(8, 64));

    /** The command-line flag that selects it ({@code ""} for the default, thorough). */
    public final String flag;
    /** Warm-up and measurement of an ordinary throughput or sample-time trial (JMH gives an error from 3). */
    public final Timing standard;
    /** Of an interleaved trial, in rounds: each round is one iteration per transport ({@link Timing#rounds}). */
    public final Timing interleaved;
    /** Warm-up starts of a single-shot (process start) trial. */
    public final int singleShotWarmups;
    /** Measured starts of a single-shot trial. */
    public final int singleShots;
    /** The CPU-bound pool task durations measured, in microseconds. */
    public final List<Integer> taskMicros;
    /** The queue message lengths measured, in bytes. */
    public final List<Integer> messageLengths;

    Effort(final String flag, final Timing standard, final Timing interleaved, final int singleShotWarmups,
        final int singleShots, final List<Integer> taskMicros, final List<Integer> messageLengths)
    {
        this.flag = flag;
        this.standard = standard;
        this.interleaved = interleaved;
        this.singleShotWarmups = singleShotWarmups;
        this.singleShots = singleShots;
        this.taskMicros = taskMicros;
        this.messageLengths = messageLengths;
    }

    /**
     * @return why a row this effort leaves out has no figure.
     */
    public String notMeasuredReason()
    {
        return "not measured with " + flag + " (run --quick or the thorough default)";
    }

    /**
     * JMH iterations of one trial.
     *
     * @param warmups       warm-up iterations.
     * @param warmupMillis  each warm-up's length.
     * @param measurements  measured iterations.
     * @param measureMillis each measured iteration's length.
     */
    public record Timing(int warmups, int warmupMillis, int measurements, int measureMillis)
    {
        /**
         * @param transports that take turns in an interleaved benchmark.
         * @return this timing's counts, read as rounds, turned into iterations.
         */
        public Timing rounds(final int transports)
        {
            return new Timing(warmups * transports, warmupMillis, measurements * transports, measureMillis);
        }

        /**
         * @return seconds of iterations, without the fork's start and the benchmark's set-up.
         */
        public double iterationSeconds()
        {
            return (warmups * warmupMillis + measurements * measureMillis) / 1000.0;
        }
    }
}
