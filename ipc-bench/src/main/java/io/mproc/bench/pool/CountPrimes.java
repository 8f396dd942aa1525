package io.mproc.bench.pool;

import java.util.Arrays;

/**
 * The CPU-bound kernel of the pool benchmarks, ported exactly from {@code count_primes} in
 * {@code ipc-bench/peers/python_mp_bench.py}: primes below {@code limit} by naive trial division.
 * <p>
 * <b>Calibrated.</b> How long a given limit takes moves a lot between machines and even between days on one VM (the
 * fixed limits once chosen here for 1 ms took 0.27 ms a week later). So a task's limit is found on the machine that
 * runs it: {@link #limitFor(int)} searches the limit whose median run takes the labelled time. A report that runs
 * many forks calibrates once and passes the limits to every fork as system properties
 * ({@value #LIMIT_PROPERTY_PREFIX}{@code <taskMicros>}), so that every trial does exactly the same work.
 */
public final class CountPrimes
{
    /** {@code -Dmproc.bench.primeLimit.1000=31000} fixes the limit of the 1000 us task instead of calibrating. */
    public static final String LIMIT_PROPERTY_PREFIX = "mproc.bench.primeLimit.";

    private static final int WARM_UP_LIMIT = 20_000;
    private static final int WARM_UP_RUNS = 300;
    private static final int SEARCH_ROUNDS = 5;

    private CountPrimes()
    {
    }

    /**
     * @param limit exclusive upper bound.
     * @return the number of primes below it.
     */
    public static int countPrimes(final int limit)
    {
        int count = 0;
        for (int n = 2; n < limit; n++)
        {
            boolean prime = true;
            for (int d = 2; d * d <= n; d++)
            {
                if (n % d == 0)
                {
                    prime = false;
                    break;
                }
            }
            if (prime)
            {
                count++;
            }
        }
        return count;
    }

    /**
     * The limit of a task of {@code taskMicros}: the system property {@value #LIMIT_PROPERTY_PREFIX}{@code
     * <taskMicros>} when set, else calibrated here and now ({@link #calibrate(int)}).
     *
     * @param taskMicros the task's labelled duration, 10 to 1,000,000 us.
     * @return the limit.
     */
    public static int limitFor(final int taskMicros)
    {
        if (taskMicros < 10 || taskMicros > 1_000_000)
        {
            throw new IllegalArgumentException("taskMicros must be between 10 and 1000000 (a task of 10 us to 1 s): " +
                "taskMicros=" + taskMicros);
        }
        final String fixed = System.getProperty(LIMIT_PROPERTY_PREFIX + taskMicros);
        if (null != fixed)
        {
            try
            {
                return Integer.parseInt(fixed.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("-D" + LIMIT_PROPERTY_PREFIX + taskMicros + " must be an int " +
                    "(the prime-count limit), or left out to calibrate: " + fixed, ex);
            }
        }
        return calibrate(taskMicros);
    }

    /**
     * Searches the limit whose median run takes {@code taskMicros} here, after a JIT warm-up: a few rounds of
     * measure-and-rescale (the work grows about as limit^1.4), then rounded to three significant digits. Takes
     * about 0.3 s plus 25 tasks.
     *
     * @param taskMicros the target duration of one task.
     * @return the limit.
     */
    public static int calibrate(final int taskMicros)
    {
        for (int i = 0; i < WARM_UP_RUNS; i++)
        {
            countPrimes(WARM_UP_LIMIT);
        }
        final double targetNs = taskMicros * 1000.0;
        // 31,000 took 1 ms on a fast day (NOTES.md); start from there and rescale.
        double limit = 31_000 * Math.pow(taskMicros / 1000.0, 1 / 1.4);
        for (int round = 0; round < SEARCH_ROUNDS; round++)
        {
            final double ns = medianNs((int)limit, 5);
            limit *= Math.pow(targetNs / ns, 1 / 1.4);
        }
        return roundToThreeDigits(Math.max(100, limit));
    }

    private static int roundToThreeDigits(final double value)
    {
        final double scale = Math.pow(10, Math.floor(Math.log10(value)) - 2);
        return (int)(Math.round(value / scale) * scale);
    }

    /**
     * Prints how long one task of this limit takes here, median of a few warm runs.
     *
     * @param taskMicros its label.
     * @param limit      of the task.
     */
    public static void report(final int taskMicros, final int limit)
    {
        System.out.printf("countPrimes(%d), labelled %d us, takes %.0f us here%n", limit, taskMicros,
            medianNs(limit, 9) / 1000);
    }

    /**
     * @param limit of the task.
     * @param runs  how many to time.
     * @return the median time of one run, in nanoseconds.
     */
    public static double medianNs(final int limit, final int runs)
    {
        final long[] ns = new long[runs];
        for (int i = 0; i < runs; i++)
        {
            final long startNs = System.nanoTime();
            countPrimes(limit);
            ns[i] = System.nanoTime() - startNs;
        }
        Arrays.sort(ns);
        return ns[runs / 2];
    }
}
