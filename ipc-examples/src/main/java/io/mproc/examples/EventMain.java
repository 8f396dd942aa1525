package io.mproc.examples;

import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;
import io.mproc.sync.Event;

import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing.Event} between processes: two children, {@code first} and {@code second}, poll
 * two events and print what they see. The parent sets {@code e1}; {@code first} sees it and sets {@code e2};
 * {@code second} sees that. Each poll is a wait with a timeout, so nobody spins: a set wakes the waiter at once.
 */
public final class EventMain
{
    private static final long POLL_MS = 300;

    private EventMain()
    {
    }

    static void first(final Event e1, final Event e2) throws InterruptedException
    {
        while (!e1.await(POLL_MS, TimeUnit.MILLISECONDS)) // false: timed out, e1 still clear
        {
            System.out.println("[first] Event status : (" + python(e1.isSet()) + ")");
        }
        System.out.println("[first] Event status : (" + python(e1.isSet()) + ")");
        System.out.println("[first] e1 is set: setting e2");
        e2.set();
    }

    static void second(final Event e2) throws InterruptedException
    {
        while (!e2.await(POLL_MS, TimeUnit.MILLISECONDS))
        {
            System.out.println("[second] Event status : (" + python(e2.isSet()) + ")");
        }
        System.out.println("[second] Event status : (" + python(e2.isSet()) + ")");
    }

    /**
     * @return the boolean as Python prints it, so that the output reads as the Python example's.
     */
    static String python(final boolean value)
    {
        return value ? "True" : "False";
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        try (Namespace namespace = Namespace.temporary()) // deleted, with its files, when the block ends
        {
            final Event e1 = Event.create(namespace, "e1");
            final Event e2 = Event.create(namespace, "e2");

            // The events travel to the children by name and arrive there as live handles on the same memory.
            final ChildProcess first = new ChildProcess(EventMain::first, e1, e2).name("first");
            final ChildProcess second = new ChildProcess(EventMain::second, e2).name("second");
            first.start();
            second.start();

            Thread.sleep(1_000);
            System.out.println("[main] setting e1");
            e1.set();

            first.join();
            second.join();
            System.out.println("Exit");
        }
    }
}
