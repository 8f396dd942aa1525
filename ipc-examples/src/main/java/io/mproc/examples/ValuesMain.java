package io.mproc.examples;

import io.mproc.Context;
import io.mproc.LocalContext;
import io.mproc.value.SharedLong;
import io.mproc.value.SharedLongArray;

/**
 * A shared counter and a shared array, from the front door ({@link Context}): what every process that opened the
 * same names would see. By default the context is a temporary namespace, gone with every file when the try block
 * ends; {@code --context URI} puts them elsewhere.
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
        try (Context mp = ExampleContext.open();
             SharedLong counter = mp.longValue(ExampleContext.name("counter"), 5);
             SharedLongArray numbers = mp.longArray(ExampleContext.name("numbers"), 10))
        {
            for (int i = 0; i < numbers.length(); i++)
            {
                numbers.set(i, i);
            }

            System.out.println("num : " + counter.get());
            long value;
            do
            {
                value = counter.get();
            }
            while (!counter.compareAndSet(value, value * 10)); // atomic across processes, no lock needed
            for (int i = 0; i < numbers.length(); i++)
            {
                numbers.getAndAdd(i, numbers.get(i) * 9); // i -> i * 10
            }
            System.out.println("num : " + counter.get());
            for (int i = 0; i < numbers.length(); i++)
            {
                System.out.println("num list[" + i + "] : " + numbers.get(i));
            }
            if (mp instanceof LocalContext local)
            {
                System.out.println("files : " + local.namespace().list() + " in " + local.namespace().directory());
            }
        }
    }
}
