package io.mproc.process;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every test of {@link ChildProcessTest} again, with a warm spare ready before each test: a child started from a
 * spare must behave exactly as a cold one (exit codes, signals, names, pids, output, logging, daemons).
 */
class ChildProcessFromSpareTest extends ChildProcessTest
{
    private static final AtomicInteger STARTED = new AtomicInteger();
    private static final AtomicInteger FROM_SPARE = new AtomicInteger();

    @BeforeEach
    void prepareSpare() throws Exception
    {
        WarmSpares.setCount(1);
        // The profile of most children here: this class path, no options, output piped (see track).
        WarmSpares.prepare(new ChildProcess(ChildProcessTest::doNothing).output(OutputMode.PIPE)).get();
    }

    @AfterEach
    void countChildrenFromSpares()
    {
        WarmSpares.setCount(0);
        for (final ChildProcess child : children)
        {
            if (ChildProcess.NO_PID != child.pid())
            {
                STARTED.incrementAndGet();
                if (child.startedFromSpare())
                {
                    FROM_SPARE.incrementAndGet();
                }
            }
        }
    }

    @AfterAll
    static void checkThatSparesWereUsed()
    {
        System.out.println("children from spares: " + FROM_SPARE + " of " + STARTED);
        assertTrue(FROM_SPARE.get() >= STARTED.get() / 2, "children from spares: " + FROM_SPARE + " of " + STARTED);
    }
}
