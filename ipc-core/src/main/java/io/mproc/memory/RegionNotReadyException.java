package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when a file exists under a name but its creator never marked it ready (layout version still 0) within the open timeout: the creator probably died while initialising it.
 */
public class RegionNotReadyException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     */
    public RegionNotReadyException(final Path path, final String message)
    {
        super(path, message);
    }

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     * @param cause   the underlying failure.
     */
    public RegionNotReadyException(final Path path, final String message, final Throwable cause)
    {
        super(path, message, cause);
    }
}
