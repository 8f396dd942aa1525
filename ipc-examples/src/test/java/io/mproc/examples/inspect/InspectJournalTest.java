package io.mproc.examples.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code inspect dump JOURNAL_DIRECTORY}: a journal held by a live child JVM (its member's unacknowledged claim,
 * its subscriber's position, the child mapping the cycle file), the same after the child is SIGKILLed, and
 * corrupted marker and claim table files, reported with the reason and left unchanged; text and JSON carry the
 * same facts.
 */
@Timeout(120)
class InspectJournalTest extends MultiProcessTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path journal;

    @BeforeEach
    void nameDirectory()
    {
        journal = temp.resolve("journal"); // on disk, as journals are by default
    }

    @Test
    void shouldDumpALiveJournalThenTheSameJournalAfterItsHolderDied() throws IOException
    {
        child = ChildJvm.start(JournalHolderMain.class, journal.toString());
        final long claimed = Long.parseLong(child.awaitLine("READY", Duration.ofSeconds(60)).split(" ")[1]);

        final JsonNode live = dumpJson();
        assertEquals("JOURNAL", live.get("kind").asText());
        assertEquals("OK", live.get("health").asText(), live.toString());
        assertEquals("3.0", live.get("layoutVersion").asText());
        assertEquals("[" + child.pid() + "]", live.get("mappedBy").toString(), "the holder, not the inspector");
        assertEquals(1, live.get("cycles").get("files").asInt());
        assertEquals(claimed, live.get("messages").get("firstIndex").asLong());
        assertEquals(claimed + 2, live.get("messages").get("lastIndex").asLong());
        assertEquals(claimed + 1, live.get("messages").get("subscribers").get("s").asLong(),
            "after the one message it consumed");
        final JsonNode group = live.get("groups").get("g");
        assertEquals(claimed, group.get("cursor").asLong());
        assertEquals(1, group.get("liveMembers").asInt());
        final JsonNode member = group.get("members").get(0);
        assertEquals(child.pid(), member.get("pid").asLong());
        assertTrue(member.get("alive").asBoolean());
        assertEquals(claimed, member.get("claimedIndex").asLong());
        assertEquals(1, member.get("deliveries").asInt());
        assertTextCarriesTheJsonFacts(live);
        assertTrue(dumpText().out.contains("- slot: 0, pid: " + child.pid() + ", alive: true"), dumpText().out);

        child.kill();
        final JsonNode dead = dumpJson();
        assertEquals("OK", dead.get("health").asText());
        assertEquals("[]", dead.get("mappedBy").toString());
        final JsonNode deadMember = dead.get("groups").get("g").get("members").get(0);
        assertEquals(child.pid(), deadMember.get("pid").asLong());
        assertFalse(deadMember.get("alive").asBoolean());
        assertEquals(claimed, deadMember.get("claimedIndex").asLong(), "still to be redelivered");
        assertEquals(0, dead.get("groups").get("g").get("liveMembers").asInt());
        assertEquals(claimed + 1, dead.get("messages").get("subscribers").get("s").asLong());
    }

    @Test
    void shouldReportCorruptedFilesWithTheReasonAndChangeNothing() throws IOException
    {
        child = ChildJvm.start(JournalHolderMain.class, journal.toString());
        child.awaitLine("READY", Duration.ofSeconds(60));
        child.kill();
        final Path groupFile = journal.resolve("groups/g.group");
        final byte[] corruptGroup = Files.readAllBytes(groupFile);
        Arrays.fill(corruptGroup, 0, 8, (byte)'X');
        Files.write(groupFile, corruptGroup);

        final Result groupDump = dumpText();
        assertEquals(0, groupDump.code, groupDump.toString());
        assertFalse(groupDump.err.contains("Exception"), groupDump.err);
        final JsonNode withBadGroup = dumpJson();
        assertEquals("CORRUPT", withBadGroup.get("health").asText());
        final JsonNode group = withBadGroup.get("groups").get("g");
        assertEquals("CORRUPT", group.get("health").asText());
        assertEquals("g.group has magic 0x5858585858585858, expected 0x31305052474a504d",
            group.get("reason").asText());
        assertTextCarriesTheJsonFacts(withBadGroup);
        assertArrayEquals(corruptGroup, Files.readAllBytes(groupFile), "the dump changed nothing");

        final Path marker = journal.resolve("mproc-journal.marker");
        Files.write(marker, new byte[]{1, 2, 3});
        final JsonNode withBadMarker = dumpJson();
        assertEquals("CORRUPT", withBadMarker.get("health").asText());
        assertEquals("mproc-journal.marker is 3 bytes long, expected 16", withBadMarker.get("reason").asText());
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(marker));
    }

    private JsonNode dumpJson() throws IOException
    {
        final Result json = inspect("dump", journal.toString(), "--json");
        assertEquals(0, json.code, json.toString());
        return JSON.readTree(json.out);
    }

    private Result dumpText()
    {
        return inspect("dump", journal.toString());
    }

    /** Every scalar field of the JSON (outside lists) appears in the text as {@code key: value}. */
    private void assertTextCarriesTheJsonFacts(final JsonNode json)
    {
        final String text = dumpText().out;
        final Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext())
        {
            final Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject())
            {
                assertTextCarriesTheJsonFacts(field.getValue());
            }
            else if (field.getValue().isValueNode())
            {
                final String fact = field.getKey() + ": " +
                    (field.getValue().isNull() ? "-" : field.getValue().asText());
                assertTrue(text.contains(fact), "text lacks '" + fact + "':\n" + text);
            }
        }
    }

    private static Result inspect(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = InspectCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err)
    {
    }
}
