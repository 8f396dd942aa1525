package io.mproc.cluster;

/**
 * Tests' clean-up of Ignite work directories ({@code java.io.tmpdir/mproc-ignite-PID-*}): a node SIGKILLed by a test
 * cannot delete its own, and the next context opened would delete it only in a later run; the fixtures call this
 * once their nodes' processes are gone, so that a test run leaves none behind.
 */
public final class WorkDirectories
{
    private WorkDirectories()
    {
    }

    /** Deletes the work directories whose owner process is gone; those of live processes stay. */
    public static void deleteThoseOfDeadProcesses()
    {
        IgniteContext.deleteWorkOfDeadProcesses();
    }
}
