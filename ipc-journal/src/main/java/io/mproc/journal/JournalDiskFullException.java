package io.mproc.journal;

import java.nio.file.Path;

/**
 * The file system of the journal has less usable space than the journal keeps free. Chronicle writes through
 * memory-mapped sparse files, and a write to a mapped page the disk cannot back kills the JVM (SIGBUS) instead of
 * throwing; so the journal refuses to append before that. Nothing already appended is touched.
 */
public class JournalDiskFullException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param directory    the journal.
     * @param usableBytes  free space found.
     * @param minFreeBytes space the journal keeps free.
     */
    public JournalDiskFullException(final Path directory, final long usableBytes, final long minFreeBytes)
    {
        super("disk full for journal " + directory + ": usableBytes=" + usableBytes + " < minFreeBytes=" +
            minFreeBytes + "; free space on that file system, delete acknowledged history " +
            "(Journal.deleteAcknowledged()), or lower JournalBuilder.minFreeBytes");
    }
}
