package io.mproc.memory;

import io.mproc.internal.ProcessIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The folders of namespaces on disk: the root folder and each namespace's folder, kept private to their owner, and
 * the temporary namespaces, which are made, recognised and swept here and nowhere else.
 * <p>
 * <b>Private folders.</b> A root or namespace folder is created with mode 0700. One found with permissions for
 * group or others is tightened to 0700, with a warning, because anyone who may write into it could swap the files
 * other processes trust. One that is not a plain folder (a file, a symbolic link), belongs to another user, or is a
 * shared folder with the sticky bit (such as {@code /tmp} or {@code /dev/shm} themselves) is refused with an
 * {@link UnsafeFolderException} and never changed.
 * <p>
 * <b>Temporary namespaces</b> are folders named {@code .tmp-<pid>-<startTime>-<random>} in the root. The leading
 * dot is the mark: {@link Namespace#validateName(String)} refuses it, and {@link Namespace#open(Path)} never creates
 * such a folder, so a user's namespace can never be taken for a temporary one, whatever its name. A temporary
 * namespace whose process is no longer running (same pid and start time) is deleted by the next
 * {@link #createTemporary(Path)} in the same root.
 */
final class NamespaceFolders
{
    /** What the name of every temporary namespace, and of no other, starts with. */
    static final String TEMPORARY_PREFIX = ".tmp-";

    private static final Logger LOGGER = LoggerFactory.getLogger(NamespaceFolders.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
        PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    private static final int STICKY_BIT = 01000;
    private static final int GROUP_AND_OTHER_BITS = 077;

    private NamespaceFolders()
    {
    }

    /**
     * @param fileName last element of a folder's path.
     * @return true when it is the name of a temporary namespace, which only {@link #createTemporary(Path)} makes.
     */
    static boolean isTemporaryName(final String fileName)
    {
        return fileName.startsWith(TEMPORARY_PREFIX);
    }

    /**
     * Creates a new, empty temporary namespace folder in a root, after sweeping away those of dead processes.
     *
     * @param root folder; created (mode 0700) if missing, checked as {@link #ensurePrivate(Path, boolean)} says.
     * @return the new folder.
     */
    static Path createTemporary(final Path root)
    {
        ensurePrivate(root, true);
        sweepDeadTemporaries(root);
        while (true)
        {
            final Path directory = root.resolve(TEMPORARY_PREFIX + ProcessIdentity.currentPid() + "-" +
                ProcessIdentity.currentStartTime() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try
            {
                return Files.createDirectory(directory, OWNER_ONLY_DIRECTORY);
            }
            catch (final FileAlreadyExistsException ignore)
            {
                // astronomically unlikely: pick another name
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot create temporary namespace in " + root, ex);
            }
        }
    }

    /**
     * Makes sure a folder exists and is private to this user: tightens one open to group or others to 0700 (logging
     * a warning), refuses one that is not a plain folder, belongs to another user or has the sticky bit.
     *
     * @param directory to check.
     * @param create    true to create it (mode 0700, with any missing parents) when missing.
     * @throws UnsafeFolderException when the folder cannot be made private; nothing is changed then.
     * @throws UncheckedIOException  when it is missing and may not be created, or cannot be read.
     */
    static void ensurePrivate(final Path directory, final boolean create)
    {
        try
        {
            if (create)
            {
                createIfMissing(directory);
            }
            final PosixFileAttributes attributes =
                Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            checkPlainFolderOfThisUser(directory, attributes);
            final int mode = (int)Files.getAttribute(directory, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (0 != (mode & STICKY_BIT))
            {
                throw new UnsafeFolderException(directory, "folder is shared (sticky bit, mode=" + octal(mode) +
                    ") and is never used as a root or namespace folder: choose a folder of your own, such as a " +
                    "subfolder of it");
            }
            if (0 != (mode & GROUP_AND_OTHER_BITS))
            {
                Files.getFileAttributeView(directory, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(OWNER_ONLY);
                LOGGER.warn("folder {} was open to other users (mode={}): tightened to 0700, since anyone who may " +
                    "write into it could replace the files other processes trust", directory, octal(mode));
            }
        }
        catch (final UnsupportedOperationException ignore)
        {
            // not a POSIX file system: permissions are the platform's business
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot use namespace folder " + directory, ex);
        }
    }

    /**
     * Deletes the temporary namespaces of processes that are no longer running. Anything else in the root, user
     * namespaces included, is never touched.
     */
    static void sweepDeadTemporaries(final Path root)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, TEMPORARY_PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                // .tmp-<pid>-<startTime>-<random>
                final String[] parts = entry.getFileName().toString().substring(TEMPORARY_PREFIX.length()).split("-");
                if (3 == parts.length && !isAlive(parts[0], parts[1]))
                {
                    LOGGER.debug("removing temporary namespace of a dead process: {}", entry);
                    deleteRecursively(entry);
                }
            }
        }
        catch (final IOException ex)
        {
            LOGGER.debug("cannot sweep temporary namespaces in {}", root, ex);
        }
    }

    /**
     * @param pid       as written in a file name.
     * @param startTime as written in a file name.
     * @return false only when both parse and no process of that pid and start time runs.
     */
    static boolean isAlive(final String pid, final String startTime)
    {
        try
        {
            return ProcessIdentity.isAlive(Long.parseLong(pid), Long.parseLong(startTime));
        }
        catch (final NumberFormatException ex)
        {
            return true; // not one of ours: leave it alone
        }
    }

    /**
     * Deletes a folder and everything in it, never following a symbolic link (a link is deleted, not its target).
     */
    static void deleteRecursively(final Path path)
    {
        try
        {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
            {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(path))
                {
                    for (final Path entry : entries)
                    {
                        deleteRecursively(entry);
                    }
                }
            }
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            LOGGER.warn("cannot delete {}", path, ex);
        }
    }

    /**
     * Creates a folder, with mode 0700 and any missing parents, unless something of that name exists.
     */
    static void createIfMissing(final Path directory)
    {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS))
        {
            try
            {
                createPrivate(directory);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot create namespace folder " + directory, ex);
            }
        }
    }

    private static void createPrivate(final Path directory) throws IOException
    {
        try
        {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, OWNER_ONLY_DIRECTORY);
        }
        catch (final FileAlreadyExistsException ignore)
        {
            // another process made it first: checked like any existing folder
        }
    }

    private static void checkPlainFolderOfThisUser(final Path directory, final PosixFileAttributes attributes)
    {
        if (!attributes.isDirectory())
        {
            final String kind = attributes.isSymbolicLink() ? "a symbolic link" :
                attributes.isRegularFile() ? "a regular file" : "a special file";
            throw new UnsafeFolderException(directory, "namespace folder is not a plain folder but " + kind +
                ", which mproc never follows: remove it or choose another path");
        }
        final String user = System.getProperty("user.name");
        final String owner = attributes.owner().getName();
        if (null != user && !user.equals(owner))
        {
            throw new UnsafeFolderException(directory, "namespace folder belongs to another user: owner=" + owner +
                ", user=" + user + "; choose a folder of your own (system property " + Namespace.ROOT_PROPERTY +
                " or environment variable " + Namespace.ROOT_ENV + " for the root)");
        }
    }

    private static String octal(final int mode)
    {
        return Integer.toOctalString(mode & 07777);
    }
}
