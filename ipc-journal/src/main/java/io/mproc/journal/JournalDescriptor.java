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
 * Message, one Chronicle document each (Chronicle adds its own 4-byte length header before it), in one of two
 * forms told apart by the low 5 bits of the first int. Short form, 4 bytes, for a type id from 1 to
 * {@value #MAX_SHORT_TYPE_ID} (every type of {@link io.mproc.queue.ObjectCodec} and {@link BufferCodec}) appended
 * less than 2^27 ms (37 hours) after the start of its Chronicle cycle (every roll cycle a journal accepts is a day
 * or shorter); the cycle is known from the message's index, so the append time stays exact to the millisecond:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------+-----------------------------------------------------+
 *  | Type Id |     Append Time: ms since the start of the cycle     |
 *  +---------+-----------------------------------------------------+
 *  |                  Body (the codec's bytes) ...                 |
 *  +---------------------------------------------------------------+
 * </pre>
 * Long form, 16 bytes, for any other type id or time:
 * <pre>
 *  +---------+-----------------------------------------------------+
 *  |    0    |                       0                             |
 *  +---------+-----------------------------------------------------+
 *  |                  Type Id (the codec's typeId)                 |
 *  +---------------------------------------------------------------+
 *  |                  Append Time (epoch ms)                       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Body (the codec's bytes) ...                 |
 *  +---------------------------------------------------------------+
 * </pre>
 * The header was 12 bytes in layout 1.0 (type id, append time); on this machine's disk appends cost in proportion
 * to the bytes written (page faults), so the common case keeps 4 (layout 2.0, an 8-byte header, was measured and
 * reverted). The append time is what {@link Journal#readerFromTime} seeks by. Consumer groups have a layout of
 * their own, {@link GroupDescriptor}.
 */
public final class JournalDescriptor
{
    /** The marker file's name inside the journal directory. */
    public static final String MARKER_FILE_NAME = "mproc-journal.marker";
    /** "MPJOURN1" as little-endian ASCII. */
    public static final long MAGIC = 0x314E_5255_4F4A_504DL;
    /**
     * Version 3.0 (the short message header; 2.0 was an 8-byte header, reverted): bump on any change of the marker,
     * the message header or {@link GroupDescriptor}.
     */
    public static final int LAYOUT_VERSION = 300;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_LONG;
    public static final int RESERVED_OFFSET = VERSION_OFFSET + SIZE_OF_INT;
    public static final int MARKER_LENGTH = RESERVED_OFFSET + SIZE_OF_INT;

    /** Bits of the short form's first int that hold the type id (the low ones); zero means the long form. */
    public static final int TYPE_ID_BITS = 5;
    public static final int MAX_SHORT_TYPE_ID = (1 << TYPE_ID_BITS) - 1;
    public static final long MAX_SHORT_TIME_IN_CYCLE_MS = (1L << (Integer.SIZE - TYPE_ID_BITS)) - 1;
    public static final int SHORT_HEADER_LENGTH = SIZE_OF_INT;
    public static final int LONG_TYPE_ID_OFFSET = SIZE_OF_INT;
    public static final int LONG_APPEND_TIME_OFFSET = LONG_TYPE_ID_OFFSET + SIZE_OF_INT;
    public static final int LONG_HEADER_LENGTH = LONG_APPEND_TIME_OFFSET + SIZE_OF_LONG;

    private JournalDescriptor()
    {
    }

    /**
     * @param typeId        of a message.
     * @param timeInCycleMs its append time minus the start of its Chronicle cycle.
     * @return the short form's first int, or 0 when the message needs the long form.
     */
    public static int shortHeader(final int typeId, final long timeInCycleMs)
    {
        if (typeId < 1 || typeId > MAX_SHORT_TYPE_ID || timeInCycleMs < 0 || timeInCycleMs > MAX_SHORT_TIME_IN_CYCLE_MS)
        {
            return 0;
        }
        return typeId | ((int)timeInCycleMs << TYPE_ID_BITS);
    }

    /**
     * @param firstInt a message's first int.
     * @return the length of its header.
     */
    public static int headerLength(final int firstInt)
    {
        return 0 != firstInt ? SHORT_HEADER_LENGTH : LONG_HEADER_LENGTH;
    }

    /**
     * @param shortHeader a non-zero first int.
     * @return the type id it holds.
     */
    public static int shortTypeId(final int shortHeader)
    {
        return shortHeader & MAX_SHORT_TYPE_ID;
    }

    /**
     * @param shortHeader a non-zero first int.
     * @return the append time it holds, ms since the start of the message's cycle.
     */
    public static long shortTimeInCycleMs(final int shortHeader)
    {
        return shortHeader >>> TYPE_ID_BITS;
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
