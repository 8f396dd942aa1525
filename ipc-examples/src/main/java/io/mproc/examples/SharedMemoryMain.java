package io.mproc.examples;

import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;
import io.mproc.value.IntArray;
import io.mproc.value.IntValue;

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

    static void worker(final IntValue num, final IntArray numList)
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
        try (Namespace namespace = Namespace.temporary()) // deleted, with its files, when the block ends
        {
            final IntValue num = IntValue.create(namespace, "num", 5);
            final IntArray numList = IntArray.create(namespace, "num_list", new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});

            final ChildProcess process = new ChildProcess(SharedMemoryMain::worker, num, numList).name("worker");
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
