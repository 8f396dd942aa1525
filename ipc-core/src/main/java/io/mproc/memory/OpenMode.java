package io.mproc.memory;

/**
 * How a shared type's factory gets its file: every type's {@code create}, {@code createOrOpen} and {@code open}
 * is one call of {@link #region}, the one place a named object is mapped.
 */
public enum OpenMode
{
    /** Make a new object; fails with {@link RegionExistsException} if the name exists. */
    CREATE,
    /** Open an existing object; fails with {@link RegionNotFoundException} if there is none. */
    OPEN,
    /** Open the object of that name, creating it if there is none (exactly one of several racing callers does). */
    CREATE_OR_OPEN;

    /**
     * Maps the named object as this mode says.
     *
     * @param namespace   of the object.
     * @param name        of the object.
     * @param spec        what the object must be; written when this call creates it, checked when it opens it.
     * @param openSpec    what {@link #OPEN} checks instead (such as an array of any length); usually {@code spec}.
     * @param initializer writes the body of a new object; not called when the object exists.
     * @return the mapped region.
     */
    public MappedRegion region(final Namespace namespace, final String name, final RegionSpec spec,
        final RegionSpec openSpec, final BodyInitializer initializer)
    {
        return switch (this)
        {
            case CREATE -> namespace.create(name, spec, initializer);
            case OPEN -> namespace.open(name, openSpec);
            case CREATE_OR_OPEN -> namespace.createOrOpen(name, spec, initializer);
        };
    }
}
