package io.mproc.inspect;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which live processes map which files, read from every readable {@code /proc/<pid>/maps} (Linux only). A snapshot:
 * a process may map or unmap a file a moment later. Processes of other users are not readable and so not seen;
 * mproc's folders are private to their owner, so only the owner's processes (and root's) can map its files.
 * <p>
 * A line of {@code maps} is {@code address perms offset major:minor inode path}; files are matched by device and
 * inode ({@link FileId}), so a mapping made under a staging name, or of a file since unlinked, still counts.
 */
final class ProcMaps
{
    private static final Path PROC = Paths.get("/proc");

    private final Map<FileId, Set<Long>> mappersByFile;

    private ProcMaps(final Map<FileId, Set<Long>> mappersByFile)
    {
        this.mappersByFile = mappersByFile;
    }

    /**
     * @return true when this machine has {@code /proc/<pid>/maps} to read (Linux).
     */
    static boolean available()
    {
        return Files.isReadable(PROC.resolve("self/maps"));
    }

    /**
     * Reads the mappings of every process, keeping only those of the given files.
     *
     * @param files of interest.
     * @return the snapshot; empty where {@code /proc} is not {@link #available()}.
     */
    static ProcMaps scan(final Collection<FileId> files)
    {
        final Map<FileId, Set<Long>> mappers = new HashMap<>();
        final Set<FileId> wanted = new HashSet<>(files);
        wanted.remove(null);
        if (wanted.isEmpty() || !available())
        {
            return new ProcMaps(mappers);
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*"))
        {
            for (final Path process : processes)
            {
                final long pid = Long.parseLong(process.getFileName().toString());
                for (final FileId file : mappedFiles(process.resolve("maps"), wanted))
                {
                    mappers.computeIfAbsent(file, (key) -> new TreeSet<>()).add(pid);
                }
            }
        }
        catch (final IOException ignore)
        {
            // /proc vanished under us: report what was read
        }
        return new ProcMaps(mappers);
    }

    /**
     * @param file a file, or null.
     * @return the pids that map it, ascending; empty when none (or for null).
     */
    List<Long> mappersOf(final FileId file)
    {
        final Set<Long> pids = null == file ? null : mappersByFile.get(file);
        return null == pids ? List.of() : List.copyOf(pids);
    }

    private static Set<FileId> mappedFiles(final Path maps, final Set<FileId> wanted)
    {
        final Set<FileId> found = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(maps, StandardCharsets.US_ASCII))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                final FileId file = parse(line);
                if (null != file && wanted.contains(file))
                {
                    found.add(file);
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // the process ended, or is another user's: it maps nothing we can see
        }
        return found;
    }

    /**
     * @param line of {@code /proc/<pid>/maps}: {@code address perms offset major:minor inode [path]}, the first five
     *             separated by single spaces.
     * @return the file it maps, or null for an anonymous mapping or a line that does not parse.
     */
    static FileId parse(final String line)
    {
        final int afterAddress = line.indexOf(' ');
        final int afterPerms = line.indexOf(' ', afterAddress + 1);
        final int afterOffset = line.indexOf(' ', afterPerms + 1);
        final int afterDevice = line.indexOf(' ', afterOffset + 1);
        if (afterAddress < 0 || afterPerms < 0 || afterOffset < 0 || afterDevice < 0)
        {
            return null;
        }
        int afterInode = line.indexOf(' ', afterDevice + 1);
        afterInode = afterInode < 0 ? line.length() : afterInode;
        final long inode = Long.parseLong(line, afterDevice + 1, afterInode, 10);
        final int colon = line.indexOf(':', afterOffset + 1);
        if (0 == inode || colon < 0 || colon > afterDevice)
        {
            return null;
        }
        return new FileId(Long.parseLong(line, afterOffset + 1, colon, 16),
            Long.parseLong(line, colon + 1, afterDevice, 16), inode);
    }
}
