package io.mproc.memory;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Base of every named shared object: a handle on one {@link MappedRegion}.
 * <p>
 * A handle is {@link Serializable} by name, not by content: it travels to another process as a
 * {@link SharedObjectRef} (namespace folder, name and type), and arrives there as a live handle on the same memory.
 * Every concrete type therefore offers {@code public static T open(Namespace namespace, String name)}.
 * <p>
 * If the file behind a handle is truncated by someone else while it is mapped, accessors of the handle throw
 * {@link java.lang.InternalError} (the kernel's SIGBUS, turned into an error by the JVM) rather than a specific
 * exception: see {@link MappedRegion} for what holds then, and {@link MappedRegion#checkNotTruncated()} to tell on
 * a cold path.
 */
public abstract class SharedObject implements AutoCloseable, Serializable
{
    private static final long serialVersionUID = 1L;

    /** The region behind this handle. */
    protected final transient MappedRegion region;
    /** Buffer over the whole region, cached for the hot paths; the concrete type spares a type check per call. */
    protected final transient UnsafeBuffer buffer;
    /** Set by the region when it is closed, through this handle or its namespace. */
    transient boolean closed;

    /**
     * @param region behind the handle.
     */
    protected SharedObject(final MappedRegion region)
    {
        this(region, false);
    }

    /**
     * @param region behind the handle.
     * @param view   true for a view: a further handle on part of a region that belongs to another object (such as
     *               a value's lock), closed with it; false for the region's one owning handle.
     */
    protected SharedObject(final MappedRegion region, final boolean view)
    {
        this.region = region;
        this.buffer = region.buffer();
        if (view)
        {
            region.bindView(this);
        }
        else
        {
            region.bind(this);
        }
    }

    /**
     * @return the name of the object in its namespace.
     */
    public final String name()
    {
        return region.name();
    }

    /**
     * @return the namespace the object was opened in.
     */
    public final Namespace namespace()
    {
        return region.namespace();
    }

    /**
     * @return the file behind the object.
     */
    public final Path path()
    {
        return region.path();
    }

    /**
     * @return the region behind the object (its header and body).
     */
    public final MappedRegion region()
    {
        return region;
    }

    /**
     * @return true once this handle is closed.
     */
    public final boolean isClosed()
    {
        return closed;
    }

    /**
     * Unmaps this handle's memory now. The object itself lives on for other handles and processes until its name
     * is unlinked. Closing twice is harmless; any other use after close throws {@link IllegalStateException}.
     */
    public void close()
    {
        region.close();
    }

    /**
     * Removes the object's name from its namespace (see {@link Namespace#unlink(String)}) and closes this handle.
     */
    public void unlink()
    {
        final Namespace namespace = region.namespace();
        final String name = region.name();
        close();
        namespace.unlink(name);
    }

    /**
     * Guards every access: a handle used after close throws rather than touching unmapped memory.
     */
    protected final void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed: " + region.path());
        }
    }

    /**
     * @return the reference by name this handle travels as; {@link SharedObjectRef#readResolve()} opens it again.
     */
    public final SharedObjectRef ref()
    {
        return new SharedObjectRef(
            getClass().getName(), region.namespace().directory().toString(), region.name(), qualifier());
    }

    /**
     * Serialises the handle as a reference by name.
     *
     * @return the reference.
     */
    protected final Object writeReplace()
    {
        return ref();
    }

    /**
     * A handle only ever arrives as a {@link SharedObjectRef}: a stream that holds the handle's own fields is forged,
     * and would build a handle on no memory.
     *
     * @param in the stream.
     * @throws java.io.InvalidObjectException always.
     */
    private void readObject(final java.io.ObjectInputStream in) throws java.io.InvalidObjectException
    {
        throw new java.io.InvalidObjectException("a shared object travels only by name, as a SharedObjectRef: " +
            getClass().getName());
    }

    /**
     * @return which view of the object this handle is (such as a pipe's end), passed to
     * {@code open(Namespace, String, String)} when the handle is deserialised; null for none.
     */
    protected String qualifier()
    {
        return null;
    }

    public String toString()
    {
        return getClass().getSimpleName() + "{name=" + region.name() + ", path=" + region.path() +
            (closed ? ", closed" : "") + '}';
    }
}
