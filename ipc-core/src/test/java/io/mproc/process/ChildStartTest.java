package io.mproc.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child that cannot start makes {@link ChildProcess#start()} throw, with the child's own error output, instead of
 * leaving the parent to wait for it in vain; the class path, java executable and SLF4J set-up of children.
 */
@Timeout(60)
class ChildStartTest
{
    private final List<ChildProcess> children = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException
    {
        for (final ChildProcess child : children)
        {
            ChildProcesses.stopAndClose(child);
        }
    }

    @Test
    void shouldFailStartWithTheChildsErrorWhenItsClassPathLacksMproc(@TempDir final Path emptyDir)
    {
        final ChildProcess child = track(new ChildProcess(ChildStartTest::doNothing).classPath(emptyDir.toString()));

        final ChildStartException ex = assertThrows(ChildStartException.class, child::start);

        assertTrue(ex.errorOutput().contains("Could not find or load main class io.mproc.process.ChildMain"),
            ex.errorOutput());
        assertTrue(ex.getMessage().startsWith("child process exited before it was ready: name=" + child.name() +
            " exitCode=1; its class path does not hold mproc: give it with ChildProcess.classPath(...)"), ex.getMessage());
        assertEquals(OptionalInt.of(1), ex.exitCode());
        assertFalse(child.isAlive());
    }

    @Test
    void shouldFailStartWithTheChildsErrorWhenAJvmOptionIsUnknown()
    {
        final ChildProcess child = track(new ChildProcess(ChildStartTest::doNothing)
            .jvmOptions("-XX:+ThisOptionDoesNotExist"));

        final RuntimeException ex = assertThrows(RuntimeException.class, child::start);

        assertTrue(ex instanceof ChildStartException, ex.toString());
        assertTrue(ex.getMessage().contains("Unrecognized VM option 'ThisOptionDoesNotExist'"), ex.getMessage());
    }

    @Test
    void shouldFailStartWithTheChildsErrorWhenTheTaskClassCannotLoad() throws Exception
    {
        final String mprocOnly = String.join(File.pathSeparator, codeSource(ChildProcess.class),
            codeSource(org.agrona.DirectBuffer.class), codeSource(com.sun.jna.Native.class),
            codeSource(org.slf4j.LoggerFactory.class));
        final ChildProcess child = track(new ChildProcess(ChildStartTest::doNothing).classPath(mprocOnly));

        final ChildStartException ex = assertThrows(ChildStartException.class, child::start);

        assertTrue(ex.errorOutput().contains("ClassNotFoundException: io.mproc.process.ChildStartTest"), ex.errorOutput());
        assertEquals(OptionalInt.of(ChildProcess.EXIT_CODE_EXCEPTION), ex.exitCode());
        // mproc is there (its ChildMain is in the stack trace): the hint about a class path without mproc would mislead
        assertFalse(ex.getMessage().contains("does not hold mproc"), ex.getMessage());
    }

    @Test
    void shouldKillAChildNotReadyWithinItsStartTimeout()
    {
        final ChildProcess child = track(new ChildProcess(NeverLoads::run).startTimeout(Duration.ofMillis(1500)));

        final ChildStartException ex = assertThrows(ChildStartException.class, child::start);

        assertTrue(ex.getMessage().startsWith("child process was not ready within its start timeout and was killed: " +
            "name=" + child.name() + " timeout=PT1.5S"), ex.getMessage());
        assertEquals(OptionalInt.empty(), ex.exitCode());
        ChildProcesses.await(() -> !child.isAlive(), "the child was not killed: " + child);
    }

    @Test
    void shouldRunChildWithTheJavaExecutableGiven(@TempDir final Path dir) throws Exception
    {
        final Path out = dir.resolve("out.txt");
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final ChildProcess child = track(new ChildProcess(ChildStartTest::printJavaHome)
            .javaExecutable(java).redirectOutput(out)).start();
        assertTrue(child.join(ChildProcesses.TIMEOUT));

        assertEquals(OptionalInt.of(0), child.exitCode());
        assertEquals(System.getProperty("java.home") + "\n", Files.readString(out));
    }

    @Test
    void shouldRejectBadClassPathAndJavaExecutable(@TempDir final Path dir)
    {
        final ChildProcess child = track(new ChildProcess(ChildStartTest::doNothing));

        final IllegalArgumentException noPath = assertThrows(IllegalArgumentException.class, () -> child.classPath(" "));
        assertEquals("class path must not be empty: classPath= ", noPath.getMessage());
        final IllegalArgumentException notJava = assertThrows(
            IllegalArgumentException.class, () -> child.javaExecutable(dir));
        assertEquals("java executable is not an executable file: javaExecutable=" + dir, notJava.getMessage());
        final IllegalArgumentException cp = assertThrows(IllegalArgumentException.class, () -> child.jvmOptions("-cp"));
        assertEquals("JVM option may not set the class path, a jar or a module: give the child's class path with " +
            "ChildProcess.classPath(...): option=-cp", cp.getMessage());
    }

    @Test
    void shouldNotPrintSlf4jWarningsInAChildWithoutProvider(@TempDir final Path dir) throws Exception
    {
        final String withoutProvider = String.join(File.pathSeparator, codeSource(ChildProcess.class),
            codeSource(ChildStartTest.class), codeSource(org.agrona.DirectBuffer.class),
            codeSource(com.sun.jna.Native.class), codeSource(org.slf4j.LoggerFactory.class));
        final Path err = dir.resolve("err.txt");
        final ChildProcess child = track(new ChildProcess(ChildStartTest::logSomething)
            .classPath(withoutProvider).redirectError(err)).start();
        assertTrue(child.join(ChildProcesses.TIMEOUT));

        assertEquals(OptionalInt.of(0), child.exitCode(), Files.readString(err));
        assertEquals("", Files.readString(err));
    }

    private ChildProcess track(final ChildProcess child)
    {
        children.add(child);
        return child.output(OutputMode.PIPE);
    }

    static String codeSource(final Class<?> type) throws URISyntaxException
    {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    static void doNothing()
    {
    }

    static void printJavaHome()
    {
        System.out.println(System.getProperty("java.home"));
    }

    static void logSomething()
    {
        org.slf4j.LoggerFactory.getLogger(ChildStartTest.class).info("not shown: no provider");
    }

    /**
     * A task class whose loading never ends: its static initialiser blocks.
     */
    static final class NeverLoads
    {
        static
        {
            try
            {
                ChildProcesses.blockUntilKilled();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        static void run()
        {
        }
    }
}
