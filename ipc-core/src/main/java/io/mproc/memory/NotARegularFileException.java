package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when the name of a shared object is held by something other than a regular file: a symbolic link
 * (dangling or not), a folder, a pipe, a device. mproc never follows a link or opens a special file in a namespace,
 * so that no name can lead outside its namespace; it never removes one either. Remove it (for example with
 * {@link Namespace#unlink(String)}) if it is not needed.
 */
public class NotARegularFileException extends ForeignFileException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param path    of the offending entry.
     * @param message what is wrong, with the values involved and what to do.
     */
    public NotARegularFileException(final Path path, final String message)
    {
        super(path, message);
    }
}
