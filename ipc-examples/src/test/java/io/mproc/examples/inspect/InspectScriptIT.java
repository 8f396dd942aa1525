package io.mproc.examples.inspect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/mproc}, run as a user would, against the built examples jar: help, an empty root as JSON, and the exit
 * code of a name that is not there.
 */
@Timeout(120)
class InspectScriptIT
{
    private static final Path SCRIPT = Paths.get("..", "bin", "mproc").toAbsolutePath().normalize();

    @TempDir
    Path root;

    @Test
    void shouldRunTheInspectorFromTheScript() throws Exception
    {
        final Path out = root.resolve("out.txt");
        assertEquals(0, run(out, "--help"));
        assertTrue(Files.readString(out).contains("Usage: inspect"), Files.readString(out));

        Files.createDirectories(root.resolve("namespaces/ns"));
        assertEquals(0, run(out, "ls", "--json", "--root", root.resolve("namespaces").toString()));
        assertTrue(Files.readString(out).contains("\"name\" : \"ns\""), Files.readString(out));

        assertEquals(1, run(out, "dump", "ns/missing", "--root", root.resolve("namespaces").toString()));
    }

    private static int run(final Path out, final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/mproc did not exit: " + command);
        return process.exitValue();
    }
}
