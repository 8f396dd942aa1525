package io.mproc.pool;

import io.mproc.process.ChildProcess;
import io.mproc.process.SerializableRunnable;
import io.mproc.process.WarmSpares;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool worker's start-up that warm spares rehearse ({@link PoolWorkerRehearsal}), and a pool whose workers come
 * from spares.
 */
@Timeout(120)
class PoolWorkerRehearsalTest
{
    @Test
    void shouldRunWorkerToItsStopAndLeaveNothingBehind() throws Exception
    {
        final Path directory;
        try (PoolWorkerRehearsal rehearsal = new PoolWorkerRehearsal())
        {
            final SerializableRunnable worker = rehearsal.task();
            directory = rehearsal.directory();
            assertTrue(Files.isDirectory(directory), directory.toString());
            worker.run(); // returns at the STOP queued behind its chunk
        }
        assertFalse(Files.exists(directory), directory + " left behind");
    }

    @Test
    void shouldMapWithWorkersFromSpares() throws Exception
    {
        WarmSpares.setCount(2);
        try
        {
            // A pool's workers have the command line of a plain child of this JVM: spares made for one serve them.
            WarmSpares.prepare(new ChildProcess(PoolWorkerRehearsalTest::doNothing)).get();
            final List<Long> spares = WarmSpares.readyPids();
            try (ProcessPool pool = ProcessPool.create(2))
            {
                assertEquals(List.of(2, 4), pool.map((Integer x) -> x * 2, List.of(1, 2)));
                final List<Long> workers = pool.workerPids();
                assertTrue(spares.containsAll(workers), "workers " + workers + ", spares " + spares);
            }
        }
        finally
        {
            WarmSpares.setCount(0);
        }
    }

    static void doNothing()
    {
    }
}
