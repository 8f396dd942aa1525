package io.mproc.bench.pool;

/**
 * The CPU-bound kernel of the pool benchmarks, ported exactly from {@code count_primes} in
 * {@code shared/peers/python_mp_bench.py}: primes below {@code limit} by naive trial division.
 */
public final class CountPrimes
{
    /** Limits that take about 100 us, 1 ms and 10 ms here (NOTES.md: 20000 takes 0.56 ms, 31000 1 ms, 170000 10 ms). */
    public static final int LIMIT_100_US = 6_300;
    public static final int LIMIT_1_MS = 31_000;
    public static final int LIMIT_10_MS = 170_000;

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
     * @param taskMicros 100, 1000 or 10000.
     * @return the limit for a task of about that length.
     */
    public static int limitFor(final int taskMicros)
    {
        switch (taskMicros)
        {
            case 100:
                return LIMIT_100_US;
            case 1000:
                return LIMIT_1_MS;
            case 10000:
                return LIMIT_10_MS;
            default:
                throw new IllegalArgumentException("taskMicros must be 100, 1000 or 10000: taskMicros=" + taskMicros);
        }
    }
}
