package io.mproc.process;

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
class ChildProcessCloseTest extends LiveChildFixture
{
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldRefuseToCloseALiveChildAndLeaveItRunning() throws Exception
    {
        startLiveChild();

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
}
