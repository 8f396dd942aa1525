package io.mproc.examples.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mproc.inspect.InspectChildMain;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code inspect} command line against objects of a live child JVM, of a SIGKILLed one, and a corrupted file:
 * each command's output, text and JSON carrying the same facts, and the exit codes.
 */
@Timeout(120)
class InspectCommandTest extends MultiProcessTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OBJECTS_MADE = 11;

    private Path root;

    @BeforeEach
    void createRoot() throws IOException
    {
        root = Files.createDirectories(namespace.directory().resolve("root"));
    }

    @Test
    void shouldListLiveObjectsAsTextAndJsonWithTheSameFacts() throws IOException
    {
        child = startAndAwait("make", root.resolve("ns").toString());

        final Result text = inspect("ls");
        final Result json = inspect("ls", "--json");

        assertEquals(0, text.code, text.toString());
        assertEquals(0, json.code, json.toString());
        final JsonNode document = JSON.readTree(json.out);
        assertEquals(root.toString(), document.get("root").asText());
        assertEquals(OBJECTS_MADE, document.get("namespaces").get(0).get("objects").asInt());
        assertEquals(OBJECTS_MADE, document.get("objects").size());
        for (final JsonNode object : document.get("objects"))
        {
            assertEquals(child.pid(), object.get("creatorPid").asLong());
            assertTrue(object.get("creatorAlive").asBoolean());
            assertEquals(child.pid(), object.get("mappers").get(0).asLong());
            final String row = rowOf(text.out, object.get("name").asText());
            assertTrue(row.matches("ns\\s+" + object.get("name").asText() + "\\s+" + object.get("kind").asText() +
                "\\s+" + object.get("elementType").asText() + "\\s+" + object.get("fileBytes").asLong() + "\\s+" +
                child.pid() + " \\(alive\\)\\s+" + child.pid() + "\\s+OK"), row);
        }
    }

    @Test
    void shouldDumpEveryFactOfTheJsonInTheText() throws IOException
    {
        child = startAndAwait("make", root.resolve("ns").toString());

        for (final String name : List.of("ns/lock", "ns/queue", "ns/semaphore", "ns/barrier", "ns/counter"))
        {
            final Result text = inspect("dump", name);
            final Result json = inspect("dump", name, "--json");
            assertEquals(0, text.code, text.toString());
            final JsonNode document = JSON.readTree(json.out);
            assertEquals("OK", document.get("health").asText());
            final List<String> facts = new ArrayList<>();
            scalarFacts(document, facts);
            assertTrue(facts.size() > 10, facts.toString());
            for (final String fact : facts)
            {
                assertTrue(text.out.contains(fact), "text lacks '" + fact + "':\n" + text.out);
            }
        }
        final JsonNode lock = JSON.readTree(inspect("dump", "ns/lock", "--json").out).get("state");
        assertEquals(child.pid(), lock.get("owner").get("pid").asLong());
        assertTrue(lock.get("owner").get("alive").asBoolean());
    }

    @Test
    void shouldExitWithTheCodeOfEachOutcome()
    {
        child = startAndAwait("make", root.resolve("ns").toString());

        assertEquals(1, inspect("dump", "ns/missing").code);
        assertEquals(1, inspect("ls", "nope").code);
        assertEquals(2, inspect("dump", "a/b/c").code);
        assertEquals(2, inspect("dump").code);
        assertEquals(2, inspect("ls", "--bogus").code);
        assertEquals(2, inspect("frobnicate").code);
        final Result refusedRm = inspect("rm", "ns/counter");
        assertEquals(3, refusedRm.code);
        assertTrue(refusedRm.err.startsWith("mproc inspect: refusing to remove"), refusedRm.err);
        assertTrue(Files.exists(root.resolve("ns/counter")));
        assertEquals(3, inspect("unlock", "ns/lock").code);
        for (final String command : List.of("ls", "dump", "watch", "rm", "gc", "unlock"))
        {
            final Result help = inspect(command, "--help");
            assertEquals(0, help.code, command);
            assertTrue(help.out.startsWith("Usage: inspect " + command), help.out);
        }
        assertEquals(0, inspect("--help").code);
    }

    @Test
    void shouldCollectTheOrphansOfAKilledChildAndUnlockItsLock() throws IOException
    {
        final ChildJvm dead = startAndAwait("make", root.resolve("dead").toString());
        child = startAndAwait("make", root.resolve("live").toString());
        Files.write(root.resolve("dead/corrupt"), new byte[300]);
        dead.kill();

        final Result unlock = inspect("unlock", "dead/lock", "--json");
        assertEquals(0, unlock.code, unlock.toString());
        assertTrue(JSON.readTree(unlock.out).get("message").asText().startsWith("recovered"), unlock.out);
        assertEquals(1, JSON.readTree(inspect("dump", "dead/lock", "--json").out).get("state").get("recoveries").asInt());

        final Result listed = inspect("ls", "dead");
        assertTrue(rowOf(listed.out, "corrupt").endsWith("FOREIGN"), listed.out);
        assertTrue(rowOf(listed.out, "queue").endsWith("OK (orphan)"), listed.out);
        assertFalse(listed.err.contains("Exception"), listed.err);

        final Result dryRun = inspect("gc", "--dry-run", "--json");
        final JsonNode planned = JSON.readTree(dryRun.out);
        assertEquals(OBJECTS_MADE, planned.get("removed").size(), dryRun.out);
        planned.get("removed").forEach((path) -> assertTrue(path.asText().startsWith(root.resolve("dead") + "/")));
        planned.get("removed").forEach((path) -> assertTrue(Files.exists(Path.of(path.asText()))));
        assertEquals(1, planned.get("kept").size(), dryRun.out);

        final Result collected = inspect("gc");
        assertEquals(0, collected.code, collected.toString());
        assertTrue(collected.out.startsWith("removed " + OBJECTS_MADE + " orphan(s)"), collected.out);
        planned.get("removed").forEach((path) -> assertFalse(Files.exists(Path.of(path.asText()))));
        assertEquals(List.of("corrupt"), List.of(root.resolve("dead").toFile().list()));
        assertEquals(OBJECTS_MADE, root.resolve("live").toFile().list().length);
    }

    @Test
    void shouldWatchAnObjectAsJsonLines() throws IOException
    {
        child = startAndAwait("make", root.resolve("ns").toString());

        final Result watched = inspect("watch", "ns/counter", "--count", "3", "--interval-ms", "10", "--json");

        assertEquals(0, watched.code, watched.toString());
        final String[] lines = watched.out.split("\n");
        assertEquals(3, lines.length, watched.out);
        for (final String line : lines)
        {
            assertEquals(42, JSON.readTree(line).get("state").get("value").asInt());
        }
        assertEquals(2, inspect("watch", "ns/counter", "--interval-ms", "0").code);
    }

    private ChildJvm startAndAwait(final String... args)
    {
        final ChildJvm started = ChildJvm.start(InspectChildMain.class, args);
        children.add(started);
        started.awaitLine("READY", Duration.ofSeconds(60));
        return started;
    }

    private Result inspect(final String... args)
    {
        final List<String> command = new ArrayList<>(List.of(args));
        if (args.length > 0 && !args[0].startsWith("-"))
        {
            command.add("--root=" + root);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = InspectCommand.run(command.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Every scalar outside a list, as the text prints it: {@code key: value}.
     */
    private static void scalarFacts(final JsonNode node, final List<String> facts)
    {
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext())
        {
            final Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject())
            {
                scalarFacts(field.getValue(), facts);
            }
            else if (field.getValue().isValueNode())
            {
                facts.add(field.getKey() + ": " + field.getValue().asText());
            }
        }
    }

    private static String rowOf(final String table, final String name)
    {
        for (final String line : table.split("\n"))
        {
            final String[] cells = line.split("\\s+");
            if (cells.length > 1 && cells[1].equals(name))
            {
                return line;
            }
        }
        throw new AssertionError("no row for " + name + " in:\n" + table);
    }

    private record Result(int code, String out, String err)
    {
    }
}
