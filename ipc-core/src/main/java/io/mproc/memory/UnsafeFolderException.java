package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when the root folder or a namespace folder cannot be trusted to be private to this user: it is not a
 * plain folder (a file, or a symbolic link that could lead anywhere), it belongs to another user, or it is a shared
 * folder with the sticky bit (such as {@code /tmp}). mproc never changes such a folder; the message says what to do.
 */
public class UnsafeFolderException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path    of the folder.
     * @param message what is wrong, with the values involved and what to do.
     */
    public UnsafeFolderException(final Path path, final String message)
    {
        super(message + ": " + path);
        this.path = path;
    }

    /**
     * @return the folder this is about.
     */
    public Path path()
    {
        return path;
    }
}
