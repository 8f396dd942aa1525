package io.mproc.process;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For the "FromSpare" variants of the process tests: prepares a warm spare of the tests' usual child before each
 * test, and counts the children that were started and those of them that came from a spare, so that a test class can
 * check at the end that spares were really used (a test whose child needs other options starts cold).
 */
final class FromSpareCount
{
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger fromSpare = new AtomicInteger();

    /**
     * One spare, of the profile of a child with no options and its output piped.
     */
    static void prepareSpare() throws Exception
    {
        WarmSpares.setCount(1);
        WarmSpares.prepare(new ChildProcess(FromSpareCount::doNothing).output(OutputMode.PIPE)).get();
    }

    /**
     * Switches spares off again and counts {@code child}, when it was started.
     */
    void count(final ChildProcess child)
    {
        WarmSpares.setCount(0);
        if (null != child && ChildProcess.NO_PID != child.pid())
        {
            started.incrementAndGet();
            if (child.startedFromSpare())
            {
                fromSpare.incrementAndGet();
            }
        }
    }

    /**
     * Fails unless at least half of the children started came from spares.
     */
    void checkThatSparesWereUsed(final String tests)
    {
        final String counts = tests + ": children from spares: " + fromSpare + " of " + started;
        System.out.println(counts);
        assertTrue(fromSpare.get() >= started.get() / 2 && fromSpare.get() > 0, counts);
    }

    private static void doNothing()
    {
    }
}
