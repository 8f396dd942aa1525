package io.mproc.process;

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
class ChildExitStatusTest extends LiveChildFixture
{
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
        startLiveChild();

        child.terminate();
        assertTrue(child.join(ChildProcesses.TIMEOUT));

        assertEquals(OptionalInt.of(143), child.exitCode());
        assertEquals(OptionalInt.of(15), child.signal());
        assertEquals(OptionalInt.of(-15), child.pythonExitCode());
    }

    @Test
    void shouldReportSigkillAsSignal9() throws Exception
    {
        startLiveChild();

        child.kill();
        assertTrue(child.join(ChildProcesses.TIMEOUT));

        assertEquals(OptionalInt.of(137), child.exitCode());
        assertEquals(OptionalInt.of(9), child.signal());
        assertEquals(OptionalInt.of(-9), child.pythonExitCode());
    }

    @Test
    void shouldReportSigintAsSignal2() throws Exception
    {
        startLiveChild();

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


    static void exit(final int code)
    {
        System.exit(code);
    }
}
