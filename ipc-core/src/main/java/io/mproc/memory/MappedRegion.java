package io.mproc.memory;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;

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
 */
public final class MappedRegion implements AutoCloseable
{
    private final Namespace namespace;
    private final String name;
    private final Path path;
    private final MappedByteBuffer mappedBuffer;
    private final UnsafeBuffer buffer;
    private SharedObject owner;
    boolean closed;

    MappedRegion(final Namespace namespace, final String name, final Path path, final MappedByteBuffer mappedBuffer)
    {
        this.namespace = namespace;
        this.name = name;
        this.path = path;
        this.mappedBuffer = mappedBuffer;
        this.buffer = new UnsafeBuffer(mappedBuffer);
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
        }
        namespace.forget(this);
        IoUtil.unmap(mappedBuffer);
    }

    public String toString()
    {
        return "MappedRegion{name=" + name + ", kind=" + (closed ? "?" : kind()) + ", path=" + path + '}';
    }
}
