package io.mproc.memory;

import org.agrona.BitUtil;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.file.Path;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Header at offset 0 of every shared object file; the kind's body follows at {@link #HEADER_LENGTH}.
 * Native byte order (a file from a machine of the other order fails the magic check). Two cache lines long so
 * that the body starts on its own cache line pair.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic "MPROCRGN"                          |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      Header Layout Version (SemanticVersion), 0 = not ready   |  8  written last, with release
 *  +---------------------------------------------------------------+
 *  |                         Kind code                             | 12  RegionKind
 *  +---------------------------------------------------------------+
 *  |                 Kind Layout Version (of the body)             | 16
 *  +---------------------------------------------------------------+
 *  |                     Element Type code                         | 20  ElementType
 *  +---------------------------------------------------------------+
 *  |                 Length (element count or capacity)            | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Body Length (bytes after the header)          | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Creator PID                            | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        Creator Start Time (ProcessIdentity, clock ticks)      | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Created At (epoch ms)                       | 56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Reserved, zero (64 bytes)                    | 64
 *  ...                                                           ...
 *  +---------------------------------------------------------------+
 *  |                          Body ...                             | 128
 * </pre>
 * A file becomes visible under its name only once complete (see {@link Namespace}), so the version word is a
 * second line of defence: a reader that sees 0 knows the file was never finished.
 */
public final class RegionDescriptor
{
    /** "MPROCRGN" as little-endian ASCII. */
    public static final long MAGIC = 0x4E47_5243_4F52_504DL;
    /** Version of this header layout. Bump the major for any change a reader of the old one would misread. */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(1, 0, 0);

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_LONG;
    public static final int KIND_OFFSET = LAYOUT_VERSION_OFFSET + SIZE_OF_INT;
    public static final int KIND_VERSION_OFFSET = KIND_OFFSET + SIZE_OF_INT;
    public static final int ELEMENT_TYPE_OFFSET = KIND_VERSION_OFFSET + SIZE_OF_INT;
    public static final int LENGTH_OFFSET = ELEMENT_TYPE_OFFSET + SIZE_OF_INT;
    public static final int BODY_LENGTH_OFFSET = LENGTH_OFFSET + SIZE_OF_LONG;
    public static final int CREATOR_PID_OFFSET = BODY_LENGTH_OFFSET + SIZE_OF_LONG;
    public static final int CREATOR_START_TIME_OFFSET = CREATOR_PID_OFFSET + SIZE_OF_LONG;
    public static final int CREATED_AT_MS_OFFSET = CREATOR_START_TIME_OFFSET + SIZE_OF_LONG;
    public static final int RESERVED_OFFSET = CREATED_AT_MS_OFFSET + SIZE_OF_LONG;
    /** Length of the header; the body starts here, cache-line aligned. */
    public static final int HEADER_LENGTH = BitUtil.align(RESERVED_OFFSET, CACHE_LINE_LENGTH * 2);

    private RegionDescriptor()
    {
    }

    /**
     * Writes every header field but the version. The caller initialises the body, then calls
     * {@link #signalReady(AtomicBuffer)}.
     *
     * @param buffer           over the whole file.
     * @param spec             of the object.
     * @param creatorPid       pid of the creating process.
     * @param creatorStartTime start time of the creating process.
     * @param createdAtMs      wall-clock time of creation.
     */
    public static void fillHeader(
        final AtomicBuffer buffer,
        final RegionSpec spec,
        final long creatorPid,
        final long creatorStartTime,
        final long createdAtMs)
    {
        buffer.putLong(MAGIC_OFFSET, MAGIC);
        buffer.putInt(KIND_OFFSET, spec.kind().code());
        buffer.putInt(KIND_VERSION_OFFSET, spec.kindVersion());
        buffer.putInt(ELEMENT_TYPE_OFFSET, spec.elementType().code());
        buffer.putLong(LENGTH_OFFSET, spec.length());
        buffer.putLong(BODY_LENGTH_OFFSET, spec.bodyLength());
        buffer.putLong(CREATOR_PID_OFFSET, creatorPid);
        buffer.putLong(CREATOR_START_TIME_OFFSET, creatorStartTime);
        buffer.putLong(CREATED_AT_MS_OFFSET, createdAtMs);
    }

    /**
     * Publishes the header and body written before it: the release store pairs with the acquire load in
     * {@link #layoutVersionAcquire(AtomicBuffer)}.
     *
     * @param buffer over the whole file.
     */
    public static void signalReady(final AtomicBuffer buffer)
    {
        buffer.putIntRelease(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
    }

    /**
     * @param buffer over the whole file.
     * @return the layout version, 0 while the file is not ready.
     */
    public static int layoutVersionAcquire(final AtomicBuffer buffer)
    {
        return buffer.getIntAcquire(LAYOUT_VERSION_OFFSET);
    }

    /**
     * Checks that a file can hold a header at all and carries our magic number, before any other field is trusted.
     *
     * @param path       of the file, for the message.
     * @param fileLength of the file.
     * @param buffer     over the file; only read when the file is long enough.
     */
    public static void checkMagic(final Path path, final long fileLength, final AtomicBuffer buffer)
    {
        if (fileLength < HEADER_LENGTH)
        {
            throw new TruncatedRegionException(path,
                "file shorter than the region header: fileLength=" + fileLength + ", headerLength=" + HEADER_LENGTH);
        }
        final long magic = buffer.getLong(MAGIC_OFFSET);
        if (MAGIC != magic)
        {
            throw new ForeignFileException(path, "not an mproc shared object, magic mismatch: expected=0x" +
                Long.toHexString(MAGIC) + ", actual=0x" + Long.toHexString(magic));
        }
    }

    /**
     * Checks every header field of a ready file against what the caller expects.
     *
     * @param path       of the file, for the messages.
     * @param fileLength of the file.
     * @param buffer     over the whole file.
     * @param spec       what the caller expects.
     */
    public static void checkHeader(final Path path, final long fileLength, final AtomicBuffer buffer, final RegionSpec spec)
    {
        final int version = layoutVersionAcquire(buffer);
        if (LAYOUT_VERSION != version)
        {
            throw new LayoutVersionMismatchException(path,
                "header " + SemanticVersion.toString(LAYOUT_VERSION), "header " + SemanticVersion.toString(version));
        }
        final int kind = buffer.getInt(KIND_OFFSET);
        if (spec.kind().code() != kind)
        {
            throw new KindMismatchException(path, spec.kind(), RegionKind.describe(kind));
        }
        final int kindVersion = buffer.getInt(KIND_VERSION_OFFSET);
        if (spec.kindVersion() != kindVersion)
        {
            throw new LayoutVersionMismatchException(path,
                spec.kind() + " " + SemanticVersion.toString(spec.kindVersion()),
                spec.kind() + " " + SemanticVersion.toString(kindVersion));
        }
        final int elementType = buffer.getInt(ELEMENT_TYPE_OFFSET);
        if (spec.elementType().code() != elementType)
        {
            throw new ElementTypeMismatchException(path, spec.elementType(), ElementType.describe(elementType));
        }
        final long length = buffer.getLong(LENGTH_OFFSET);
        if (RegionSpec.ANY_LENGTH != spec.length() && spec.length() != length)
        {
            throw new LengthMismatchException(path, spec.length(), length);
        }
        final long bodyLength = buffer.getLong(BODY_LENGTH_OFFSET);
        if (bodyLength < 0 || fileLength < HEADER_LENGTH + bodyLength)
        {
            throw new TruncatedRegionException(path, "file shorter than its header records: fileLength=" +
                fileLength + ", expectedLength=" + (HEADER_LENGTH + bodyLength));
        }
    }
}
