package io.mproc.inspect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.mproc.inspect.InspectException.Reason.REFUSED;

/**
 * Removes files under a root: one object or namespace on request ({@code rm}), or every orphan ({@code gc}). Never
 * removes what a live process maps (unless forced), never follows a symbolic link (a link is removed, not its target).
 * <p>
 * A race remains that no file-based tool can close: a process may open an orphan by name between the last check and
 * the removal. It keeps its memory but no longer shares it with later openers; so {@code gc} checks the mappers a
 * second time just before removing, which leaves a window of one scan of {@code /proc}.
 */
final class Cleaner
{
    private static final Logger LOGGER = LoggerFactory.getLogger(Cleaner.class);

    private final Path root;

    Cleaner(final Path root)
    {
        this.root = root;
    }

    ActionReport remove(final Path path, final boolean force)
    {
        final List<Path> files = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? RootLayout.entries(path) :
            List.of(path);
        if (!force)
        {
            requireProcMaps("rm");
            final List<String> mapped = mapped(files);
            if (!mapped.isEmpty())
            {
                throw new InspectException(REFUSED, "refusing to remove " + path + ": mapped by live processes: " +
                    String.join("; ", mapped) + ". Stop them first, or use --force (they keep their memory, but " +
                    "nobody finds it by name any more)");
            }
        }
        deleteRecursively(path);
        return new ActionReport("rm", false, "removed " + path, List.of(path.toString()), List.of());
    }

    ActionReport gc(final boolean dryRun)
    {
        requireProcMaps("gc");
        final Map<Path, List<Path>> candidates = new LinkedHashMap<>(); // what to remove -> the files it holds
        final List<String> kept = new ArrayList<>();
        final List<Path> namedFolders = new ArrayList<>();
        for (final Path folder : RootLayout.namespaceFolders(root))
        {
            final String name = folder.getFileName().toString();
            if (!RootLayout.isTemporaryNamespace(name))
            {
                namedFolders.add(folder);
            }
            else if (!RootLayout.temporaryCreatorAlive(name))
            {
                candidates.put(folder, RootLayout.entries(folder));
            }
        }
        findOrphanObjects(namedFolders, candidates, kept);
        final List<String> removed = new ArrayList<>();
        final ProcMaps maps = ProcMaps.scan(fileIds(candidates)); // again: the window for a new mapper stays short
        for (final Map.Entry<Path, List<Path>> candidate : candidates.entrySet())
        {
            final List<String> mappedBy = mappedBy(candidate.getValue(), maps);
            if (!mappedBy.isEmpty())
            {
                kept.add(candidate.getKey() + ": mapped by live processes: " + String.join("; ", mappedBy));
                continue;
            }
            if (!dryRun)
            {
                deleteRecursively(candidate.getKey());
            }
            removed.add(candidate.getKey().toString());
        }
        return new ActionReport("gc", dryRun, (dryRun ? "would remove " : "removed ") + removed.size() +
            " orphan(s), kept " + kept.size() + " file(s) it could not vouch for", removed, kept);
    }

    /**
     * Adds the orphan objects and dead creators' staging files of the named namespaces to the candidates (still to be
     * checked for mappers once more), and lists the files kept: those whose header cannot be trusted, and those of
     * dead creators that live processes still map.
     */
    private static void findOrphanObjects(final List<Path> folders, final Map<Path, List<Path>> candidates,
        final List<String> kept)
    {
        final List<Path> objects = new ArrayList<>();
        folders.forEach((folder) -> objects.addAll(RootLayout.objectEntries(folder)));
        final List<FileId> ids = new ArrayList<>();
        objects.forEach((object) -> ids.add(FileId.of(object)));
        final ProcMaps maps = ProcMaps.scan(ids);
        for (int i = 0; i < objects.size(); i++)
        {
            final ObjectReport report =
                RegionReader.read(objects.get(i).getParent().getFileName().toString(), objects.get(i), false);
            if (null == report || report.creatorAlive())
            {
                continue; // removed while we looked, or in use by its creator
            }
            final List<Long> mappers = maps.mappersOf(ids.get(i));
            if (!report.headerRead())
            {
                kept.add(report.path() + ": " + report.health() + " (" + report.problem() + "); its creator is " +
                    "unknown, so it is never collected: remove it with rm if you are sure");
            }
            else if (!mappers.isEmpty())
            {
                kept.add(report.path() + ": mapped by live processes: pid " + mappers + " (its creator, pid " +
                    report.creatorPid() + ", is dead)");
            }
            else
            {
                candidates.put(objects.get(i), List.of(objects.get(i)));
            }
        }
        for (final Path folder : folders)
        {
            for (final Path staging : RootLayout.stagingFiles(folder))
            {
                if (!RootLayout.stagingCreatorAlive(staging.getFileName().toString()))
                {
                    candidates.put(staging, List.of(staging));
                }
            }
        }
    }

    private static List<FileId> fileIds(final Map<Path, List<Path>> candidates)
    {
        final List<FileId> ids = new ArrayList<>();
        candidates.values().forEach((files) -> files.forEach((file) -> ids.add(FileId.of(file))));
        return ids;
    }

    private static List<String> mapped(final List<Path> files)
    {
        final List<FileId> ids = new ArrayList<>();
        files.forEach((file) -> ids.add(FileId.of(file)));
        return mappedBy(files, ProcMaps.scan(ids));
    }

    private static List<String> mappedBy(final List<Path> files, final ProcMaps maps)
    {
        final List<String> mapped = new ArrayList<>();
        for (final Path file : files)
        {
            final List<Long> pids = maps.mappersOf(FileId.of(file));
            if (!pids.isEmpty())
            {
                mapped.add(file.getFileName() + " by pid " + pids);
            }
        }
        return mapped;
    }

    private static void requireProcMaps(final String command)
    {
        if (!ProcMaps.available())
        {
            throw new InspectException(REFUSED, command + " cannot tell which processes map a file on this system " +
                "(no readable /proc/self/maps)" + ("rm".equals(command) ? ": use --force if you are sure" : ""));
        }
    }

    private static void deleteRecursively(final Path path)
    {
        try
        {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
            {
                for (final Path entry : RootLayout.entries(path))
                {
                    deleteRecursively(entry);
                }
            }
            Files.deleteIfExists(path);
            LOGGER.debug("removed {}", path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + path, ex);
        }
    }
}
