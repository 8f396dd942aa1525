package io.mproc.journal;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * The two layouts a journal owns besides Chronicle's own cycle files: the marker file that says a directory is a
 * journal, and the header mproc writes at the start of every message. Little-endian.
 * <p>
 * Marker file {@value #MARKER_FILE_NAME} in the journal directory, written once to a temporary file and published
 * by an atomic link (a directory that holds it is a whole journal; one without it and with other files is not):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Magic "MPJOURN1"                       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Layout Version (major * 100 + minor)         |
 *  +---------------------------------------------------------------+
 *  |                     Reserved (zero)                           |
 *  +---------------------------------------------------------------+
 * </pre>
 * Message, one Chronicle document each (Chronicle adds its own 4-byte length header before it):
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                  Type Id (the codec's typeId)                 |
 *  +---------------------------------------------------------------+
 *  |                  Append Time (epoch ms)                       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Body (the codec's bytes) ...                 |
 *  +---------------------------------------------------------------+
 * </pre>
 * The append time is what {@link Journal#readerFromTime} seeks by. Consumer groups have a layout of their own,
 * {@link GroupDescriptor}.
 */
public final class JournalDescriptor
{
    /** The marker file's name inside the journal directory. */
    public static final String MARKER_FILE_NAME = "mproc-journal.marker";
    /** "MPJOURN1" as little-endian ASCII. */
    public static final long MAGIC = 0x314E_5255_4F4A_504DL;
    /** Version 1.0: bump on any change of the marker, the message header or {@link GroupDescriptor}. */
    public static final int LAYOUT_VERSION = 100;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_LONG;
    public static final int RESERVED_OFFSET = VERSION_OFFSET + SIZE_OF_INT;
    public static final int MARKER_LENGTH = RESERVED_OFFSET + SIZE_OF_INT;

    public static final int TYPE_ID_OFFSET = 0;
    public static final int APPEND_TIME_OFFSET = TYPE_ID_OFFSET + SIZE_OF_INT;
    public static final int MESSAGE_HEADER_LENGTH = APPEND_TIME_OFFSET + SIZE_OF_LONG;

    private JournalDescriptor()
    {
    }

    /**
     * @param version a layout version as stored.
     * @return it as text, {@code 1.0}.
     */
    public static String versionText(final int version)
    {
        return (version / 100) + "." + (version % 100);
    }
}
