package io.mproc.examples;

import io.mproc.memory.Namespace;
import io.mproc.value.IntArray;
import io.mproc.value.LongValue;

/**
 * A shared counter and a shared array in a temporary namespace: what every process that opened the same names
 * would see. The namespace, and with it every file, is gone when the try block ends.
 */
public final class ValuesMain
{
    private ValuesMain()
    {
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        try (Namespace namespace = Namespace.temporary())
        {
            final LongValue counter = LongValue.create(namespace, "counter", 5);
            final IntArray numbers = IntArray.create(namespace, "numbers", new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});

            System.out.println("num : " + counter.get());
            counter.updateAndGet((value) -> value * 10); // atomic across processes, no lock needed
            for (int i = 0; i < numbers.length(); i++)
            {
                numbers.getAndAdd(i, numbers.get(i) * 9); // i -> i * 10
            }
            System.out.println("num : " + counter.get());
            for (int i = 0; i < numbers.length(); i++)
            {
                System.out.println("num list[" + i + "] : " + numbers.get(i));
            }
            System.out.println("files : " + namespace.list() + " in " + namespace.directory());
        }
    }
}
