package io.mproc.examples;

import io.mproc.Context;
import io.mproc.process.ChildProcess;
import io.mproc.value.SharedLong;
import io.mproc.value.SharedLongArray;

/**
 * Python's {@code Value} and {@code Array} shared with a child: the parent creates {@code num = 5} and the list
 * 0..9, the child prints them and multiplies each by ten, and the parent sees the new values. The shared objects
 * travel to the child by name and arrive there as live handles on the same memory.
 */
public final class SharedMemoryMain
{
    private SharedMemoryMain()
    {
    }

    static void worker(final SharedLong num, final SharedLongArray numList)
    {
        final String name = ChildProcess.current().name();
        System.out.println("[" + name + "] num : " + num.get());
        for (int i = 0; i < numList.length(); i++)
        {
            System.out.println("[" + name + "] num list[" + i + "] : " + numList.get(i));
        }
        num.set(num.get() * 10);
        for (int i = 0; i < numList.length(); i++)
        {
            numList.set(i, numList.get(i) * 10);
        }
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while joining.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        try (Context mp = ExampleContext.open(); // by default a temporary namespace, deleted with its files at the end
             SharedLong num = mp.longValue(ExampleContext.name("num"), 5);
             SharedLongArray numList = mp.longArray(ExampleContext.name("num_list"), 10))
        {
            for (int i = 0; i < numList.length(); i++)
            {
                numList.set(i, i);
            }

            final ChildProcess process = mp.process(SharedMemoryMain::worker, num, numList).name("worker");
            process.start();
            process.join();

            System.out.println("num : " + num.get());
            for (int i = 0; i < numList.length(); i++)
            {
                System.out.println("num list[" + i + "] : " + numList.get(i));
            }
        }
    }
}
