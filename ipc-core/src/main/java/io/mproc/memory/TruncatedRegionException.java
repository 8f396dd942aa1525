package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when a shared object file is shorter than its header or than the lengths its header records.
 */
public class TruncatedRegionException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     */
    public TruncatedRegionException(final Path path, final String message)
    {
        super(path, message);
    }

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     * @param cause   the underlying failure.
     */
    public TruncatedRegionException(final Path path, final String message, final Throwable cause)
    {
        super(path, message, cause);
    }
}
