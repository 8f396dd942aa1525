package io.mproc.journal;

import io.mproc.inspect.FileMappers;
import io.mproc.internal.ProcessIdentity;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A journal's state for {@code mproc inspect dump DIRECTORY}, read without changing anything: its marker (layout
 * version), its cycle files, the processes that map them, its first and last index (Chronicle opened read-only),
 * each named subscriber's position, and each consumer group's claim table (cursor, and per member slot the owner
 * process, whether it is alive, and its unacknowledged claim). A corrupted marker or claim table is reported with
 * the reason ({@code health: CORRUPT}), never thrown. The facts come as nested maps, for text and JSON alike.
 */
public final class JournalInspection
{
    private static final String HEALTH = "health";
    private static final String REASON = "reason";
    private static final String OK = "OK";
    private static final String CORRUPT = "CORRUPT";

    private JournalInspection()
    {
    }

    /**
     * @param directory a directory.
     * @return whether it holds a journal's marker file (whole or not).
     */
    public static boolean isJournal(final Path directory)
    {
        return Files.isDirectory(directory) && Files.exists(directory.resolve(JournalDescriptor.MARKER_FILE_NAME));
    }

    /**
     * @param directory a journal's directory ({@link #isJournal}).
     * @return its state, as ordered field maps.
     */
    public static Map<String, Object> dump(final Path directory)
    {
        final Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("path", directory.toAbsolutePath().normalize().toString());
        dump.put("kind", "JOURNAL");
        final String markerProblem = markerProblem(directory.resolve(JournalDescriptor.MARKER_FILE_NAME), dump);
        final List<Path> cycleFiles = list(directory).stream()
            .filter((file) -> file.getFileName().toString().endsWith(Journal.CYCLE_FILE_SUFFIX)).sorted()
            .collect(Collectors.toList());
        final long self = ProcessHandle.current().pid(); // Chronicle's read-only mapping here is not a user's
        dump.put("mappedBy", FileMappers.mappersOfAny(cycleFiles).stream().filter((pid) -> pid != self)
            .collect(Collectors.toList()));
        dump.put("cycles", cycles(cycleFiles));
        if (null == markerProblem)
        {
            dump.put("messages", messages(directory));
        }
        final Map<String, Map<String, Object>> groups = groups(directory.resolve(JournalFiles.GROUPS_DIRECTORY));
        dump.put("groups", groups);
        final boolean groupCorrupt = groups.values().stream().anyMatch((group) -> CORRUPT.equals(group.get(HEALTH)));
        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", dump.remove("path"));
        result.put("kind", dump.remove("kind"));
        result.put(HEALTH, null != markerProblem || groupCorrupt ? CORRUPT : OK);
        if (null != markerProblem)
        {
            result.put(REASON, markerProblem);
        }
        else if (groupCorrupt)
        {
            result.put(REASON, "a consumer group's claim table is corrupted (see groups)");
        }
        result.putAll(dump);
        return result;
    }

    /** @return why the marker is not a whole marker of a version this code reads, or null; puts its version. */
    private static String markerProblem(final Path marker, final Map<String, Object> dump)
    {
        final byte[] bytes = read(marker);
        if (null == bytes || bytes.length < JournalDescriptor.MARKER_LENGTH)
        {
            return marker.getFileName() + " is " + (null == bytes ? "unreadable" : bytes.length + " bytes long") +
                ", expected " + JournalDescriptor.MARKER_LENGTH;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final long magic = buffer.getLong(JournalDescriptor.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (JournalDescriptor.MAGIC != magic)
        {
            return marker.getFileName() + " has magic 0x" + Long.toHexString(magic) + ", expected 0x" +
                Long.toHexString(JournalDescriptor.MAGIC);
        }
        final int version = buffer.getInt(JournalDescriptor.VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        dump.put("layoutVersion", JournalDescriptor.versionText(version));
        if (version / 100 != JournalDescriptor.LAYOUT_VERSION / 100 || version > JournalDescriptor.LAYOUT_VERSION)
        {
            return "layout version " + JournalDescriptor.versionText(version) + ", this tool reads " +
                JournalDescriptor.versionText(JournalDescriptor.LAYOUT_VERSION);
        }
        return null;
    }

    private static Map<String, Object> cycles(final List<Path> cycleFiles)
    {
        final Map<String, Object> cycles = new LinkedHashMap<>();
        cycles.put("files", cycleFiles.size());
        cycles.put("first", cycleFiles.isEmpty() ? null : cycleFiles.get(0).getFileName().toString());
        cycles.put("last", cycleFiles.isEmpty() ? null :
            cycleFiles.get(cycleFiles.size() - 1).getFileName().toString());
        long bytes = 0;
        for (final Path file : cycleFiles)
        {
            bytes += file.toFile().length();
        }
        cycles.put("fileBytes", bytes);
        return cycles;
    }

    /** First and last index and the subscribers' positions, from Chronicle opened read-only. */
    private static Map<String, Object> messages(final Path directory)
    {
        final Map<String, Object> messages = new LinkedHashMap<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory).readOnly(true).build())
        {
            final long first = queue.firstIndex();
            final long last = queue.lastIndex();
            messages.put("firstIndex", Long.MAX_VALUE == first ? null : first);
            messages.put("lastIndex", last < 0 ? null : last);
            final Map<String, Object> subscribers = new LinkedHashMap<>(); // name -> index of its next message
            for (final Path entry : list(directory.resolve(JournalFiles.SUBSCRIBERS_DIRECTORY)))
            {
                subscribers.put(entry.getFileName().toString(), position(queue, entry.getFileName().toString()));
            }
            messages.put("subscribers", subscribers);
        }
        catch (final RuntimeException ex)
        {
            messages.put("error", "Chronicle cannot open it read-only: " + ex.getMessage());
        }
        return messages;
    }

    private static Object position(final SingleChronicleQueue queue, final String name)
    {
        try
        {
            final long index = queue.indexForId(name).getVolatileValue();
            return index <= 0 ? "start" : index;
        }
        catch (final RuntimeException ex)
        {
            return "unknown (" + ex.getMessage() + ")";
        }
    }

    private static Map<String, Map<String, Object>> groups(final Path groupsDirectory)
    {
        final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        for (final Path file : list(groupsDirectory))
        {
            final String name = file.getFileName().toString();
            if (name.endsWith(".group"))
            {
                groups.put(name.substring(0, name.length() - ".group".length()), group(file));
            }
        }
        return groups;
    }

    private static Map<String, Object> group(final Path file)
    {
        final Map<String, Object> group = new LinkedHashMap<>();
        final byte[] bytes = read(file);
        final String problem = ClaimTableSnapshot.problem(bytes);
        if (null != problem)
        {
            group.put(HEALTH, CORRUPT);
            group.put(REASON, file.getFileName() + " " + problem);
            return group;
        }
        group.put(HEALTH, OK);
        group.putAll(ClaimTableSnapshot.facts(new UnsafeBuffer(bytes)));
        return group;
    }

    private static byte[] read(final Path file)
    {
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static List<Path> list(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.sorted().collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }

    /** A claim table read into memory: checked, then turned into facts. */
    static final class ClaimTableSnapshot
    {
        private ClaimTableSnapshot()
        {
        }

        /** @return why the bytes are not a claim table of this layout, or null. */
        static String problem(final byte[] bytes)
        {
            if (null == bytes || bytes.length < GroupDescriptor.SLOTS_OFFSET)
            {
                return "is " + (null == bytes ? "unreadable" : bytes.length + " bytes long, shorter than its header");
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            final long magic = buffer.getLong(GroupDescriptor.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (GroupDescriptor.MAGIC != magic)
            {
                return "has magic 0x" + Long.toHexString(magic) + ", expected 0x" +
                    Long.toHexString(GroupDescriptor.MAGIC);
            }
            final int version = buffer.getInt(GroupDescriptor.VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (version != JournalDescriptor.LAYOUT_VERSION)
            {
                return "has layout version " + JournalDescriptor.versionText(version) + ", expected " +
                    JournalDescriptor.versionText(JournalDescriptor.LAYOUT_VERSION);
            }
            final int slots = buffer.getInt(GroupDescriptor.SLOT_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (slots < 1 || slots > GroupDescriptor.MAX_SLOTS || GroupDescriptor.fileLength(slots) > bytes.length)
            {
                return "has slotCount=" + slots + " but length=" + bytes.length;
            }
            return null;
        }

        static Map<String, Object> facts(final UnsafeBuffer buffer)
        {
            final Map<String, Object> facts = new LinkedHashMap<>();
            final int slots = buffer.getInt(GroupDescriptor.SLOT_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
            final long cursor = buffer.getLong(GroupDescriptor.CURSOR_OFFSET, ByteOrder.LITTLE_ENDIAN);
            facts.put("slots", slots);
            facts.put("cursor", GroupDescriptor.START == cursor ? "start" : GroupDescriptor.isLocked(cursor) ?
                "locked by slot " + GroupDescriptor.lockHolder(cursor) : Long.toString(cursor));
            final List<Map<String, Object>> members = new ArrayList<>();
            for (int slot = 0; slot < slots; slot++)
            {
                final int offset = GroupDescriptor.slotOffset(slot);
                final long owner = buffer.getLong(offset + GroupDescriptor.OWNER_OFFSET, ByteOrder.LITTLE_ENDIAN);
                final long claimed = buffer.getLong(offset + GroupDescriptor.CLAIMED_INDEX_OFFSET,
                    ByteOrder.LITTLE_ENDIAN);
                if (0 == owner && GroupDescriptor.NONE == claimed)
                {
                    continue; // a free slot
                }
                final Map<String, Object> member = new LinkedHashMap<>();
                member.put("slot", slot);
                member.put("pid", ClaimTable.ABANDONED == owner || 0 == owner ? null : ProcessIdentity.pidOf(owner));
                member.put("alive", ClaimTable.isOwnerAlive(owner));
                member.put("abandoned", ClaimTable.ABANDONED == owner);
                member.put("claimedIndex", GroupDescriptor.NONE == claimed ? null : claimed);
                member.put("deliveries", GroupDescriptor.NONE == claimed ? null :
                    buffer.getLong(offset + GroupDescriptor.DELIVERIES_OFFSET, ByteOrder.LITTLE_ENDIAN));
                members.add(member);
            }
            facts.put("liveMembers", members.stream().filter((member) -> (Boolean)member.get("alive")).count());
            facts.put("members", members);
            return facts;
        }
    }
}
