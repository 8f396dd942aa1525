package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when a shared object is created exclusively under a name that already exists.
 */
public class RegionExistsException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     */
    public RegionExistsException(final Path path, final String message)
    {
        super(path, message);
    }

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     * @param cause   the underlying failure.
     */
    public RegionExistsException(final Path path, final String message, final Throwable cause)
    {
        super(path, message, cause);
    }
}
