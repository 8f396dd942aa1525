package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown at create time when the file system holding the namespace (usually the tmpfs /dev/shm) cannot reserve the space a new shared object needs. Reserving up front is what keeps a full /dev/shm from surfacing later as a SIGBUS on a mapped write.
 */
public class InsufficientSpaceException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     */
    public InsufficientSpaceException(final Path path, final String message)
    {
        super(path, message);
    }

    /**
     * @param path    of the shared object file.
     * @param message what is wrong, with the values involved.
     * @param cause   the underlying failure.
     */
    public InsufficientSpaceException(final Path path, final String message, final Throwable cause)
    {
        super(path, message, cause);
    }
}
