package io.mproc.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs each process example as a user would, {@code java -jar ipc-examples/target/ipc-examples.jar <name>}, and
 * checks its exit code, its key output lines, that no JVM it started is left, and that no file is left under its
 * namespace root (a fresh one per run, passed as {@code -Dmproc.root}, which every child inherits).
 */
@Timeout(120)
class ExamplesIT
{
    private static final Path JAR = Paths.get("target", "ipc-examples.jar").toAbsolutePath();
    private static final long RUN_TIMEOUT_S = 60;

    @TempDir
    Path root;

    @Test
    void basicFunctionShouldPrintNameArgumentAndPidsOfFiveChildren() throws Exception
    {
        final Run run = run("basic-function");
        assertFiveWorkers(run);
    }

    @Test
    void basicClassShouldPrintNameArgumentAndPidsOfFiveChildren() throws Exception
    {
        final Run run = run("basic-class");
        assertFiveWorkers(run);
    }

    @Test
    void loggingShouldLogLifecycleOfEachChild() throws Exception
    {
        final Run run = run("logging");
        for (int i = 0; i < 5; i++)
        {
            assertTrue(run.stdout.contains("count : " + i), run.toString());
        }
        for (int n = 1; n <= 5; n++)
        {
            assertTrue(run.stderr.contains("[INFO/Process-" + n + "] child process calling self.run()"), run.toString());
            assertTrue(run.stderr.contains("[INFO/Process-" + n + "] process exiting with exitcode 0"), run.toString());
        }
        assertTrue(run.stderr.contains("[INFO/MainProcess] process shutting down"), run.toString());
    }

    @Test
    void daemonShouldEndWithItsParent() throws Exception
    {
        final Run run = run("daemon");
        assertEquals(List.of("Start"), run.stdout, run.toString()); // and run() checked that no child JVM is left
    }

    @Test
    void daemonJoinShouldPrintStartThenExit() throws Exception
    {
        final Run run = run("daemon-join");
        assertEquals(List.of("Start", "Exit"), run.stdout, run.toString());
    }

    @Test
    void processExitShouldReportEachExitCode() throws Exception
    {
        final Run run = run("process-exit");
        assertTrue(run.stdout.get(0).matches("<ChildProcess name='good_job' parent=\\d+ initial>"), run.toString());
        assertTrue(run.stdout.get(1).matches("<ChildProcess name='good_job' pid=\\d+ parent=\\d+ started>"), run.toString());
        assertTrue(run.stdout.stream().anyMatch((line) -> line.startsWith("Start name:good_job, pid:")), run.toString());
        assertTrue(run.stdout.stream().anyMatch((line) -> line.startsWith("Exit name:good_job, pid:")), run.toString());
        assertTrue(run.stdout.contains("Terminate process : kill_job"), run.toString());
        final int size = run.stdout.size();
        assertEquals(List.of(
            "Process name : good_job, exit code : 0",
            "Process name : fail_job, exit code : 1",
            "Process name : kill_job, exit code : 143"), run.stdout.subList(size - 3, size), run.toString());
        assertTrue(run.stderr.contains("Process fail_job:"), run.toString());
    }

    @Test
    void sharedMemoryShouldShowTheChildsUpdates() throws Exception
    {
        final Run run = run("shared-memory");
        assertTrue(run.stdout.contains("[worker] num : 5"), run.toString());
        assertTrue(run.stdout.contains("[worker] num list[9] : 9"), run.toString());
        assertTrue(run.stdout.contains("num : 50"), run.toString());
        for (int i = 0; i < 10; i++)
        {
            assertTrue(run.stdout.contains("num list[" + i + "] : " + i * 10), run.toString());
        }
    }

    @Test
    void queueShouldPassHelloWorldFromOneChildToAnother() throws Exception
    {
        final Run run = run("queue");
        assertTrue(run.stdout.contains("[set_data] set queue data : Hello World"), run.toString());
        assertTrue(run.stdout.contains("[get_data] get queue data : Hello World"), run.toString());
    }

    @Test
    void pipeShouldCarryHelloWorldFromChildToParent() throws Exception
    {
        final Run run = run("pipe");
        assertTrue(run.stdout.contains("[child] Send a message to pipe : Hello World"), run.toString());
        assertTrue(run.stdout.contains("Recieved message : Hello World"), run.toString());
    }

    @Test
    void poolShouldStartEachWorkerAndDoubleTheInputs() throws Exception
    {
        final Run run = run("pool");
        final int workers = Runtime.getRuntime().availableProcessors();
        for (int n = 1; n <= workers; n++)
        {
            assertTrue(run.stdout.contains("Start process : PoolWorker-" + n), run.toString());
        }
        assertTrue(run.stdout.contains("Result : [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]"), run.toString());
    }

    @Test
    void serverProcessShouldShowTheWorkersChangesThroughTheManager() throws Exception
    {
        final Run run = run("server-process");
        assertTrue(run.stdout.contains("[worker] value : 5, dict : Python2"), run.toString());
        assertTrue(run.stdout.contains("[main] value : 50, dict : Python3"), run.toString());
        for (int i = 0; i < 10; i++)
        {
            final String worker = "[worker] num list[" + i + "] : " + i;
            final String main = "[main] num list[" + i + "] : " + i * 10;
            assertEquals(2, run.stdout.stream().filter(worker::equals).count(), "list and array: " + run);
            assertEquals(2, run.stdout.stream().filter(main::equals).count(), "list and array: " + run);
        }
    }

    @Test
    void sharedMemoryShouldMakeThenUseAnAppCdsArchive(@TempDir final Path cdsDirectory) throws Exception
    {
        final Path archive = cdsDirectory.resolve("children.jsa");
        // -Xshare:on: a child that cannot map the archive fails to start, so the second run proves it is used.
        final List<String> options = List.of("-Dmproc.cds=" + archive, "-Dmproc.child.jvmOptions=-Xshare:on");

        final Run first = run("shared-memory", options);
        assertTrue(Files.isRegularFile(archive), "no archive made by the first child: " + first);
        final Run second = run("shared-memory", options);

        assertTrue(second.stdout.contains("num : 50"), second.toString());
        try (Stream<Path> files = Files.list(cdsDirectory))
        {
            assertEquals(List.of(archive), files.collect(Collectors.toList()), "temporary dump files left behind");
        }
    }

    private static void assertFiveWorkers(final Run run)
    {
        for (int i = 0; i < 5; i++)
        {
            assertTrue(run.stdout.contains("name : process " + i + ", argument : " + i), run.toString());
        }
        final long parentLines = run.stdout.stream()
            .filter((line) -> line.matches("parent pid : " + run.pid + ", pid : \\d+")).count();
        assertEquals(5, parentLines, run.toString());
    }

    private Run run(final String example) throws Exception
    {
        return run(example, List.of());
    }

    private Run run(final String example, final List<String> jvmOptions) throws Exception
    {
        assertTrue(Files.isRegularFile(JAR), "build the jar first (mvn package): " + JAR);
        final String rootOption = "-Dmproc.root=" + root;
        final Path stdout = root.resolveSibling(root.getFileName() + "-stdout.txt");
        final Path stderr = root.resolveSibling(root.getFileName() + "-stderr.txt");
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add(rootOption);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString(), example));
        final long startNs = System.nanoTime();
        final Process process = new ProcessBuilder(command)
            .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try
        {
            if (!process.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS))
            {
                fail("example did not finish within " + RUN_TIMEOUT_S + " s: " + example);
            }
            final Run run = new Run(example, process.pid(), process.exitValue(), (System.nanoTime() - startNs) / 1_000_000,
                Files.readAllLines(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
            assertEquals(0, run.exitCode, run.toString());
            assertNoProcessLeft(rootOption, run);
            assertNoFileLeft(run);
            return run;
        }
        finally
        {
            destroyTree(process, rootOption);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * Every JVM the example started carries its {@code -Dmproc.root}: none may outlive it (a daemon's SIGTERM
     * handling may take a moment, hence the short deadline).
     */
    private static void assertNoProcessLeft(final String rootOption, final Run run) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        List<ProcessHandle> left = processesWith(rootOption);
        while (!left.isEmpty() && System.nanoTime() - deadlineNs < 0)
        {
            Thread.sleep(20);
            left = processesWith(rootOption);
        }
        assertTrue(left.isEmpty(), "processes left behind: " + left + " " + run);
    }

    private void assertNoFileLeft(final Run run) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            final List<Path> left = paths.filter((path) -> !path.equals(root)).collect(Collectors.toList());
            assertTrue(left.isEmpty(), "files left under the namespace root: " + left + " " + run);
        }
    }

    private static List<ProcessHandle> processesWith(final String argument)
    {
        final List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach((handle) ->
        {
            final String commandLine = handle.info().commandLine().orElse("");
            if (handle.isAlive() && commandLine.contains(argument))
            {
                found.add(handle);
            }
        });
        return found;
    }

    private static void destroyTree(final Process process, final String rootOption)
    {
        process.destroyForcibly();
        processesWith(rootOption).forEach(ProcessHandle::destroyForcibly);
    }

    private record Run(String example, long pid, int exitCode, long elapsedMs, List<String> stdout, String stderr)
    {
        public String toString()
        {
            return "\n--- " + example + " (pid " + pid + ", exit " + exitCode + ", " + elapsedMs + " ms) stdout:\n" +
                String.join("\n", stdout) + "\n--- stderr:\n" + stderr;
        }
    }
}
