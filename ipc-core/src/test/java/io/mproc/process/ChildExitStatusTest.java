package io.mproc.process;

import io.mproc.memory.Namespace;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child that called {@code System.exit(128 + n)} reads apart from one that signal n ended: the child tells its
 * parent how it exits. {@link ChildProcess#pythonExitCode()} is Python's {@code exitcode}: minus the signal.
 */
@Timeout(60)
class ChildExitStatusTest
{
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
    void shouldReportSystemExitWith143AsAnExitCodeWithoutSignal() throws Exception
    {
        child = new ChildProcess(ChildExitStatusTest::exit, 143).output(OutputMode.PIPE).start();
        assertTrue(child.join(ChildProcesses.TIMEOUT));

        assertEquals(OptionalInt.of(143), child.exitCode());
        assertEquals(OptionalInt.empty(), child.signal(), child.toString());
        assertEquals(OptionalInt.of(143), child.pythonExitCode());
        assertTrue(child.toString().endsWith("stopped exitcode=143>"), child.toString());
    }

    @Test
    void shouldReportSigtermAsSignal15() throws Exception
    {
        startWaitingChild();

        child.terminate();
        assertTrue(child.join(ChildProcesses.TIMEOUT));

        assertEquals(OptionalInt.of(143), child.exitCode());
        assertEquals(OptionalInt.of(15), child.signal());
        assertEquals(OptionalInt.of(-15), child.pythonExitCode());
    }

    @Test
    void shouldReportSigkillAsSignal9() throws Exception
    {
        startWaitingChild();

        child.kill();
        assertTrue(child.join(ChildProcesses.TIMEOUT));

        assertEquals(OptionalInt.of(137), child.exitCode());
        assertEquals(OptionalInt.of(9), child.signal());
        assertEquals(OptionalInt.of(-9), child.pythonExitCode());
    }

    @Test
    void shouldReportSigintAsSignal2() throws Exception
    {
        startWaitingChild();

        final Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(child.join(ChildProcesses.TIMEOUT));

        assertEquals(OptionalInt.of(130), child.exitCode());
        assertEquals(OptionalInt.of(2), child.signal());
    }

    @Test
    void shouldReportExitCodeOfReturningAndThrowingTasksWithoutSignal() throws Exception
    {
        child = new ChildProcess(ChildExitStatusTest::exit, 0).output(OutputMode.PIPE).start();
        assertTrue(child.join(ChildProcesses.TIMEOUT));
        assertEquals(OptionalInt.of(0), child.pythonExitCode());
        assertEquals(OptionalInt.empty(), child.signal());
    }

    private void startWaitingChild()
    {
        final LongValue ready = LongValue.create(namespace, "ready", 0);
        child = new ChildProcess(ChildExitStatusTest::markReadyAndWait, ready).output(OutputMode.PIPE).start();
        ChildProcesses.await(() -> 1 == ready.get() || !child.isAlive(), "child never became ready: " + child);
        assertTrue(child.isAlive(), child.toString());
    }

    static void exit(final int code)
    {
        System.exit(code);
    }

    static void markReadyAndWait(final LongValue ready) throws InterruptedException
    {
        ready.set(1);
        ChildProcesses.blockUntilKilled();
    }
}
