package io.mproc.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The journal directory: creating it with its marker, and recognising an existing journal (layout in
 * {@link JournalDescriptor}). The marker is written whole to a temporary file and then linked to its final name,
 * which fails if another process got there first: a marker is never seen half-written.
 */
final class JournalFiles
{
    /** Sub-directory holding one claim table per consumer group. */
    static final String GROUPS_DIRECTORY = "groups";
    /** Sub-directory holding one empty file per named subscriber, so that history deletion knows them all. */
    static final String SUBSCRIBERS_DIRECTORY = "subscribers";

    private JournalFiles()
    {
    }

    /**
     * Creates the journal in {@code directory} or checks the one there.
     */
    static void createOrValidate(final Path directory)
    {
        try
        {
            if (Files.exists(directory) && !Files.isDirectory(directory))
            {
                throw new NotAJournalException(directory, "it is a file, not a directory");
            }
            Files.createDirectories(directory);
            final Path marker = directory.resolve(JournalDescriptor.MARKER_FILE_NAME);
            if (!Files.exists(marker))
            {
                refuseForeignFiles(directory);
                publishMarker(directory, marker);
            }
            validate(marker);
            Files.createDirectories(directory.resolve(GROUPS_DIRECTORY));
            Files.createDirectories(directory.resolve(SUBSCRIBERS_DIRECTORY));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal " + directory + ": " + ex.getMessage(), ex);
        }
    }

    private static void refuseForeignFiles(final Path directory) throws IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            final Path foreign = entries
                .filter((entry) -> !entry.getFileName().toString().startsWith(JournalDescriptor.MARKER_FILE_NAME))
                .findFirst().orElse(null);
            if (null != foreign)
            {
                throw new NotAJournalException(directory, "no " + JournalDescriptor.MARKER_FILE_NAME +
                    " but other files, such as " + foreign.getFileName());
            }
        }
    }

    private static void publishMarker(final Path directory, final Path marker) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(JournalDescriptor.MARKER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(JournalDescriptor.MAGIC_OFFSET, JournalDescriptor.MAGIC);
        bytes.putInt(JournalDescriptor.VERSION_OFFSET, JournalDescriptor.LAYOUT_VERSION);
        final Path temporary = directory.resolve(JournalDescriptor.MARKER_FILE_NAME + ".tmp-" +
            ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        Files.write(temporary, bytes.array());
        try
        {
            Files.createLink(marker, temporary);
        }
        catch (final FileAlreadyExistsException ex)
        {
            // another process published its marker first: validate that one
        }
        finally
        {
            Files.deleteIfExists(temporary);
        }
    }

    private static void validate(final Path marker) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(marker);
        if (bytes.length < JournalDescriptor.MARKER_LENGTH)
        {
            throw new NotAJournalException(marker.getParent(), marker.getFileName() + " is " + bytes.length +
                " bytes long, expected " + JournalDescriptor.MARKER_LENGTH);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final long magic = buffer.getLong(JournalDescriptor.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (JournalDescriptor.MAGIC != magic)
        {
            throw new NotAJournalException(marker.getParent(), marker.getFileName() + " has magic 0x" +
                Long.toHexString(magic) + ", expected 0x" + Long.toHexString(JournalDescriptor.MAGIC));
        }
        final int version = buffer.getInt(JournalDescriptor.VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (version / 100 != JournalDescriptor.LAYOUT_VERSION / 100 || version > JournalDescriptor.LAYOUT_VERSION)
        {
            throw new JournalVersionMismatchException(marker, version);
        }
    }
}
