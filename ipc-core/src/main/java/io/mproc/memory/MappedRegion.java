package io.mproc.memory;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import static io.mproc.memory.RegionDescriptor.BODY_LENGTH_OFFSET;
import static io.mproc.memory.RegionDescriptor.CREATED_AT_MS_OFFSET;
import static io.mproc.memory.RegionDescriptor.CREATOR_PID_OFFSET;
import static io.mproc.memory.RegionDescriptor.CREATOR_START_TIME_OFFSET;
import static io.mproc.memory.RegionDescriptor.ELEMENT_TYPE_OFFSET;
import static io.mproc.memory.RegionDescriptor.HEADER_LENGTH;
import static io.mproc.memory.RegionDescriptor.KIND_OFFSET;
import static io.mproc.memory.RegionDescriptor.LENGTH_OFFSET;

/**
 * One shared object file mapped into this process: a header ({@link RegionDescriptor}) and the kind's body.
 * <p>
 * {@link #close()} unmaps at once rather than at some later GC. Like Agrona's buffers, a region must not be closed
 * while another thread of this process still uses it: shared objects check {@link #isClosed()} on every access to
 * turn a use after close into an {@link IllegalStateException} instead of a crash, but cannot guard a race.
 * <p>
 * <b>A file truncated under a live mapping.</b> The mapping keeps the length the file had when it was opened. If
 * anyone (another process, a tool, a user's {@code truncate}) makes the file shorter while it is mapped, every
 * access beyond the new end, in any process that has it mapped, gets a SIGBUS from the kernel, which the JVM turns
 * into a {@link java.lang.InternalError} ("a fault occurred in an unsafe memory access operation") thrown by the
 * accessor: the process survives, but the object is lost to every process. The hot paths do not check for it (that
 * would cost a system call per access). What the library does:
 * <ul>
 *   <li>{@link Namespace#open(String, RegionSpec)} refuses a file shorter than its header says, with a
 *       {@link TruncatedRegionException}: a truncated file is never mapped again;</li>
 *   <li>{@link #checkNotTruncated()} tells, with one {@code stat} of the file, whether this has happened: call it
 *       on cold paths, such as when a wait times out or after catching an {@code InternalError} from an
 *       accessor, to turn it into a {@link TruncatedRegionException} naming the file and both lengths.</li>
 * </ul>
 * mproc itself never shortens a file it has published, and the folder is private to its owner (mode 0700).
 */
public final class MappedRegion implements AutoCloseable
{
    private final Namespace namespace;
    private final String name;
    private final Path path;
    private final MappedByteBuffer mappedBuffer;
    private final UnsafeBuffer buffer;
    /** Identity (device and inode) of the file when mapped, or null where the file system has none. */
    private final Object fileKey;
    private SharedObject owner;
    private SharedObject[] views = new SharedObject[0];
    boolean closed;

    MappedRegion(final Namespace namespace, final String name, final Path path, final MappedByteBuffer mappedBuffer)
    {
        this.namespace = namespace;
        this.name = name;
        this.path = path;
        this.mappedBuffer = mappedBuffer;
        this.buffer = new UnsafeBuffer(mappedBuffer);
        this.fileKey = fileKeyOf(path);
    }

    /**
     * @return the namespace the region was opened in.
     */
    public Namespace namespace()
    {
        return namespace;
    }

    /**
     * @return the name of the shared object.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the file behind the region.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return a buffer over the whole file, header included.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return index in {@link #buffer()} of the first body byte.
     */
    public int bodyOffset()
    {
        return HEADER_LENGTH;
    }

    /**
     * @return bytes in the body, as the header records.
     */
    public long bodyLength()
    {
        return buffer.getLong(BODY_LENGTH_OFFSET);
    }

    /**
     * @return element count or capacity, as the header records.
     */
    public long length()
    {
        return buffer.getLong(LENGTH_OFFSET);
    }

    /**
     * @return the kind code the header records.
     */
    public RegionKind kind()
    {
        return RegionKind.fromCode(buffer.getInt(KIND_OFFSET));
    }

    /**
     * @return the element type the header records.
     */
    public ElementType elementType()
    {
        return ElementType.fromCode(buffer.getInt(ELEMENT_TYPE_OFFSET));
    }

    /**
     * @return pid of the process that created the object.
     */
    public long creatorPid()
    {
        return buffer.getLong(CREATOR_PID_OFFSET);
    }

    /**
     * @return start time of the process that created the object (see {@code ProcessIdentity}).
     */
    public long creatorStartTime()
    {
        return buffer.getLong(CREATOR_START_TIME_OFFSET);
    }

    /**
     * @return wall-clock time of creation, in epoch milliseconds.
     */
    public long createdAtMs()
    {
        return buffer.getLong(CREATED_AT_MS_OFFSET);
    }

    /**
     * Binds the region to the one handle that uses it, so that the handle can check its own closed flag (one load
     * from the object it already reads) instead of following a pointer to the region on every access.
     */
    synchronized void bind(final SharedObject owner)
    {
        if (null != this.owner)
        {
            throw new IllegalStateException("region already has a handle: " + path);
        }
        this.owner = owner;
        owner.closed = closed;
    }

    /**
     * Binds a view: a further handle on part of this region, owned by the object the region belongs to (such as a
     * value's lock). Views share the region's fate: closing the region closes them all.
     */
    synchronized void bindView(final SharedObject view)
    {
        final SharedObject[] grown = java.util.Arrays.copyOf(views, views.length + 1);
        grown[views.length] = view;
        views = grown;
        view.closed = closed;
    }

    /**
     * @return true once {@link #close()} has been called.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Throws if the region has been closed.
     */
    public void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("shared object is closed: " + path);
        }
    }

    /**
     * Unmaps the file now. The file itself stays, for other processes; see {@link Namespace#unlink(String)}.
     * Closing twice is harmless.
     */
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            if (null != owner)
            {
                owner.closed = true;
            }
            for (final SharedObject view : views)
            {
                view.closed = true;
            }
        }
        namespace.forget(this);
        IoUtil.unmap(mappedBuffer);
    }

    /**
     * Checks, with one {@code stat} of the file, that the file behind this region is still as long as the mapping.
     * For cold paths only (see the class comment). A file whose name was unlinked or now names another file is
     * not checked: nobody can open it by name any more to truncate it, and mproc keeps no file descriptor open.
     *
     * @throws TruncatedRegionException when the file is now shorter than the mapping.
     * @throws IllegalStateException    when the region is closed.
     */
    public void checkNotTruncated()
    {
        ensureOpen();
        final BasicFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final NoSuchFileException ex)
        {
            return;
        }
        catch (final IOException ex)
        {
            throw new SharedObjectException(path, "cannot read the length of shared object: " + ex, ex);
        }
        final long mappedLength = mappedBuffer.capacity();
        if ((null == fileKey || fileKey.equals(attributes.fileKey())) && attributes.size() < mappedLength)
        {
            throw new TruncatedRegionException(path, "shared object file was truncated while mapped: fileLength=" +
                attributes.size() + ", mappedLength=" + mappedLength + "; accesses beyond the end fail with " +
                "java.lang.InternalError: close every handle and create the object again");
        }
    }

    private static Object fileKeyOf(final Path path)
    {
        try
        {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }
        catch (final IOException ex)
        {
            return null; // no identity to compare: checkNotTruncated() then compares lengths only
        }
    }

    public String toString()
    {
        return "MappedRegion{name=" + name + ", kind=" + (closed ? "?" : kind()) + ", path=" + path + '}';
    }
}
