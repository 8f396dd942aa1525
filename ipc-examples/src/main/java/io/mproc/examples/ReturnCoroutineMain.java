package io.mproc.examples;

import io.mproc.Context;
import io.mproc.pool.Pool;
import io.mproc.pool.SerializableCallable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The twin of Python's {@code return_coroutine.py}, where a generator's first value is another generator, drawn on
 * lazily: one value with {@code next}, the rest with {@code list}. Java has no generators; across processes their
 * twins are a {@link Future}, completed with the value a worker process returned, and {@link Pool#imap},
 * whose iterator hands out results in order as the worker processes deliver them.
 * <pre>
 * == Get coroutine ==                    c = get_coroutine()   | c = pool.submit(getCoroutine): a worker will run it
 * &lt;generator object get_coroutine ...&gt; | io.mproc.pool.PoolFuture@6d06d69c[Not completed]
 * == Get coroutine's return value ==     ret = next(c)         | ret = c.get(): what the worker returned
 * &lt;generator object return_one_to_ten&gt;  | range(0, 10)
 * == Get values ==                                             | values = pool.imap(returnOneToTen, ret)
 * 0                                      next(ret)             | values.next()
 * [1, 2, 3, 4, 5, 6, 7, 8, 9]            list(ret)             | the rest of values
 * </pre>
 */
public final class ReturnCoroutineMain
{
    private ReturnCoroutineMain()
    {
    }

    /**
     * Python's {@code range(start, stop)}: a record, so that it travels between processes without an allow-list entry.
     *
     * @param start first value.
     * @param stop  one past the last value.
     */
    record Range(int start, int stop) implements Iterable<Integer>
    {
        public Iterator<Integer> iterator()
        {
            return new Iterator<>()
            {
                private int next = start;

                public boolean hasNext()
                {
                    return next < stop;
                }

                public Integer next()
                {
                    if (!hasNext())
                    {
                        throw new NoSuchElementException(toString());
                    }
                    return next++;
                }
            };
        }

        public String toString()
        {
            return "range(" + start + ", " + stop + ")";
        }
    }

    /**
     * Runs in a worker process; its return value reaches the parent through the future.
     */
    static Range getCoroutine()
    {
        return new Range(0, 10);
    }

    /**
     * Runs in a worker process, once per value: {@code yield i}.
     */
    static int returnOneToTen(final int i)
    {
        return i;
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while waiting for a result.
     * @throws ExecutionException   if a worker failed.
     */
    public static void main(final String[] args) throws InterruptedException, ExecutionException
    {
        try (Context mp = ExampleContext.open();
             Pool pool = mp.pool(2))
        {
            System.out.println("== Get coroutine ==");
            final Future<Range> c = pool.submit((SerializableCallable<Range>)ReturnCoroutineMain::getCoroutine);
            System.out.println(c);

            System.out.println("== Get coroutine's return value ==");
            final Range ret = c.get();
            System.out.println(ret);

            System.out.println("== Get values ==");
            final Iterator<Integer> values = pool.imap(ReturnCoroutineMain::returnOneToTen, ret);
            System.out.println(values.next());
            final List<Integer> rest = new ArrayList<>();
            values.forEachRemaining(rest::add);
            System.out.println(rest);
        }
    }
}
