package io.mproc.memory;

import java.nio.file.Path;

/**
 * Base of the errors about one shared object file: each subclass names the rule broken, and the message names
 * the file and the offending values.
 */
public class SharedObjectException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     */
    public SharedObjectException(final Path path, final String message)
    {
        super(message + ": " + path);
        this.path = path;
    }

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     * @param cause   the underlying failure.
     */
    public SharedObjectException(final Path path, final String message, final Throwable cause)
    {
        super(message + ": " + path, cause);
        this.path = path;
    }

    /**
     * @return the shared object file this is about.
     */
    public Path path()
    {
        return path;
    }
}
