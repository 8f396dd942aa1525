package io.mproc.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The identity of a file as the kernel knows it: device and inode. A mapping in {@code /proc/<pid>/maps} names the
 * path the file had when it was mapped, which for an mproc object is its private staging name (published later by a
 * hard link, then deleted), so mappings are matched to files by this identity, never by path.
 *
 * @param major device major number.
 * @param minor device minor number.
 * @param inode inode number.
 */
record FileId(long major, long minor, long inode)
{
    /**
     * @param path of a file; links are not followed.
     * @return its identity, or null where the file system has no unix attributes or the file is gone.
     */
    static FileId of(final Path path)
    {
        try
        {
            final long dev = (Long)Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            final long inode = (Long)Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            return new FileId(major(dev), minor(dev), inode);
        }
        catch (final IOException | UnsupportedOperationException | IllegalArgumentException ex)
        {
            return null;
        }
    }

    /** glibc's gnu_dev_major: the major number is split across bits 8-19 and 32-43 of a dev_t. */
    private static long major(final long dev)
    {
        return ((dev >>> 8) & 0xFFFL) | ((dev >>> 32) & ~0xFFFL);
    }

    /** glibc's gnu_dev_minor: the minor number is split across bits 0-7 and 12-31 of a dev_t. */
    private static long minor(final long dev)
    {
        return (dev & 0xFFL) | ((dev >>> 12) & ~0xFFL);
    }
}
