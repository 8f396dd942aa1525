package io.mproc.examples;

import io.mproc.Context;
import io.mproc.process.ChildProcess;
import io.mproc.sync.SharedEvent;

import java.util.concurrent.TimeUnit;

/**
 * Python's {@code process_event.py}: two children, {@code first} and {@code second}, poll two events and print what
 * they see. The parent sets {@code e1}; {@code first} sees it, works a while and sets {@code e2}; {@code second}
 * sees that. Each poll is a wait with a timeout, so nobody spins: a set wakes the waiter at once.
 * <p>
 * The original's times, scaled by 0.3: a poll of 1 s, 5 s before the parent sets {@code e1}, 3 s of work in
 * {@code first}. The original then sleeps 5 s before printing {@code Exit}; here the parent joins its children, so
 * {@code Exit} is the last line whatever the timing.
 */
public final class EventMain
{
    private static final long POLL_MS = 300;
    private static final long BEFORE_SET_MS = 1_500;
    private static final long FIRST_WORK_MS = 900;

    private EventMain()
    {
    }

    static void firstWait(final SharedEvent e1, final SharedEvent e2) throws InterruptedException
    {
        final String name = ChildProcess.current().name();
        // The original loops while not e1.is_set(): had e1 been set between a timed-out wait and that test, it would
        // leave without setting e2, and second would wait forever. Looping on what the wait returned cannot.
        boolean event = false;
        while (!event)
        {
            event = e1.await(POLL_MS, TimeUnit.MILLISECONDS); // false: timed out, e1 still clear
            System.out.println("[" + name + "] Event status : (" + python(event) + ")");
            if (event)
            {
                System.out.println("[" + name + "] e1 is set.");
                Thread.sleep(FIRST_WORK_MS);
                System.out.println("[" + name + "] Set e2");
                e2.set();
            }
        }
    }

    static void secondWait(final SharedEvent e2) throws InterruptedException
    {
        final String name = ChildProcess.current().name();
        boolean event = false;
        while (!event)
        {
            event = e2.await(POLL_MS, TimeUnit.MILLISECONDS);
            System.out.println("[" + name + "] Event status : (" + python(event) + ")");
            if (event)
            {
                System.out.println("[" + name + "] e2 is set.");
            }
        }
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
        try (Context mp = ExampleContext.open(); // by default a temporary namespace, deleted with its files at the end
             SharedEvent e1 = mp.event(ExampleContext.name("e1"));
             SharedEvent e2 = mp.event(ExampleContext.name("e2")))
        {

            // The events travel to the children by name and arrive there as live handles on the same memory.
            final ChildProcess first = mp.process(EventMain::firstWait, e1, e2).name("first");
            first.start();
            final ChildProcess second = mp.process(EventMain::secondWait, e2).name("second");
            second.start();

            System.out.println("Wait ...");
            Thread.sleep(BEFORE_SET_MS);
            System.out.println("Set e1");
            e1.set();

            first.join();
            second.join();
            System.out.println("Exit");
        }
    }
}
