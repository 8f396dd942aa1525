package io.mproc.inspect;

import io.mproc.internal.ProcessIdentity;
import io.mproc.manager.ManagerDescriptor;
import io.mproc.memory.ElementType;
import io.mproc.memory.RegionDescriptor;
import io.mproc.memory.RegionKind;
import io.mproc.queue.PipeDescriptor;
import io.mproc.queue.QueueDescriptor;
import io.mproc.sync.BarrierDescriptor;
import io.mproc.sync.ConditionDescriptor;
import io.mproc.sync.EventDescriptor;
import io.mproc.sync.LockDescriptor;
import io.mproc.sync.SemaphoreDescriptor;
import io.mproc.value.ArrayDescriptor;
import io.mproc.value.ValueDescriptor;
import org.agrona.IoUtil;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

import static io.mproc.memory.RegionDescriptor.HEADER_LENGTH;

/**
 * Reads one shared object file into an {@link ObjectReport}: maps it read-only (so reading can never change it),
 * checks the header field by field as {@link RegionDescriptor} says, decodes the body when its layout is the one
 * this version knows, and unmaps at once. Every problem becomes a {@link Health} with a reason, never an exception.
 */
final class RegionReader
{
    private RegionReader()
    {
    }

    /**
     * @param namespace name of the namespace folder, for the report.
     * @param path      of the file.
     * @param withState true to decode the live state too.
     * @return the report (without mappers), or null when no file has that name.
     */
    static ObjectReport read(final String namespace, final Path path, final boolean withState)
    {
        final Reading reading = new Reading(namespace, path);
        final BasicFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            return reading.fail(Health.UNREADABLE, "cannot read attributes: " + ex);
        }
        if (!attributes.isRegularFile())
        {
            return reading.fail(Health.NOT_A_FILE, "not a regular file but " + (attributes.isSymbolicLink() ?
                "a symbolic link" : attributes.isDirectory() ? "a folder" : "a special file") + ", never followed");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            reading.fileBytes = channel.size();
            if (reading.fileBytes < HEADER_LENGTH)
            {
                return reading.fail(Health.TRUNCATED, "file shorter than the region header: fileLength=" +
                    reading.fileBytes + ", headerLength=" + HEADER_LENGTH);
            }
            final MappedByteBuffer mapped = channel.map(
                FileChannel.MapMode.READ_ONLY, 0, Math.min(reading.fileBytes, Integer.MAX_VALUE));
            try
            {
                return reading.readMapped(new UnsafeBuffer(mapped), withState);
            }
            catch (final InternalError ex) // SIGBUS: someone truncated the file while we read it (see MappedRegion)
            {
                return reading.fail(Health.TRUNCATED, "file shrank while being read: " + ex.getMessage());
            }
            finally
            {
                IoUtil.unmap(mapped); // never left mapped: the inspector must not show up as a user of the file
            }
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            return reading.fail(Health.UNREADABLE, "cannot map the file read-only: " + ex);
        }
    }

    /**
     * @param kind of a region.
     * @return the body layout version this mproc writes for that kind, or 0 for a kind whose body it does not define.
     */
    static int expectedKindVersion(final RegionKind kind)
    {
        switch (kind)
        {
            case VALUE: return ValueDescriptor.LAYOUT_VERSION;
            case ARRAY: return ArrayDescriptor.LAYOUT_VERSION;
            case LOCK:
            case RLOCK: return LockDescriptor.LAYOUT_VERSION;
            case SEMAPHORE: return SemaphoreDescriptor.LAYOUT_VERSION;
            case CONDITION: return ConditionDescriptor.LAYOUT_VERSION;
            case EVENT: return EventDescriptor.LAYOUT_VERSION;
            case BARRIER: return BarrierDescriptor.LAYOUT_VERSION;
            case QUEUE: return QueueDescriptor.LAYOUT_VERSION;
            case PIPE: return PipeDescriptor.LAYOUT_VERSION;
            case MANAGER: return ManagerDescriptor.LAYOUT_VERSION;
            default: return 0;
        }
    }

    /**
     * The fields gathered so far about one file, turned into a report when reading ends.
     */
    private static final class Reading
    {
        private final String namespace;
        private final Path path;
        private long fileBytes;
        private boolean headerRead;
        private String kind;
        private String kindVersion;
        private String elementType;
        private long length;
        private long bodyLength;
        private long creatorPid;
        private boolean creatorAlive;
        private long createdAtMs;

        Reading(final String namespace, final Path path)
        {
            this.namespace = namespace;
            this.path = path;
        }

        ObjectReport readMapped(final UnsafeBuffer buffer, final boolean withState)
        {
            final long magic = buffer.getLong(RegionDescriptor.MAGIC_OFFSET);
            if (RegionDescriptor.MAGIC != magic)
            {
                return fail(Health.FOREIGN, "not an mproc shared object, magic mismatch: expected=0x" +
                    Long.toHexString(RegionDescriptor.MAGIC) + ", actual=0x" + Long.toHexString(magic));
            }
            final int headerVersion = RegionDescriptor.layoutVersionAcquire(buffer);
            if (0 == headerVersion)
            {
                return fail(Health.NOT_READY, "layout version is 0: the file was never completed");
            }
            if (RegionDescriptor.LAYOUT_VERSION != headerVersion)
            {
                return versionProblem("header", RegionDescriptor.LAYOUT_VERSION, headerVersion);
            }
            readHeader(buffer);
            final int kindCode = buffer.getInt(RegionDescriptor.KIND_OFFSET);
            final RegionKind regionKind = RegionKind.fromCode(kindCode);
            if (null == regionKind)
            {
                return fail(Health.NEWER_VERSION, "unknown kind code " + kindCode +
                    ": written by a newer mproc? use the inspector of the mproc that wrote it");
            }
            if (bodyLength < 0 || fileBytes < HEADER_LENGTH + bodyLength)
            {
                return fail(Health.TRUNCATED, "file shorter than its header records: fileLength=" + fileBytes +
                    ", expectedLength=" + (HEADER_LENGTH + bodyLength));
            }
            final int expected = expectedKindVersion(regionKind);
            final int actual = buffer.getInt(RegionDescriptor.KIND_VERSION_OFFSET);
            if (0 != expected && expected != actual)
            {
                return versionProblem(kind, expected, actual);
            }
            if (!withState || 0 == expected)
            {
                return report(Health.OK, null, null);
            }
            try
            {
                return report(Health.OK, null, decode(buffer, regionKind));
            }
            catch (final RuntimeException ex) // a bounds check or a value out of range: the body is not as written
            {
                return fail(Health.CORRUPT, "cannot decode the body: " + ex.getMessage());
            }
        }

        private void readHeader(final UnsafeBuffer buffer)
        {
            headerRead = true;
            kind = RegionKind.describe(buffer.getInt(RegionDescriptor.KIND_OFFSET));
            kindVersion = SemanticVersion.toString(buffer.getInt(RegionDescriptor.KIND_VERSION_OFFSET));
            elementType = ElementType.describe(buffer.getInt(RegionDescriptor.ELEMENT_TYPE_OFFSET));
            length = buffer.getLong(RegionDescriptor.LENGTH_OFFSET);
            bodyLength = buffer.getLong(RegionDescriptor.BODY_LENGTH_OFFSET);
            creatorPid = buffer.getLong(RegionDescriptor.CREATOR_PID_OFFSET);
            creatorAlive = ProcessIdentity.isAlive(creatorPid, buffer.getLong(RegionDescriptor.CREATOR_START_TIME_OFFSET));
            createdAtMs = buffer.getLong(RegionDescriptor.CREATED_AT_MS_OFFSET);
        }

        private Map<String, Object> decode(final UnsafeBuffer buffer, final RegionKind regionKind)
        {
            final int body = HEADER_LENGTH;
            final ElementType type = ElementType.fromCode(buffer.getInt(RegionDescriptor.ELEMENT_TYPE_OFFSET));
            switch (regionKind)
            {
                case VALUE: return ValueStates.value(buffer, body, checkType(type));
                case ARRAY: return ValueStates.array(buffer, body, checkType(type), length, bodyLength);
                case LOCK:
                case RLOCK: return SyncStates.lock(buffer, body);
                case SEMAPHORE: return SyncStates.semaphore(buffer, body);
                case CONDITION: return SyncStates.condition(buffer, body, length);
                case EVENT: return SyncStates.event(buffer, body);
                case BARRIER: return SyncStates.barrier(buffer, body);
                case QUEUE: return QueueStates.queue(buffer, body);
                case PIPE: return QueueStates.pipe(buffer, body, length);
                case MANAGER: return ManagerStates.manager(buffer, body, bodyLength);
                default: return null;
            }
        }

        private ElementType checkType(final ElementType type)
        {
            if (null == type || ElementType.NONE == type)
            {
                throw new CorruptBodyException("a value or array needs an element type: elementType=" + elementType);
            }
            return type;
        }

        private ObjectReport versionProblem(final String what, final int expected, final int actual)
        {
            final boolean newer = SemanticVersion.major(actual) > SemanticVersion.major(expected) ||
                (SemanticVersion.major(actual) == SemanticVersion.major(expected) &&
                SemanticVersion.minor(actual) > SemanticVersion.minor(expected));
            return fail(newer ? Health.NEWER_VERSION : Health.VERSION_MISMATCH, what + " layout version " +
                SemanticVersion.toString(actual) + " is " + (newer ? "newer than" : "not") + " the one this mproc reads (" +
                SemanticVersion.toString(expected) + "): inspect it with the mproc that wrote it");
        }

        ObjectReport fail(final Health health, final String problem)
        {
            return report(health, problem, null);
        }

        private ObjectReport report(final Health health, final String problem, final Map<String, Object> state)
        {
            return new ObjectReport(namespace, path.getFileName().toString(), path.toString(), fileBytes, health,
                problem, headerRead, kind, kindVersion, elementType, length, bodyLength, creatorPid, creatorAlive,
                createdAtMs, List.of(), state);
        }
    }
}
