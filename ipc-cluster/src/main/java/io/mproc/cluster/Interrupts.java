package io.mproc.cluster;

import org.apache.ignite.IgniteInterruptedException;

/** Ignite reports an interrupted wait with an unchecked exception; mproc's interfaces throw the checked one. */
final class Interrupts
{
    private Interrupts()
    {
    }

    static InterruptedException checked(final IgniteInterruptedException ex)
    {
        Thread.interrupted(); // the checked exception carries the interrupt, as the JDK's waits do
        final InterruptedException interrupted = new InterruptedException(ex.getMessage());
        interrupted.initCause(ex);
        return interrupted;
    }

    static void throwIfInterrupted() throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
    }
}
