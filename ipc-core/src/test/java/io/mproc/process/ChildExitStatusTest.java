package io.mproc.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
        assumeFalse(ignoresSigint(child.pid()), "the child inherited an ignored SIGINT (the build was started with & "
            + "or nohup from a non-interactive shell), so SIGINT cannot end it, as it could not end a Python child");

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


    /**
     * A process started from a shell's background job ({@code &} without job control, {@code nohup}) inherits SIGINT
     * as ignored, and the JVM keeps an ignored SIGINT ignored: read the disposition from {@code /proc}.
     */
    static boolean ignoresSigint(final long pid) throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
        {
            if (line.startsWith("SigIgn:"))
            {
                final long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (ignored & (1L << (2 - 1))) != 0; // bit n-1 for signal n; SIGINT is 2
            }
        }
        return false;
    }

    static void exit(final int code)
    {
        System.exit(code);
    }
}
