package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when a shared object is opened by a name that does not exist in the namespace.
 */
public class RegionNotFoundException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     */
    public RegionNotFoundException(final Path path, final String message)
    {
        super(path, message);
    }

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     * @param cause   the underlying failure.
     */
    public RegionNotFoundException(final Path path, final String message, final Throwable cause)
    {
        super(path, message, cause);
    }
}
