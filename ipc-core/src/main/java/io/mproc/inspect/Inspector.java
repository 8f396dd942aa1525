package io.mproc.inspect;

import io.mproc.memory.Namespace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;

import static io.mproc.inspect.InspectException.Reason.NOT_FOUND;
import static io.mproc.inspect.InspectException.Reason.USAGE;

/**
 * Inspects the namespaces under one root folder: lists namespaces and objects, dumps an object's header and live
 * state, and (through {@link Cleaner} and {@link LockRelease}) removes what nobody uses and unlocks locks of dead
 * owners. Reading maps files read-only and changes nothing. Every call takes a fresh snapshot.
 * <p>
 * Objects are addressed as {@code NAMESPACE/OBJECT} relative to the root, or by the absolute path of their file;
 * a namespace as {@code NAMESPACE} or its absolute path. Nothing outside the root can be addressed.
 */
public final class Inspector
{
    private final Path root;

    /**
     * @param root folder holding the namespaces, such as {@link Namespace#defaultRoot()}.
     */
    public Inspector(final Path root)
    {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @return an inspector of {@link Namespace#defaultRoot()}.
     */
    public static Inspector ofDefaultRoot()
    {
        return new Inspector(Namespace.defaultRoot());
    }

    /**
     * @return the root folder.
     */
    public Path root()
    {
        return root;
    }

    /**
     * @return every namespace under the root, sorted by name; empty when the root does not exist.
     */
    public List<NamespaceReport> namespaces()
    {
        final List<NamespaceReport> reports = new ArrayList<>();
        for (final Path folder : RootLayout.namespaceFolders(root))
        {
            reports.add(namespaceReport(folder));
        }
        return reports;
    }

    /**
     * @param namespace name under the root, or absolute path.
     * @return the namespace.
     * @throws InspectException NOT_FOUND when there is no such namespace.
     */
    public NamespaceReport namespace(final String namespace)
    {
        return namespaceReport(namespaceFolder(namespace));
    }

    /**
     * @param namespace name under the root, or absolute path.
     * @return the objects in it with their headers and mappers (no state), sorted by name.
     * @throws InspectException NOT_FOUND when there is no such namespace.
     */
    public List<ObjectReport> objects(final String namespace)
    {
        return objects(List.of(namespace(namespace)));
    }

    /**
     * @param namespaces as listed by {@link #namespaces()}.
     * @return the objects in them, with their headers and mappers (no state), namespace by namespace, sorted by name;
     * one scan of the processes' mappings for all of them.
     */
    public List<ObjectReport> objects(final List<NamespaceReport> namespaces)
    {
        final List<ObjectReport> reports = new ArrayList<>();
        for (final NamespaceReport namespace : namespaces)
        {
            final Path folder = Path.of(namespace.path());
            for (final Path entry : RootLayout.objectEntries(folder))
            {
                final ObjectReport report = RegionReader.read(namespace.name(), entry, false);
                if (null != report)
                {
                    reports.add(report); // null: removed while we looked
                }
            }
        }
        return withMappers(reports);
    }

    /**
     * @param target {@code NAMESPACE/OBJECT} or the absolute path of the object's file.
     * @return the object's header, mappers and decoded live state.
     * @throws InspectException NOT_FOUND when there is no such object, USAGE when the target names none.
     */
    public ObjectReport dump(final String target)
    {
        final Path file = objectFile(target);
        final ObjectReport report = RegionReader.read(file.getParent().getFileName().toString(), file, true);
        if (null == report)
        {
            throw new InspectException(NOT_FOUND, "no shared object at " + file + " (target=" + target + ")");
        }
        return withMappers(List.of(report)).get(0);
    }

    /**
     * Removes an object or a whole namespace, refusing while a live process maps any of its files.
     *
     * @param target {@code NAMESPACE/OBJECT}, {@code NAMESPACE}, or an absolute path of either.
     * @param force  true to remove even what live processes map (they keep their memory; nobody finds it by name).
     * @return what was removed.
     */
    public ActionReport remove(final String target, final boolean force)
    {
        final Path path = resolve(target);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            throw new InspectException(NOT_FOUND, "nothing to remove at " + path + " (target=" + target + ")");
        }
        return new Cleaner(root).remove(path, force);
    }

    /**
     * Removes every orphan under the root: objects whose creator is dead and that no live process maps, temporary
     * namespaces whose creator is dead and none of whose files is mapped, and staging files of dead creators.
     * Files whose header cannot be trusted are kept and listed, with the reason: remove them with {@link #remove}.
     *
     * @param dryRun true to list what would be removed and change nothing.
     * @return what was (or would be) removed and what was kept.
     */
    public ActionReport gc(final boolean dryRun)
    {
        return new Cleaner(root).gc(dryRun);
    }

    /**
     * Releases a lock whose owner process is dead, by the library's own recovery: the lock is taken over from the
     * dead owner exactly as a waiting process would (counted in its recoveries), then released.
     *
     * @param target {@code NAMESPACE/OBJECT} of a LOCK or RLOCK, or of a VALUE or CONDITION (their own lock).
     * @return what was done.
     * @throws InspectException REFUSED when the owner is alive or the object has no lock.
     */
    public ActionReport unlock(final String target)
    {
        return LockRelease.unlock(dump(target), objectFile(target));
    }

    private List<ObjectReport> withMappers(final List<ObjectReport> reports)
    {
        final List<FileId> files = new ArrayList<>();
        for (final ObjectReport report : reports)
        {
            files.add(FileId.of(Path.of(report.path())));
        }
        final ProcMaps maps = ProcMaps.scan(files);
        final List<ObjectReport> result = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++)
        {
            result.add(reports.get(i).withMappers(maps.mappersOf(files.get(i))));
        }
        return result;
    }

    private NamespaceReport namespaceReport(final Path folder)
    {
        final String name = folder.getFileName().toString();
        final boolean temporary = RootLayout.isTemporaryNamespace(name);
        long size = 0;
        for (final Path entry : RootLayout.entries(folder))
        {
            size += sizeOf(entry);
        }
        return new NamespaceReport(name, folder.toString(), ownerOf(folder), size, temporary,
            temporary ? RootLayout.temporaryCreatorPid(name) : 0,
            temporary && RootLayout.temporaryCreatorAlive(name), RootLayout.objectEntries(folder).size());
    }

    private Path namespaceFolder(final String namespace)
    {
        final Path folder = resolve(namespace);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS))
        {
            throw new InspectException(NOT_FOUND, "no namespace at " + folder + " (namespace=" + namespace + ")");
        }
        return folder;
    }

    private Path objectFile(final String target)
    {
        final Path file = resolve(target);
        if (file.getParent().equals(root))
        {
            throw new InspectException(USAGE, "name an object as NAMESPACE/OBJECT, or by its file's absolute path: " +
                "target=" + target);
        }
        return file;
    }

    /**
     * @param target relative to the root (one or two plain names) or an absolute path.
     * @return the path it names.
     */
    Path resolve(final String target)
    {
        if (null == target || target.isBlank())
        {
            throw new InspectException(USAGE, "a namespace or object name is required");
        }
        final Path given = Path.of(target);
        if (given.isAbsolute())
        {
            // Only ROOT/NAMESPACE or ROOT/NAMESPACE/OBJECT: rm must never be pointed at anything else.
            final Path normal = given.normalize();
            if (!normal.startsWith(root) || normal.equals(root) || root.relativize(normal).getNameCount() > 2)
            {
                throw new InspectException(USAGE, "not a namespace or object under the root " + root +
                    " (pass --root for another root): target=" + target);
            }
            return normal;
        }
        final String[] parts = target.split("/");
        if (parts.length > 2 || java.util.Arrays.stream(parts).anyMatch((p) -> p.isEmpty() || ".".equals(p) ||
            "..".equals(p)))
        {
            throw new InspectException(USAGE, "expected NAMESPACE or NAMESPACE/OBJECT (or an absolute path), " +
                "without '.', '..' or empty parts: target=" + target);
        }
        return root.resolve(target);
    }

    private static long sizeOf(final Path entry)
    {
        try
        {
            return Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) ? Files.size(entry) : 0;
        }
        catch (final IOException ex)
        {
            return 0; // removed while we looked
        }
    }

    private static String ownerOf(final Path folder)
    {
        try
        {
            return Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).owner().getName();
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return "?";
        }
    }
}
