package io.mproc.memory;

import io.mproc.internal.ProcessIdentity;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files behind shared objects, one per object in its namespace folder: mapping an existing one once it passes
 * every check, building and publishing a new one without races, and sweeping the temporary files of creators that
 * died. {@link Namespace} describes the protocol; this class carries it out. Cold paths only.
 */
final class RegionFiles
{
    private static final Logger LOGGER = LoggerFactory.getLogger(RegionFiles.class);
    private static final String TEMP_FILE_PREFIX = ".tmp.";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final int ZERO_CHUNK_LENGTH = 64 * 1024;
    private static final AtomicLong TEMP_SEQUENCE = new AtomicLong();

    private RegionFiles()
    {
    }

    /**
     * Maps an existing shared object file after checking its header against the spec, waiting up to the timeout
     * for a file whose layout version is still 0.
     *
     * @return the mapping of the whole file, or null if there is no such file.
     */
    static MappedByteBuffer mapExisting(final Path path, final RegionSpec spec, final long openTimeoutNs)
    {
        final long deadlineNs = System.nanoTime() + openTimeoutNs;
        while (true)
        {
            if (!checkRegularFileOrAbsent(path))
            {
                return null;
            }
            final MappedByteBuffer mapped;
            final long fileLength;
            // NOFOLLOW_LINKS: a link swapped in after the check above fails here (ELOOP) rather than being followed.
            try (FileChannel channel = FileChannel.open(
                path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))
            {
                fileLength = channel.size();
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength);
            }
            catch (final NoSuchFileException ex)
            {
                return null;
            }
            catch (final IOException ex)
            {
                checkRegularFileOrAbsent(path);
                throw new SharedObjectException(path, "cannot map shared object: " + ex, ex);
            }

            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            try
            {
                RegionDescriptor.checkMagic(path, fileLength, buffer);
                if (0 == RegionDescriptor.layoutVersionAcquire(buffer))
                {
                    // Our own files are published complete, so this is a file written by other means, or torn.
                    if (System.nanoTime() - deadlineNs >= 0)
                    {
                        throw new RegionNotReadyException(path, "shared object never became ready: waited " +
                            TimeUnit.NANOSECONDS.toMillis(openTimeoutNs) + " ms for its layout version");
                    }
                    IoUtil.unmap(mapped);
                    sleepBriefly();
                    continue;
                }
                RegionDescriptor.checkHeader(path, fileLength, buffer, spec);
            }
            catch (final RuntimeException ex)
            {
                IoUtil.unmap(mapped);
                throw ex;
            }
            return mapped;
        }
    }

    /**
     * Builds a new shared object file in a private temporary file (space reserved, header and body written, layout
     * version last), then publishes it under its name with a hard link, which fails if the name exists.
     *
     * @return the mapping of the whole published file, or null if the name was taken by the time it was ready.
     */
    static MappedByteBuffer createAndPublish(final Path directory, final String name, final Path path,
        final RegionSpec spec, final BodyInitializer initializer)
    {
        sweepDeadCreatorsTempFiles(directory);
        final long fileLength = spec.fileLength();
        final Path tempPath = directory.resolve(TEMP_FILE_PREFIX + name + "." + ProcessIdentity.currentPid() + "." +
            ProcessIdentity.currentStartTime() + "." + TEMP_SEQUENCE.incrementAndGet());
        MappedByteBuffer mapped = null;
        boolean published = false;
        try
        {
            try (FileChannel channel = FileChannel.open(
                tempPath, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
                OWNER_ONLY_FILE))
            {
                reserveSpace(path, channel, fileLength);
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength);
            }
            catch (final IOException ex)
            {
                throw new SharedObjectException(path, "cannot create shared object: " + ex, ex);
            }

            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            RegionDescriptor.fillHeader(buffer, spec, ProcessIdentity.currentPid(), ProcessIdentity.currentStartTime(),
                System.currentTimeMillis());
            initializer.initialise(buffer, RegionDescriptor.HEADER_LENGTH, spec.bodyLength());
            RegionDescriptor.signalReady(buffer);

            try
            {
                Files.createLink(path, tempPath);
                published = true;
            }
            catch (final FileAlreadyExistsException ex)
            {
                return null;
            }
            catch (final IOException ex)
            {
                throw new SharedObjectException(path, "cannot publish shared object: " + ex, ex);
            }
            return mapped;
        }
        finally
        {
            if (!published && null != mapped)
            {
                IoUtil.unmap(mapped);
            }
            deleteQuietly(tempPath);
        }
    }

    /**
     * Makes the file system allocate every page now, by writing zeros, so that a full tmpfs fails here with an
     * exception rather than later with a SIGBUS on a mapped write (a sparse {@code setLength} reserves nothing).
     */
    private static void reserveSpace(final Path path, final FileChannel channel, final long fileLength)
        throws IOException
    {
        final long usableSpace = Files.getFileStore(path.getParent()).getUsableSpace();
        if (usableSpace < fileLength)
        {
            throw new InsufficientSpaceException(path, "not enough space for shared object: requiredBytes=" +
                fileLength + ", usableBytes=" + usableSpace);
        }

        final ByteBuffer zeros = ByteBuffer.allocateDirect((int)Math.min(ZERO_CHUNK_LENGTH, fileLength));
        long position = 0;
        try
        {
            while (position < fileLength)
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), fileLength - position));
                position += channel.write(zeros, position);
            }
        }
        catch (final ClosedByInterruptException ex)
        {
            // The channel was closed by Thread.interrupt(), not by a full file system; the interrupt flag stays set.
            throw new SharedObjectException(path, "interrupted while reserving space for shared object: " +
                "requiredBytes=" + fileLength + ", reservedBytes=" + position, ex);
        }
        catch (final IOException ex)
        {
            throw new InsufficientSpaceException(path, "cannot reserve space for shared object: requiredBytes=" +
                fileLength + ", reservedBytes=" + position + ", cause=" + ex.getMessage(), ex);
        }
        finally
        {
            IoUtil.unmap(zeros);
        }
    }

    /**
     * Applies the rule that a name held by anything but a regular file is never followed or opened.
     *
     * @return true when a regular file holds the name, false when nothing does.
     * @throws NotARegularFileException when a symbolic link, folder or special file holds it.
     */
    static boolean checkRegularFileOrAbsent(final Path path)
    {
        final BasicFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final NoSuchFileException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            throw new SharedObjectException(path, "cannot read the attributes of shared object: " + ex, ex);
        }
        if (attributes.isRegularFile())
        {
            return true;
        }
        final String kind = attributes.isSymbolicLink() ? "a symbolic link" :
            attributes.isDirectory() ? "a folder" : "a special file";
        throw new NotARegularFileException(path, "not a regular file but " + kind + " where a shared object " +
            "should be; mproc never follows links or opens special files in a namespace: remove it " +
            "(Namespace.unlink) to use the name");
    }

    /**
     * Deletes the temporary files (.tmp.NAME.PID.START_TIME.SEQUENCE) of creators no longer running.
     */
    static void sweepDeadCreatorsTempFiles(final Path directory)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, TEMP_FILE_PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                // .tmp.<name>.<pid>.<startTime>.<sequence>: the name may hold dots, so parse from the end.
                final String[] parts = entry.getFileName().toString().split("\\.");
                if (parts.length >= 6 && !NamespaceFolders.isAlive(parts[parts.length - 3], parts[parts.length - 2]))
                {
                    LOGGER.debug("removing temporary file of a dead creator: {}", entry);
                    deleteQuietly(entry);
                }
            }
        }
        catch (final IOException ex)
        {
            LOGGER.debug("cannot sweep temporary files in {}", directory, ex);
        }
    }

    private static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            LOGGER.debug("cannot delete {}", path, ex);
        }
    }

    private static void sleepBriefly()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shared object to become ready", ex);
        }
    }
}
