package io.mproc.bench.baseline;

/**
 * The smallest JVM program: prints {@link System#nanoTime()} (CLOCK_MONOTONIC on Linux, so comparable with the
 * parent's clock) and exits. The baseline of every process start-up figure.
 */
public final class TrivialMain
{
    private TrivialMain()
    {
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        System.out.println(System.nanoTime());
    }
}
