package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.queue.MessageRing;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reporter of worker exits, on a result ring left full (its collector busy): it must wait without spinning,
 * write once there is room, and give up once the pool is gone.
 */
class ExitReporterTest
{
    private Namespace namespace;
    private MessageRing ring;

    @BeforeEach
    void setUp()
    {
        namespace = Namespace.temporary();
        ring = MessageRing.create(namespace, "results", 64 * 1024);
    }

    @AfterEach
    void tearDown()
    {
        ring.close();
        namespace.close();
    }

    private void fill()
    {
        final UnsafeBuffer filler = new UnsafeBuffer(new byte[8]);
        while (ring.write(PoolProtocol.RESULTS, filler, 0, filler.capacity()))
        {
            // until not even an EXITED message fits
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // preemptive: a spinning reporter fails the test
    void shouldParkWhileTheRingIsFullAndWriteOnceThereIsRoom() throws Exception
    {
        fill();
        final AtomicBoolean written = new AtomicBoolean();
        final Thread reporter = new Thread(() -> written.set(ExitReporter.report(ring, 7, 137, () -> false)), "reporter");
        reporter.setDaemon(true);
        reporter.start();
        while (Thread.State.TIMED_WAITING != reporter.getState()) // a spinning reporter never parks: the test times out
        {
            Thread.onSpinWait();
        }

        final AtomicInteger exitedField = new AtomicInteger(-1);
        final AtomicInteger exitCode = new AtomicInteger(-1);
        while (reporter.isAlive() || !ring.isEmpty())
        {
            ring.read((type, buffer, index, length) ->
            {
                if (PoolProtocol.EXITED == type)
                {
                    exitedField.set(buffer.getInt(index + PoolProtocol.EXITED_WORKER_OFFSET));
                    exitCode.set(buffer.getInt(index + PoolProtocol.EXITED_CODE_OFFSET));
                }
            }, 16);
        }
        reporter.join();
        assertTrue(written.get());
        assertEquals(7, exitedField.get());
        assertEquals(137, exitCode.get());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // preemptive: a spinning reporter fails the test
    void shouldGiveUpOnAFullRingOnceThePoolIsGone() throws Exception
    {
        fill();
        final AtomicBoolean poolGone = new AtomicBoolean();
        final AtomicBoolean written = new AtomicBoolean(true);
        final Thread reporter = new Thread(() -> written.set(ExitReporter.report(ring, 7, 137, poolGone::get)), "reporter");
        reporter.setDaemon(true);
        reporter.start();
        while (Thread.State.TIMED_WAITING != reporter.getState())
        {
            Thread.onSpinWait();
        }
        poolGone.set(true);
        reporter.join();
        assertFalse(written.get());
    }
}
