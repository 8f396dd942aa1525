package io.mproc.journal;

import java.nio.file.Path;

/**
 * The directory given to {@link Journal} holds files but no journal marker: it is not a journal (or one whose
 * marker was deleted), and mproc will not write Chronicle files among someone else's.
 */
public class NotAJournalException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param directory the directory.
     * @param reason    what was found there.
     */
    public NotAJournalException(final Path directory, final String reason)
    {
        super("not a journal: " + directory + " (" + reason + "); give an empty or new directory, or the " +
            "directory of an existing journal (it holds " + JournalDescriptor.MARKER_FILE_NAME + ")");
    }
}
