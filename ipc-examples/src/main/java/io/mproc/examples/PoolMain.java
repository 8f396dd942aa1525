package io.mproc.examples;

import io.mproc.Context;
import io.mproc.ContextOptions;
import io.mproc.pool.Pool;
import io.mproc.process.ChildProcess;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Python's {@code process_pool.py}: a pool of four worker JVMs, each announcing itself from its initializer, maps
 * {@code x * 2} over 0..9. Results come back in item order. As in the original, the result is printed once the pool
 * is closed and its workers joined, so that every worker's line comes first.
 */
public final class PoolMain
{
    static final int WORKERS = 4;

    private PoolMain()
    {
    }

    static void startProcess()
    {
        System.out.println("Start process : " + ChildProcess.current().name());
    }

    static int work(final int x)
    {
        return x * 2;
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while waiting for the results.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final List<Integer> dataList = IntStream.range(0, 10).boxed().collect(Collectors.toList());
        final List<Integer> result;
        try (Context mp = ExampleContext.open(ContextOptions.builder().poolInitializer(PoolMain::startProcess).build());
             Pool pool = mp.pool(WORKERS))
        {
            result = pool.map(PoolMain::work, dataList);
            pool.shutdown(); // Python's pool.close(): no more work; the workers exit when theirs is done
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) // pool.join()
            {
                throw new IllegalStateException("the pool's workers did not exit within a minute: " + pool);
            }
        }
        System.out.println("Result : " + result);
    }
}
