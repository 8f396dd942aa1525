package io.mproc.inspect;

import io.mproc.memory.Namespace;
import io.mproc.queue.Pipe;
import io.mproc.queue.SharedQueue;
import io.mproc.sync.Barrier;
import io.mproc.sync.Condition;
import io.mproc.sync.Event;
import io.mproc.sync.Lock;
import io.mproc.sync.RLock;
import io.mproc.sync.Semaphore;
import io.mproc.test.ChildJvm;
import io.mproc.value.IntValue;
import io.mproc.value.LongArray;
import io.mproc.value.LongValue;

import java.nio.file.Paths;

/**
 * Child process for the inspector tests: {@code <command> <folder>}. Prints {@code READY} once its objects are in
 * the state the parent inspects, then blocks until killed. Never asserts (the parent does).
 * <ul>
 *   <li>{@code make NAMESPACE_FOLDER}: creates one object of every kind and puts each in a known state (a value of
 *   42, a value whose lock is held, a held lock, an RLock held twice, a permit taken, an event set, a barrier waiter, a condition waiter, two
 *   messages queued, one piped).</li>
 *   <li>{@code open NAMESPACE_FOLDER NAME}: maps the existing int value NAME.</li>
 *   <li>{@code temp ROOT}: creates a temporary namespace in ROOT holding one value; prints {@code READY <folder>}.</li>
 * </ul>
 */
public final class InspectChildMain
{
    private InspectChildMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ChildJvm.exitWhenParentDies();
        switch (args[0])
        {
            case "make":
                make(Namespace.open(Paths.get(args[1])));
                System.out.println("READY");
                break;
            case "open":
                IntValue.open(Namespace.open(Paths.get(args[1])), args[2]);
                System.out.println("READY");
                break;
            case "temp":
                final Namespace temporary = Namespace.temporary(Paths.get(args[1]));
                IntValue.create(temporary, "in-temp", 7);
                System.out.println("READY " + temporary.directory());
                break;
            default:
                throw new IllegalArgumentException("unknown command: " + args[0]);
        }
        ChildJvm.blockUntilKilled();
    }

    private static void make(final Namespace namespace) throws Exception
    {
        IntValue.create(namespace, "counter", 42);
        LongValue.create(namespace, "guarded", 1).lock().lock();
        LongArray.create(namespace, "array", new long[] {1, 2, 3});
        Lock.create(namespace, "lock").lock();
        final RLock rlock = RLock.create(namespace, "rlock");
        rlock.lock();
        rlock.lock();
        Semaphore.create(namespace, "semaphore", 3).acquire();
        Event.create(namespace, "event").set();
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "queue");
        queue.put("one");
        queue.put("two");
        Pipe.create(namespace, "pipe").right().send("hello");

        final Barrier barrier = Barrier.create(namespace, "barrier", 2);
        final Condition condition = Condition.create(namespace, "condition");
        startDaemon(() ->
        {
            barrier.await();
            return null;
        });
        startDaemon(() ->
        {
            condition.lock().lock();
            condition.await();
            return null;
        });
        // The parent must see both waiters: wait for them (read as the inspector reads them), not for a while.
        while (!Integer.valueOf(1).equals(stateOf(namespace, "barrier").get("waiting")) ||
            ((java.util.List<?>)stateOf(namespace, "condition").get("waiters")).isEmpty())
        {
            Thread.sleep(1);
        }
    }

    private static java.util.Map<String, Object> stateOf(final Namespace namespace, final String name)
    {
        return RegionReader.read(namespace.name(), namespace.pathOf(name), true).state();
    }

    private static void startDaemon(final java.util.concurrent.Callable<Void> body)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                body.call();
            }
            catch (final Exception ignore)
            {
                // killed with the process
            }
        });
        thread.setDaemon(true);
        thread.start();
    }
}
