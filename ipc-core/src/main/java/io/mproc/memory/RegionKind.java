package io.mproc.memory;

/**
 * What a shared object is, recorded in its header so that a name is never opened as something it is not.
 * The code is what the file stores: never reuse or renumber one. Codes are assigned here for every kind mproc
 * has, so the memory layer knows their names without depending on the layers that implement them.
 */
public enum RegionKind
{
    /** A single scalar ({@code io.mproc.value}). */
    VALUE(1),
    /** A fixed-length array of scalars ({@code io.mproc.value}). */
    ARRAY(2),
    /** A robust mutual-exclusion lock ({@code io.mproc.sync}). */
    LOCK(3),
    /** A reentrant lock ({@code io.mproc.sync}). */
    RLOCK(4),
    /** A counting semaphore ({@code io.mproc.sync}). */
    SEMAPHORE(5),
    /** A condition bound to a lock ({@code io.mproc.sync}). */
    CONDITION(6),
    /** An event flag ({@code io.mproc.sync}). */
    EVENT(7),
    /** A barrier ({@code io.mproc.sync}). */
    BARRIER(8),
    /** A many-to-many message queue ({@code io.mproc.queue}). */
    QUEUE(9),
    /** A two-ended pipe ({@code io.mproc.queue}). */
    PIPE(10),
    /** The control file of a manager server: its state, its process and its clients' reply slots
     * ({@code io.mproc.manager}). */
    MANAGER(11),
    /** A region used by a test or a tool, with a body it defines itself. */
    RAW(100);

    private final int code;

    RegionKind(final int code)
    {
        this.code = code;
    }

    /**
     * @return the code stored in a region header.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code stored in a region header.
     * @return the kind, or null for a code this version does not know.
     */
    public static RegionKind fromCode(final int code)
    {
        for (final RegionKind kind : values())
        {
            if (kind.code == code)
            {
                return kind;
            }
        }
        return null;
    }

    /**
     * Names a stored code for an error message, known or not.
     *
     * @param code stored in a region header.
     * @return the kind's name, or "unknown(code)".
     */
    public static String describe(final int code)
    {
        final RegionKind kind = fromCode(code);
        return null == kind ? "unknown(" + code + ")" : kind.name();
    }
}
