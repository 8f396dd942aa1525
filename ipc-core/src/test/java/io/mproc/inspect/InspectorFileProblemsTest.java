package io.mproc.inspect;

import io.mproc.memory.Namespace;
import io.mproc.memory.RegionDescriptor;
import io.mproc.queue.QueueDescriptor;
import io.mproc.queue.SharedQueue;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.IntValue;
import org.agrona.SemanticVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inspector against files that are not what they should be: each is reported with its reason, never thrown, and
 * never changed by being read; gc never collects a file whose header cannot be trusted.
 */
@Timeout(60)
class InspectorFileProblemsTest extends MultiProcessTest
{
    private Path folder;
    private Inspector inspector;

    @BeforeEach
    void createObjects() throws IOException
    {
        final Path root = Files.createDirectories(namespace.directory().resolve("root"));
        folder = root.resolve("ns");
        try (Namespace objects = Namespace.open(folder))
        {
            IntValue.create(objects, "value", 5).close();
            SharedQueue.create(objects, "queue").close();
        }
        inspector = new Inspector(root);
    }

    @Test
    void shouldReportEachProblemWithItsReasonAndLeaveTheFileAsItWas() throws IOException
    {
        Files.write(folder.resolve("foreign"), new byte[256]);
        Files.write(folder.resolve("short"), new byte[10]);
        copyWithInt("value", "unready", RegionDescriptor.LAYOUT_VERSION_OFFSET, 0);
        copyWithInt("value", "newer-header", RegionDescriptor.LAYOUT_VERSION_OFFSET, SemanticVersion.compose(2, 0, 0));
        copyWithInt("value", "newer-body", RegionDescriptor.KIND_VERSION_OFFSET, SemanticVersion.compose(9, 0, 0));
        copyWithInt("value", "older-body", RegionDescriptor.KIND_VERSION_OFFSET, SemanticVersion.compose(0, 1, 0));
        copyWithInt("value", "unknown-kind", RegionDescriptor.KIND_OFFSET, 77);
        copyWithInt("queue", "bad-capacity", RegionDescriptor.HEADER_LENGTH + QueueDescriptor.CAPACITY_OFFSET, 1000);
        Files.write(folder.resolve("truncated"), Arrays.copyOf(Files.readAllBytes(folder.resolve("queue")), 4096));
        Files.createSymbolicLink(folder.resolve("link"), folder.resolve("value"));

        assertProblem("foreign", Health.FOREIGN, "magic mismatch");
        assertProblem("short", Health.TRUNCATED, "fileLength=10, headerLength=128");
        assertProblem("unready", Health.NOT_READY, "never completed");
        assertProblem("newer-header", Health.NEWER_VERSION, "header layout version 2.0.0 is newer");
        assertProblem("newer-body", Health.NEWER_VERSION, "VALUE layout version 9.0.0 is newer");
        assertProblem("older-body", Health.VERSION_MISMATCH, "VALUE layout version 0.1.0 is not");
        assertProblem("unknown-kind", Health.NEWER_VERSION, "unknown kind code 77");
        assertProblem("bad-capacity", Health.CORRUPT, "capacity=1000");
        assertProblem("truncated", Health.TRUNCATED, "fileLength=4096");
        assertProblem("link", Health.NOT_A_FILE, "symbolic link");
        assertEquals(5, inspector.dump("ns/value").state().get("value"));
        assertEquals(12, inspector.objects("ns").size());

        final ActionReport collected = inspector.gc(false); // the creator (this JVM) lives: nothing is an orphan
        assertEquals(List.of(), collected.removed());
        assertEquals(5, collected.kept().size(), collected.kept().toString()); // no trusted header: never collected
        assertTrue(Files.exists(folder.resolve("foreign")));

        inspector.remove("ns/foreign", false); // rm takes what gc will not vouch for: nobody maps it
        assertFalse(Files.exists(folder.resolve("foreign")));
        inspector.remove("ns/link", false); // the link, never its target
        assertFalse(Files.exists(folder.resolve("link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(folder.resolve("value")));
    }

    @Test
    void shouldNameTheProblemWhenATargetNamesNothing()
    {
        assertEquals(InspectException.Reason.USAGE,
            assertThrows(InspectException.class, () -> inspector.dump("ns")).reason());
        assertEquals(InspectException.Reason.USAGE,
            assertThrows(InspectException.class, () -> inspector.dump("ns/../other")).reason());
        assertEquals(InspectException.Reason.USAGE,
            assertThrows(InspectException.class, () -> inspector.dump("a/b/c")).reason());
        final InspectException missing = assertThrows(InspectException.class, () -> inspector.dump("ns/missing"));
        assertEquals(InspectException.Reason.NOT_FOUND, missing.reason());
        assertTrue(missing.getMessage().contains("ns/missing"), missing.getMessage());
        assertEquals(InspectException.Reason.NOT_FOUND,
            assertThrows(InspectException.class, () -> inspector.objects("nope")).reason());
        for (final String outside : List.of("/", folder.getParent().getParent().toString(), folder.getParent().toString(),
            folder.resolve("value/x").toString()))
        {
            assertEquals(InspectException.Reason.USAGE,
                assertThrows(InspectException.class, () -> inspector.remove(outside, true)).reason(), outside);
        }
        assertEquals(5, inspector.dump(folder.resolve("value").toString()).state().get("value"));
    }

    private void assertProblem(final String name, final Health health, final String reason) throws IOException
    {
        final byte[] before = Files.readAllBytes(folder.resolve(name));
        final ObjectReport report = inspector.dump("ns/" + name);
        assertEquals(health, report.health(), report.toString());
        assertNotNull(report.problem());
        assertTrue(report.problem().contains(reason), report.problem());
        assertFalse(report.orphan());
        assertArrayEquals(before, Files.readAllBytes(folder.resolve(name)), "reading changed " + name);
    }

    private void copyWithInt(final String from, final String to, final int offset, final int value) throws IOException
    {
        final Path target = folder.resolve(to);
        Files.copy(folder.resolve(from), target);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value), offset);
        }
    }
}
