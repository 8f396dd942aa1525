package io.mproc.pool;

import io.mproc.memory.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The fixture of a test that builds its own pools of real worker JVMs: a fresh temporary namespace per test, and,
 * whether the test passes or fails, every pool terminated, checked to have left no worker alive, and the
 * namespace's files deleted.
 */
abstract class PoolTestFixture
{
    private final List<ProcessPool> pools = new ArrayList<>();
    /** The test's own namespace, deleted after it. */
    protected Namespace namespace;

    @BeforeEach
    void createNamespace()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void terminatePoolsAndDeleteNamespace() throws InterruptedException
    {
        for (final ProcessPool pool : pools)
        {
            final List<Long> pids = pool.workerPids();
            pool.terminate();
            for (final long pid : pids)
            {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " left");
            }
        }
        pools.clear();
        namespace.close();
    }

    /**
     * @return the pool the builder builds, terminated after the test.
     */
    protected ProcessPool pool(final ProcessPoolBuilder builder)
    {
        final ProcessPool pool = builder.create();
        pools.add(pool);
        return pool;
    }
}
