package io.mproc.journal;

import java.nio.file.Path;

/**
 * The journal on disk was written with another layout version than this library reads.
 */
public class JournalVersionMismatchException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final int fileVersion;

    /**
     * @param marker      the marker file.
     * @param fileVersion the version it holds.
     */
    public JournalVersionMismatchException(final Path marker, final int fileVersion)
    {
        super("journal layout version not compatible: library=" +
            JournalDescriptor.versionText(JournalDescriptor.LAYOUT_VERSION) + " file=" +
            JournalDescriptor.versionText(fileVersion) + " (" + marker + "); open it with the mproc version " +
            "that wrote it, or use a new directory");
        this.fileVersion = fileVersion;
    }

    /**
     * @return the version found in the file.
     */
    public int fileVersion()
    {
        return fileVersion;
    }
}
