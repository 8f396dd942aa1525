package io.mproc.process;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every test of {@link ChildProcessCloseTest} again, with a warm spare ready before each test: a child started from a spare must
 * behave exactly as a cold one.
 */
class ChildProcessCloseFromSpareTest extends ChildProcessCloseTest
{
    private static final FromSpareCount COUNT = new FromSpareCount();

    @BeforeEach
    void prepareSpare() throws Exception
    {
        FromSpareCount.prepareSpare();
    }

    @AfterEach
    void countChildFromSpare()
    {
        COUNT.count(child);
    }

    @AfterAll
    static void checkThatSparesWereUsed()
    {
        COUNT.checkThatSparesWereUsed("ChildProcessCloseTest");
    }
}
