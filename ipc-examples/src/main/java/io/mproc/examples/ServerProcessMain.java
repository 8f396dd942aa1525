package io.mproc.examples;

import io.mproc.manager.DictProxy;
import io.mproc.manager.ListProxy;
import io.mproc.manager.Manager;
import io.mproc.manager.ValueProxy;
import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;

import java.util.List;
import java.util.Map;

/**
 * Python's server process manager ({@code multiprocessing.Manager()}): the parent starts a manager, a server
 * process that holds a value, a dict, a list and an array (here a second list), and hands their proxies to a
 * worker process. The worker reads them and changes them through the proxies; the parent sees the changes, because
 * every read and write is a request to the one server that holds the objects.
 */
public final class ServerProcessMain
{
    private ServerProcessMain()
    {
    }

    static void worker(final ValueProxy<Integer> value, final DictProxy<Integer, String> dict,
        final ListProxy<Integer> numList, final ListProxy<Integer> numArray)
    {
        System.out.println("[worker] value : " + value.get() + ", dict : " + dict.get(1));
        print("[worker]", numList);
        print("[worker]", numArray);
        value.set(50);
        dict.put(1, "Python3");
        numList.updateAll((x) -> x * 10); // the function runs in the server, on the whole list in one step
        for (int i = 0; i < numArray.size(); i++)
        {
            numArray.update(i, (x) -> x * 10); // or element by element, each in one step
        }
    }

    private static void print(final String who, final ListProxy<Integer> numbers)
    {
        final List<Integer> snapshot = numbers.snapshot(); // one request for the whole list
        for (int i = 0; i < snapshot.size(); i++)
        {
            System.out.println(who + " num list[" + i + "] : " + snapshot.get(i));
        }
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while joining.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        try (Namespace namespace = Namespace.temporary();          // deleted, with its files, when the block ends
             Manager manager = Manager.start(namespace, "server"))  // the server: a daemon child process
        {
            final ValueProxy<Integer> value = manager.value(5);
            final DictProxy<Integer, String> dict = manager.dict(Map.of(1, "Python2"));
            final ListProxy<Integer> numList = manager.list(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            final ListProxy<Integer> numArray = manager.list(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));

            final ChildProcess process = new ChildProcess(() -> worker(value, dict, numList, numArray));
            process.start();
            process.join();

            System.out.println("[main] value : " + value.get() + ", dict : " + dict.get(1));
            print("[main]", numList);
            print("[main]", numArray);
        }
    }
}
