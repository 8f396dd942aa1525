package io.mproc.bench.pool;

/**
 * The CPU-bound kernel of the pool benchmarks, ported exactly from {@code count_primes} in
 * {@code shared/peers/python_mp_bench.py}: primes below {@code limit} by naive trial division.
 */
public final class CountPrimes
{
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
     * Fixed limits, so that every trial of a run (each in its own JVM) does exactly the same work: chosen on
     * 2026-11-25 for about 100 us, 1 ms and 10 ms on this 2-vCPU machine, which that day ran this kernel about 4x
     * slower than NOTES.md records. {@link #report(int)} prints what a task really takes in each run.
     *
     * @param taskMicros 100, 1000 or 10000.
     * @return the limit.
     */
    public static int limitFor(final int taskMicros)
    {
        switch (taskMicros)
        {
            case 100:
                return 2_400;
            case 1000:
                return 12_500;
            case 10000:
                return 65_000;
            default:
                throw new IllegalArgumentException("taskMicros must be 100, 1000 or 10000: taskMicros=" + taskMicros);
        }
    }

    /**
     * Prints how long one task of this limit takes here, best of a few warm runs.
     *
     * @param limit of the task.
     */
    public static void report(final int limit)
    {
        final double ns = bestOf(limit, 20);
        System.out.printf("countPrimes(%d) takes %.0f us here%n", limit, ns / 1000);
    }

    private static double bestOf(final int limit, final int runs)
    {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++)
        {
            final long startNs = System.nanoTime();
            countPrimes(limit);
            best = Math.min(best, System.nanoTime() - startNs);
        }
        return best;
    }
}
