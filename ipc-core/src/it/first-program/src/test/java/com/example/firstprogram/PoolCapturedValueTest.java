package com.example.firstprogram;

import io.mproc.memory.Namespace;
import io.mproc.pool.ProcessPool;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shared counter captured by tasks that run in the pool's worker JVMs: the handle travels by name, with no
 * allow-list.
 */
class PoolCapturedValueTest
{
    @Test
    @Timeout(120)
    void shouldIncrementACapturedSharedValueInTheWorkers() throws Exception
    {
        try (Namespace namespace = Namespace.temporary();
             ProcessPool pool = ProcessPool.create(2))
        {
            final LongValue counter = LongValue.create(namespace, "counter", 0);

            final List<Long> pids = pool.map((Integer x) ->
            {
                counter.incrementAndGet();
                return ProcessHandle.current().pid();
            }, IntStream.range(0, 100).boxed().collect(Collectors.toList()));
            final Future<Long> afterSubmit = pool.submit(() -> counter.addAndGet(1000));

            assertEquals(1100, afterSubmit.get());
            assertEquals(1100, counter.get(), "every increment, made in the workers, reached this JVM's memory");
            assertTrue(pids.stream().noneMatch((pid) -> pid == ProcessHandle.current().pid()), "ran in worker JVMs");
        }
    }
}
