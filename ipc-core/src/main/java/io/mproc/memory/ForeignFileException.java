package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when a file in a namespace was not written by mproc: it does not start with the mproc magic number (or was
 * written on a machine of another byte order), or, as {@link NotARegularFileException}, it is not a regular file at
 * all. Such a file is never trusted, followed or overwritten.
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
