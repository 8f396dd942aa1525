package io.mproc.process;

import io.mproc.memory.Namespace;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChildProcess#close()} as Python's {@code Process.close()}: refused while the child runs, and after it every
 * method but the getters of what is known refuses to run.
 */
@Timeout(60)
class ChildProcessCloseTest
{
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private Namespace namespace;
    private ChildProcess child;

    @BeforeEach
    void setUp()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void tearDown() throws InterruptedException
    {
        ChildProcesses.stopAndClose(child);
        namespace.close();
    }

    @Test
    void shouldRefuseToCloseALiveChildAndLeaveItRunning() throws Exception
    {
        final LongValue ready = LongValue.create(namespace, "ready", 0);
        child = new ChildProcess(ChildProcessCloseTest::markReadyAndWait, ready).output(OutputMode.PIPE).start();
        ChildProcesses.await(() -> 1 == ready.get() || !child.isAlive(), "child never became ready: " + child);

        final IllegalStateException ex = assertThrows(IllegalStateException.class, child::close);

        assertTrue(ex.getMessage().startsWith("cannot close a process that is still running; call terminate() or " +
            "kill() and join() first: <ChildProcess name='Process-"), ex.getMessage());
        assertTrue(child.isAlive(), "close killed the child: " + child);
        child.kill();
        assertTrue(child.join(JOIN_TIMEOUT));
        child.close();
        assertTrue(child.toString().endsWith(" closed>"), child.toString());
    }

    @Test
    void shouldRefuseIsAliveAndOtherQueriesAfterClose() throws Exception
    {
        child = new ChildProcess(ChildProcessCloseTest::doNothing).output(OutputMode.PIPE).start();
        assertTrue(child.join(JOIN_TIMEOUT));
        child.close();
        child.close(); // twice is harmless, as in Python

        final IllegalStateException ex = assertThrows(IllegalStateException.class, child::isAlive);
        assertTrue(ex.getMessage().startsWith("cannot ask whether it is alive: a closed process: "), ex.getMessage());
        assertThrows(IllegalStateException.class, child::join);
        assertThrows(IllegalStateException.class, child::terminate);
        assertThrows(IllegalStateException.class, child::kill);
        assertEquals(0, child.exitCode().orElseThrow(), "what is known stays readable");
    }

    @Test
    void shouldCloseAProcessNeverStarted()
    {
        child = new ChildProcess(ChildProcessCloseTest::doNothing);
        child.close();
        assertThrows(IllegalStateException.class, child::start);
        assertThrows(IllegalStateException.class, child::isAlive);
    }

    static void doNothing()
    {
    }

    static void markReadyAndWait(final LongValue ready) throws InterruptedException
    {
        ready.set(1);
        ChildProcesses.blockUntilKilled();
    }
}
