package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when a file in a namespace does not start with the mproc magic number: it was not written by mproc (or by a machine of another byte order) and is never trusted or overwritten.
 */
public class ForeignFileException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     */
    public ForeignFileException(final Path path, final String message)
    {
        super(path, message);
    }

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     * @param cause   the underlying failure.
     */
    public ForeignFileException(final Path path, final String message, final Throwable cause)
    {
        super(path, message, cause);
    }
}
