package io.mproc.examples;

import io.mproc.pool.ProcessPool;
import io.mproc.process.ChildProcess;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Python's {@code process_pool.py}: a pool of worker JVMs (one per core), each announcing itself from its
 * initializer, maps {@code x * 2} over 0..9. Results come back in item order.
 */
public final class PoolMain
{
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
        final List<Integer> inputs = IntStream.range(0, 10).boxed().collect(Collectors.toList());
        try (ProcessPool pool = ProcessPool.builder().initializer(PoolMain::startProcess).build())
        {
            final List<Integer> outputs = pool.map(PoolMain::work, inputs);
            System.out.println("Result : " + outputs);
        }
    }
}
