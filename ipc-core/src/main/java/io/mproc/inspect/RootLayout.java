package io.mproc.inspect;

import io.mproc.internal.ProcessIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How namespaces and objects sit on disk, read back by name (the writers are {@code io.mproc.memory.Namespace},
 * {@code NamespaceFolders} and {@code RegionFiles}):
 * <pre>
 *   ROOT/                                    e.g. /dev/shm/mproc-USER
 *     NAMESPACE/                             a named namespace
 *       OBJECT                               one shared object per file
 *       .tmp.OBJECT.PID.STARTTIME.SEQUENCE   a staging file: an object being created
 *     .tmp-PID-STARTTIME-RANDOM/             a temporary namespace, deleted by its creator on close
 * </pre>
 */
final class RootLayout
{
    static final String TEMPORARY_NAMESPACE_PREFIX = ".tmp-";
    static final String STAGING_FILE_PREFIX = ".tmp.";

    private RootLayout()
    {
    }

    /**
     * @param folder to list.
     * @return its entries, sorted by name; empty when it does not exist.
     */
    static List<Path> entries(final Path folder)
    {
        final List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS))
        {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder))
        {
            stream.forEach(entries::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + folder, ex);
        }
        entries.sort(null);
        return entries;
    }

    /**
     * @param root folder.
     * @return the namespace folders in it: named ones and temporary ones, never following a link.
     */
    static List<Path> namespaceFolders(final Path root)
    {
        final List<Path> folders = new ArrayList<>();
        for (final Path entry : entries(root))
        {
            final String name = entry.getFileName().toString();
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) &&
                (!name.startsWith(".") || isTemporaryNamespace(name)))
            {
                folders.add(entry);
            }
        }
        return folders;
    }

    /**
     * @param folder of a namespace.
     * @return the entries naming shared objects (names not starting with a dot), links and special files included.
     */
    static List<Path> objectEntries(final Path folder)
    {
        final List<Path> objects = new ArrayList<>();
        for (final Path entry : entries(folder))
        {
            if (!entry.getFileName().toString().startsWith("."))
            {
                objects.add(entry);
            }
        }
        return objects;
    }

    /**
     * @param folder of a namespace.
     * @return its staging files.
     */
    static List<Path> stagingFiles(final Path folder)
    {
        final List<Path> staging = new ArrayList<>();
        for (final Path entry : entries(folder))
        {
            if (entry.getFileName().toString().startsWith(STAGING_FILE_PREFIX))
            {
                staging.add(entry);
            }
        }
        return staging;
    }

    static boolean isTemporaryNamespace(final String folderName)
    {
        return folderName.startsWith(TEMPORARY_NAMESPACE_PREFIX);
    }

    /**
     * @param folderName {@code .tmp-PID-STARTTIME-RANDOM}.
     * @return the creator's pid, or 0 when the name does not parse.
     */
    static long temporaryCreatorPid(final String folderName)
    {
        final long[] identity = temporaryCreator(folderName);
        return null == identity ? 0 : identity[0];
    }

    /**
     * @param folderName {@code .tmp-PID-STARTTIME-RANDOM}.
     * @return true unless the name parses and no process of that pid and start time runs (as the library's sweep).
     */
    static boolean temporaryCreatorAlive(final String folderName)
    {
        final long[] identity = temporaryCreator(folderName);
        return null == identity || ProcessIdentity.isAlive(identity[0], identity[1]);
    }

    /**
     * @param fileName {@code .tmp.OBJECT.PID.STARTTIME.SEQUENCE}; the object's name may hold dots.
     * @return true unless the name parses and no process of that pid and start time runs.
     */
    static boolean stagingCreatorAlive(final String fileName)
    {
        final String[] parts = fileName.split("\\.");
        try
        {
            return parts.length < 6 || ProcessIdentity.isAlive(
                Long.parseLong(parts[parts.length - 3]), Long.parseLong(parts[parts.length - 2]));
        }
        catch (final NumberFormatException ex)
        {
            return true; // not one of ours: leave it alone
        }
    }

    private static long[] temporaryCreator(final String folderName)
    {
        final String[] parts = folderName.substring(TEMPORARY_NAMESPACE_PREFIX.length()).split("-");
        try
        {
            return 3 == parts.length ? new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])} : null;
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }
}
