package io.mproc.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * For inspectors of files that live outside mproc's namespaces (a journal's directory): which live processes map
 * any of some files, from {@code /proc/<pid>/maps} as {@link Inspector} reads it for shared objects.
 */
public final class FileMappers
{
    private FileMappers()
    {
    }

    /**
     * @param files of interest (ones that vanished are skipped).
     * @return the pids of the live processes that map at least one of them, ascending; empty where {@code /proc}
     * cannot be read.
     */
    public static List<Long> mappersOfAny(final Collection<Path> files)
    {
        final List<FileId> ids = new ArrayList<>();
        for (final Path file : files)
        {
            final FileId id = FileId.of(file);
            if (null != id)
            {
                ids.add(id);
            }
        }
        final ProcMaps maps = ProcMaps.scan(ids);
        final TreeSet<Long> pids = new TreeSet<>();
        for (final FileId id : ids)
        {
            pids.addAll(maps.mappersOf(id));
        }
        return List.copyOf(pids);
    }

    /**
     * @return whether this machine lets the inspector see mappings (Linux {@code /proc}).
     */
    public static boolean available()
    {
        return ProcMaps.available();
    }
}
