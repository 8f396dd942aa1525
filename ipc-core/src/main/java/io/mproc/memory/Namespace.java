package io.mproc.memory;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A directory of named shared objects, each one memory-mapped file. Any process on the machine that opens the
 * same directory sees the same objects.
 * <p>
 * <b>Where.</b> By default namespaces live under a per-user folder on {@code /dev/shm} (RAM, mode 0700), or under
 * the temp directory where there is no {@code /dev/shm}. The root can be moved with the system property
 * {@value #ROOT_PROPERTY} or the environment variable {@value #ROOT_ENV}. The root and every namespace folder are
 * kept private to their owner: one found open to others is tightened to 0700 (logged as a warning); one of
 * another user, a shared folder with the sticky bit, or a symbolic link is refused with an
 * {@link UnsafeFolderException}.
 * <p>
 * <b>Creating without races.</b> A new object is built in a private temporary file: space reserved, header and
 * body written, layout version written last. Only then is it published under its name with a hard link, which
 * the kernel makes atomically and refuses if the name exists. So a name only ever refers to a complete file;
 * when N processes create one name at once exactly one file wins, the others open it; and a creator killed at
 * any instruction leaves only its temporary file, which the next creator in the namespace sweeps away.
 * <p>
 * <b>Opening.</b> Nothing in an existing file is trusted before it passes, in order: length, magic, layout
 * version, kind, element type, length, body length ({@link RegionDescriptor}). Each failure is its own
 * exception naming the file and both values; a file that fails is never re-initialised.
 * <p>
 * <b>No path escapes.</b> Object names cannot hold a path separator or {@code ..}, and a name held by anything but
 * a regular file (a symbolic link, dangling or not, a folder, a pipe) is never followed or opened: {@code create},
 * {@code open} and {@code createOrOpen} refuse it at once with a {@link NotARegularFileException}. Remove such an
 * entry ({@link #unlink(String)}) to use the name.
 * <p>
 * <b>Files changed under a live handle.</b> A file truncated by someone else while it is mapped cannot be detected
 * on the hot paths: see {@link MappedRegion}.
 * <p>
 * Thread-safe. Closing a namespace unmaps every region opened through it; closing a temporary namespace also
 * deletes its directory and files.
 */
public final class Namespace implements AutoCloseable
{
    /** System property that moves the root folder of all namespaces. */
    public static final String ROOT_PROPERTY = "mproc.root";
    /** Environment variable that moves the root folder of all namespaces (the system property wins). */
    public static final String ROOT_ENV = "MPROC_ROOT";
    /** Longest name of a namespace or shared object. */
    public static final int MAX_NAME_LENGTH = 128;
    /** Default time to wait for an existing file to become ready. */
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
    private static final Map<Path, Namespace> SHARED_BY_DIRECTORY = new ConcurrentHashMap<>();

    private final Path directory;
    private final boolean temporary;
    private final Set<MappedRegion> openRegions = ConcurrentHashMap.newKeySet();
    private volatile long openTimeoutNs = DEFAULT_OPEN_TIMEOUT.toNanos();
    private volatile boolean closed;

    private Namespace(final Path directory, final boolean temporary)
    {
        this.directory = directory;
        this.temporary = temporary;
    }

    /**
     * The root folder under which namespaces live: the system property {@value #ROOT_PROPERTY}, else the
     * environment variable {@value #ROOT_ENV}, else {@code /dev/shm/mproc-<user>}, else
     * {@code <java.io.tmpdir>/mproc-<user>}.
     *
     * @return the root folder (not created by this call).
     */
    public static Path defaultRoot()
    {
        final String property = System.getProperty(ROOT_PROPERTY);
        if (null != property && !property.isBlank())
        {
            return Paths.get(property).toAbsolutePath();
        }
        final String env = System.getenv(ROOT_ENV);
        if (null != env && !env.isBlank())
        {
            return Paths.get(env).toAbsolutePath();
        }
        final String folder = "mproc-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.\\-]", "_");
        final Path shm = Paths.get("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm))
        {
            return shm.resolve(folder);
        }
        return Paths.get(System.getProperty("java.io.tmpdir")).resolve(folder);
    }

    /**
     * Opens (creating if needed) the namespace of that name under {@link #defaultRoot()}. The root folder is
     * checked like the namespace's own folder (see {@link #open(Path)}): created with mode 0700, tightened to 0700
     * if found open to others, refused if it is not a plain folder of this user.
     *
     * @param name of the namespace; see {@link #validateName(String)}.
     * @return the namespace.
     * @throws UnsafeFolderException when the root or the namespace folder cannot be made private.
     */
    public static Namespace open(final String name)
    {
        validateName(name);
        final Path root = defaultRoot();
        NamespaceFolders.ensurePrivate(root, true);
        return open(root.resolve(name));
    }

    /**
     * Opens (creating if needed, mode 0700) the namespace in a given folder. The folder must be private to this
     * user: found open to group or others it is tightened to 0700, with a warning; a folder that belongs to another
     * user, is shared (sticky bit, such as {@code /tmp}) or is not a plain folder (a symbolic link) is refused and
     * left as it is. Its parent is the caller's choice: created (mode 0700) if missing, otherwise left as it is. The
     * folder of a temporary namespace (a name starting with {@code .tmp-}) is opened only while it exists: only
     * {@link #temporary()} creates one.
     *
     * @param directory of the namespace.
     * @return the namespace.
     * @throws UnsafeFolderException    when the folder cannot be made private.
     * @throws IllegalArgumentException when it names a temporary namespace that no longer exists.
     * @throws MissingJvmFlagsException when this JVM was started without the flags shared memory needs.
     */
    public static Namespace open(final Path directory)
    {
        JvmFlagCheck.ensureSharedMemoryFlags(); // before any folder is made or file mapped
        final Path absolute = directory.toAbsolutePath().normalize();
        final boolean temporaryName = null != absolute.getFileName() &&
            NamespaceFolders.isTemporaryName(absolute.getFileName().toString());
        if (temporaryName && !Files.exists(absolute, LinkOption.NOFOLLOW_LINKS))
        {
            throw new IllegalArgumentException("temporary namespace does not exist (closed, or its process died); " +
                "only Namespace.temporary() creates a folder whose name starts with '" +
                NamespaceFolders.TEMPORARY_PREFIX + "': path=" + absolute);
        }
        if (!temporaryName)
        {
            NamespaceFolders.createIfMissing(absolute.getParent());
            NamespaceFolders.createIfMissing(absolute);
        }
        NamespaceFolders.ensurePrivate(absolute, false);
        final Namespace namespace = new Namespace(absolute, false);
        RegionFiles.sweepDeadCreatorsTempFiles(absolute);
        return namespace;
    }

    /**
     * Creates a new, empty namespace with a unique name under {@link #defaultRoot()}, deleted with all its files
     * when closed. Temporary namespaces left behind by a dead process are swept away here. Their names start with
     * {@code .tmp-}, which no user namespace can carry (see {@link #validateName(String)}), so the sweep never
     * touches a user's namespace.
     *
     * @return the namespace.
     */
    public static Namespace temporary()
    {
        return temporary(defaultRoot());
    }

    /**
     * Creates a new, empty namespace with a unique name under a given root, deleted with all its files when closed.
     *
     * @param root folder to create it in; created if missing, tightened or refused like the folder of
     *             {@link #open(Path)}.
     * @return the namespace.
     * @throws UnsafeFolderException    when the root cannot be made private.
     * @throws MissingJvmFlagsException when this JVM was started without the flags shared memory needs.
     */
    public static Namespace temporary(final Path root)
    {
        JvmFlagCheck.ensureSharedMemoryFlags(); // before any folder is made or file mapped
        return new Namespace(NamespaceFolders.createTemporary(root.toAbsolutePath().normalize()), true);
    }

    /**
     * The namespace in a folder, shared by every handle this process resolves there (used when a shared object
     * arrives in another process by name). Never closed or deleted by this process.
     *
     * @param directory of the namespace.
     * @return the namespace.
     */
    public static Namespace shared(final Path directory)
    {
        return SHARED_BY_DIRECTORY.computeIfAbsent(directory.toAbsolutePath().normalize(), Namespace::open);
    }

    /**
     * Checks that a name is safe to use as a file name: 1 to {@value #MAX_NAME_LENGTH} characters from
     * {@code [A-Za-z0-9_.-]}, not starting with {@code .} or {@code -}, and without {@code ..}. So a name can never
     * reach outside its namespace, clash with the namespace's temporary files, or be taken for a temporary
     * namespace (whose names start with {@code .tmp-}).
     *
     * @param name to check.
     * @return the name.
     * @throws IllegalArgumentException naming the rule and the name.
     */
    public static String validateName(final String name)
    {
        if (null == name)
        {
            throw new IllegalArgumentException("name must not be null");
        }
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException(
                "name must be 1 to " + MAX_NAME_LENGTH + " characters: length=" + name.length() + ", name=" + name);
        }
        if (!VALID_NAME.matcher(name).matches() || name.contains(".."))
        {
            throw new IllegalArgumentException("name must match [A-Za-z0-9_][A-Za-z0-9_.-]* without '..': name=" + name);
        }
        return name;
    }

    /**
     * @return the folder of this namespace.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return the last element of the folder name.
     */
    public String name()
    {
        return directory.getFileName().toString();
    }

    /**
     * @return true when closing deletes the namespace.
     */
    public boolean isTemporary()
    {
        return temporary;
    }

    /**
     * @param timeout how long {@code open} waits for an existing file to become ready.
     * @return this.
     */
    public Namespace openTimeout(final Duration timeout)
    {
        this.openTimeoutNs = timeout.toNanos();
        return this;
    }

    /**
     * @param name of a shared object.
     * @return the path of its file.
     */
    public Path pathOf(final String name)
    {
        return directory.resolve(validateName(name));
    }

    /**
     * @param name of a shared object.
     * @return true when an object of that name exists.
     */
    public boolean exists(final String name)
    {
        return Files.exists(pathOf(name), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * @return the names of the shared objects in this namespace, sorted.
     */
    public List<String> list()
    {
        final List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory))
        {
            for (final Path entry : entries)
            {
                final String fileName = entry.getFileName().toString();
                if (!fileName.startsWith("."))
                {
                    names.add(fileName);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        names.sort(null);
        return names;
    }

    /**
     * Creates a new shared object; fails if the name exists.
     *
     * @param name        of the object.
     * @param spec        of the object.
     * @param initializer writes the initial body.
     * @return the mapped region.
     * @throws RegionExistsException       when the name exists.
     * @throws NotARegularFileException    when the name is held by a symbolic link or other non-regular file.
     * @throws InsufficientSpaceException  when the file system cannot hold it.
     */
    public MappedRegion create(final String name, final RegionSpec spec, final BodyInitializer initializer)
    {
        final Path path = pathOf(name);
        final MappedRegion region = tryCreate(name, path, spec, initializer);
        if (null == region)
        {
            RegionFiles.checkRegularFileOrAbsent(path);
            throw new RegionExistsException(path, "shared object already exists: name=" + name);
        }
        return region;
    }

    /**
     * Opens the shared object of that name, creating it if it does not exist. When several processes call this at
     * once for a new name, exactly one of them creates it and all get the same memory.
     *
     * @param name        of the object.
     * @param spec        of the object; an existing one must match it.
     * @param initializer writes the initial body, only if this call creates the object.
     * @return the mapped region.
     * @throws NotARegularFileException when the name is held by a symbolic link or other non-regular file.
     */
    public MappedRegion createOrOpen(final String name, final RegionSpec spec, final BodyInitializer initializer)
    {
        final Path path = pathOf(name);
        while (true)
        {
            final MappedRegion existing = tryOpen(name, path, spec);
            if (null != existing)
            {
                return existing;
            }
            final MappedRegion created = tryCreate(name, path, spec, initializer);
            if (null != created)
            {
                return created;
            }
            // Someone else published it between our open and create: open theirs.
        }
    }

    /**
     * Opens an existing shared object.
     *
     * @param name of the object.
     * @param spec it must match.
     * @return the mapped region.
     * @throws RegionNotFoundException  when there is no such name.
     * @throws NotARegularFileException when the name is held by a symbolic link or other non-regular file.
     */
    public MappedRegion open(final String name, final RegionSpec spec)
    {
        final Path path = pathOf(name);
        final MappedRegion region = tryOpen(name, path, spec);
        if (null == region)
        {
            throw new RegionNotFoundException(path, "no shared object of that name: name=" + name);
        }
        return region;
    }

    /**
     * Removes a shared object's name. Processes that have it mapped keep their memory until they close it; new
     * opens no longer find it.
     *
     * @param name of the object.
     * @return true when a file was removed.
     */
    public boolean unlink(final String name)
    {
        try
        {
            return Files.deleteIfExists(pathOf(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Unmaps everything opened through this namespace, then deletes the folder and every file in it.
     */
    public void destroy()
    {
        closeRegions();
        NamespaceFolders.deleteRecursively(directory);
    }

    /**
     * Unmaps every region opened through this namespace; a temporary namespace is also deleted.
     * Closing twice is harmless.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (temporary)
        {
            destroy();
        }
        else
        {
            closeRegions();
        }
    }

    public String toString()
    {
        return "Namespace{" + directory + (temporary ? ", temporary" : "") + '}';
    }

    void forget(final MappedRegion region)
    {
        openRegions.remove(region);
    }

    private void closeRegions()
    {
        for (final MappedRegion region : openRegions)
        {
            region.close();
        }
    }

    private MappedRegion track(final MappedRegion region)
    {
        if (closed)
        {
            region.close();
            throw new IllegalStateException("namespace is closed: " + directory);
        }
        openRegions.add(region);
        return region;
    }

    /**
     * @return the region, or null if there is no such file.
     */
    private MappedRegion tryOpen(final String name, final Path path, final RegionSpec spec)
    {
        final MappedByteBuffer mapped = RegionFiles.mapExisting(path, spec, openTimeoutNs);
        return null == mapped ? null : track(new MappedRegion(this, name, path, mapped));
    }

    /**
     * @return the region, or null if the name was taken by the time it was ready to publish.
     */
    private MappedRegion tryCreate(
        final String name, final Path path, final RegionSpec spec, final BodyInitializer initializer)
    {
        final MappedByteBuffer mapped = RegionFiles.createAndPublish(directory, name, path, spec, initializer);
        return null == mapped ? null : track(new MappedRegion(this, name, path, mapped));
    }
}
