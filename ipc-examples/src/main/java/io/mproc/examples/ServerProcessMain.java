package io.mproc.examples;

import io.mproc.Context;
import io.mproc.process.ChildProcess;
import io.mproc.value.SharedLong;
import io.mproc.value.SharedLongArray;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Python's server process manager ({@code multiprocessing.Manager()}): the parent makes a value, a dict, a list and
 * an array, and hands them to a worker process. The worker reads them and changes them; the parent sees the changes.
 * Everything comes from the front door ({@link Context}): on shared memory the dict and the list are served by the
 * namespace's manager, a server process the context starts (every read and write is a request to it); on a cluster
 * they are Ignite cache entries. The value and the array are the context's own shared long and array of longs.
 */
public final class ServerProcessMain
{
    /** What the worker is given; it travels to the child by serialisation, each handle by name. */
    record Shared(SharedLong value, Map<Integer, String> dict, List<Integer> numList, SharedLongArray numArray)
        implements Serializable
    {
    }

    private ServerProcessMain()
    {
    }

    static void worker(final Shared shared)
    {
        System.out.println("[worker] value : " + shared.value().get() + ", dict : " + shared.dict().get(1));
        print("[worker]", shared.numList());
        print("[worker]", shared.numArray());
        shared.value().set(50);
        shared.dict().put(1, "Python3");
        // One step on either backend: in the manager's server on shared memory (hence a serialisable operator), in
        // one pessimistic transaction on a cluster.
        shared.numList().replaceAll((UnaryOperator<Integer> & Serializable)(x) -> x * 10);
        final SharedLongArray numArray = shared.numArray();
        for (int i = 0; i < numArray.length(); i++)
        {
            long x;
            do
            {
                x = numArray.get(i);
            }
            while (!numArray.compareAndSet(i, x, x * 10)); // element by element, each in one atomic step
        }
    }

    private static void print(final String who, final List<Integer> numbers)
    {
        final List<Integer> snapshot = List.copyOf(numbers); // one request for the whole list
        for (int i = 0; i < snapshot.size(); i++)
        {
            System.out.println(who + " num list[" + i + "] : " + snapshot.get(i));
        }
    }

    private static void print(final String who, final SharedLongArray numbers)
    {
        for (int i = 0; i < numbers.length(); i++)
        {
            System.out.println(who + " num list[" + i + "] : " + numbers.get(i));
        }
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while joining.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        // The parent touches the dict first, so that on shared memory it starts (and owns) the manager, and outlives
        // the worker's connections to it.
        try (Context mp = ExampleContext.open(); // by default a temporary namespace, deleted with its files at the end
             SharedLong value = mp.longValue(ExampleContext.name("value"), 5);
             SharedLongArray numArray = mp.longArray(ExampleContext.name("array"), 10))
        {
            final Map<Integer, String> dict = mp.dict(ExampleContext.name("dict"));
            dict.put(1, "Python2");
            final List<Integer> numList = mp.list(ExampleContext.name("list"));
            for (int i = 0; i < 10; i++)
            {
                numList.add(i);
                numArray.set(i, i);
            }

            final Shared shared = new Shared(value, dict, numList, numArray);
            final ChildProcess process = mp.process(ServerProcessMain::worker, shared).name("worker");
            process.start();
            process.join();

            System.out.println("[main] value : " + value.get() + ", dict : " + dict.get(1));
            print("[main]", numList);
            print("[main]", numArray);
        }
    }
}
