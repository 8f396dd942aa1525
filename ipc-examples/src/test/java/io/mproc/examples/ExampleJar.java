package io.mproc.examples;

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
 * Runs the examples' jar as a user would, {@code java -jar ipc-examples/target/ipc-examples.jar ARGS}, under a fresh
 * namespace root (passed as {@code -Dmproc.root}, which every child inherits), and checks that it succeeds, that no
 * JVM it started is left and that no file is left under that root.
 */
final class ExampleJar
{
    private static final Path JAR = Paths.get("target", "ipc-examples.jar").toAbsolutePath();

    private ExampleJar()
    {
    }

    /**
     * Runs {@code java -jar ipc-examples.jar ARGS} and checks that it succeeds and leaves no process or file.
     *
     * @param root        an empty folder: the namespace root of the run.
     * @param mergeStderr puts stderr into {@link Run#stdout}, in the order written (for {@code all}, whose sections
     *                    are told apart by their order).
     */
    static Run run(final Path root, final List<String> args, final List<String> jvmOptions, final boolean mergeStderr,
        final long timeoutS) throws Exception
    {
        return run(root, args, jvmOptions, mergeStderr, timeoutS, 0);
    }

    /**
     * As {@link #run(Path, List, List, boolean, long)}, for a run that must end with another exit code (a refusal).
     */
    static Run run(final Path root, final List<String> args, final List<String> jvmOptions, final boolean mergeStderr,
        final long timeoutS, final int expectedExitCode) throws Exception
    {
        final String example = String.join(" ", args);
        assertTrue(Files.isRegularFile(JAR), "build the jar first (mvn package): " + JAR);
        final String rootOption = "-Dmproc.root=" + root;
        final Path stdout = root.resolveSibling(root.getFileName() + "-stdout.txt");
        final Path stderr = root.resolveSibling(root.getFileName() + "-stderr.txt");
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add(rootOption);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(args);
        final long startNs = System.nanoTime();
        final ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile());
        if (mergeStderr)
        {
            builder.redirectErrorStream(true);
        }
        else
        {
            builder.redirectError(stderr.toFile());
        }
        final Process process = builder.start();
        try
        {
            if (!process.waitFor(timeoutS, TimeUnit.SECONDS))
            {
                fail("example did not finish within " + timeoutS + " s: " + example);
            }
            final Run run = new Run(example, process.pid(), process.exitValue(), (System.nanoTime() - startNs) / 1_000_000,
                Files.readAllLines(stdout, StandardCharsets.UTF_8),
                mergeStderr ? "" : Files.readString(stderr, StandardCharsets.UTF_8));
            assertEquals(expectedExitCode, run.exitCode, run.toString());
            assertNoProcessLeft(rootOption, run);
            assertNoFileLeft(root, run);
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
     * Every JVM the example started carries its {@code -Dmproc.root}: none may outlive it. A daemon's SIGTERM handling
     * may take a moment, so each one left is waited for (a minute at most, a guard against hanging, not a timing).
     */
    private static void assertNoProcessLeft(final String rootOption, final Run run) throws InterruptedException
    {
        for (final ProcessHandle process : processesWith(rootOption))
        {
            try
            {
                process.onExit().get(1, TimeUnit.MINUTES);
            }
            catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
            {
                break; // reported below
            }
        }
        final List<ProcessHandle> left = processesWith(rootOption);
        assertTrue(left.isEmpty(), "processes left behind: " + left + " " + run);
    }

    private static void assertNoFileLeft(final Path root, final Run run) throws IOException
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

    /**
     * What a run printed, and how it ended.
     */
    record Run(String example, long pid, int exitCode, long elapsedMs, List<String> stdout, String stderr)
    {
        public String toString()
        {
            return "\n--- " + example + " (pid " + pid + ", exit " + exitCode + ", " + elapsedMs + " ms) stdout:\n" +
                String.join("\n", stdout) + "\n--- stderr:\n" + stderr;
        }
    }
}
