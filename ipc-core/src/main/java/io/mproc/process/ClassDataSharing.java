package io.mproc.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AppCDS for child JVMs: a dynamic class-data-sharing archive of the classes a child loads, made once by one
 * child at its exit ({@code -XX:ArchiveClassesAtExit}) and mapped by every later child
 * ({@code -XX:SharedArchiveFile}), which then starts without parsing and verifying those classes again.
 * <p>
 * JDK 17 only archives classes from a class path of jars: with a directory on it (an IDE or Maven test run) this
 * does nothing. The archive is written to a private temporary name and renamed into place once its child has
 * exited normally, so a child never maps a half-written archive; while one child of this JVM makes an archive,
 * the others start without it. A stale archive (a jar changed) is refused by the JVM, which then starts without
 * it and prints a warning: delete the file, or use {@code auto}, whose file name changes with the jars.
 */
final class ClassDataSharing
{
    /** The archive a child maps or makes, and the file to rename at its exit. */
    record Plan(List<String> options, Path archive, Path dumpFile)
    {
        static final Plan NONE = new Plan(List.of(), null, null);

        /**
         * Publishes a made archive, or throws away a partial one.
         *
         * @param exitedNormally true when the child exited by itself (not by a signal), so its archive is complete.
         */
        void finish(final boolean exitedNormally)
        {
            if (null == dumpFile)
            {
                return;
            }
            try
            {
                if (exitedNormally && Files.isRegularFile(dumpFile) && Files.size(dumpFile) > 0)
                {
                    Files.move(dumpFile, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    ProcessLogging.debug("class data sharing archive ready: " + archive);
                }
                else
                {
                    Files.deleteIfExists(dumpFile);
                }
            }
            catch (final IOException ex)
            {
                ProcessLogging.debug("cannot publish class data sharing archive " + archive + ": " + ex);
            }
            finally
            {
                DUMPING.remove(archive);
            }
        }
    }

    /** Value of {@link ChildProcess#CDS_PROPERTY} that names an archive per class path under the temp directory. */
    static final String AUTO = "auto";
    /** Value of {@link ChildProcess#CDS_PROPERTY} that turns AppCDS off (the default). */
    static final String OFF = "off";

    private static final Set<Path> DUMPING = ConcurrentHashMap.newKeySet();
    private static final AtomicLong DUMP_SEQUENCE = new AtomicLong();

    private ClassDataSharing()
    {
    }

    /**
     * @param setting   {@code off}, {@code auto} or a file path.
     * @param classPath absolute class path of the child.
     * @return the archive to use, or null.
     */
    static Path archiveFor(final String setting, final String classPath)
    {
        if (null == setting || setting.isBlank() || OFF.equalsIgnoreCase(setting.trim()))
        {
            return null;
        }
        if (AUTO.equalsIgnoreCase(setting.trim()))
        {
            final String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.\\-]", "_");
            return Paths.get(System.getProperty("java.io.tmpdir"), "mproc-cds-" + user, fingerprint(classPath) + ".jsa");
        }
        return Paths.get(setting.trim()).toAbsolutePath();
    }

    /**
     * @param archive   to map or make, or null for none.
     * @param classPath absolute class path of the child.
     * @return the JVM options for the child, and what to do at its exit.
     */
    static Plan plan(final Path archive, final String classPath)
    {
        if (null == archive)
        {
            return Plan.NONE;
        }
        if (!isJarsOnly(classPath))
        {
            ProcessLogging.debug("class data sharing needs a class path of jars only; starting without it");
            return Plan.NONE;
        }
        if (Files.isRegularFile(archive))
        {
            return new Plan(List.of("-XX:SharedArchiveFile=" + archive), archive, null);
        }
        if (!DUMPING.add(archive))
        {
            return Plan.NONE; // another child of this JVM is making it
        }
        try
        {
            createPrivateDirectories(archive.getParent());
        }
        catch (final IOException ex)
        {
            DUMPING.remove(archive);
            ProcessLogging.debug("cannot create the folder of class data sharing archive " + archive + ": " + ex);
            return Plan.NONE;
        }
        final Path dumpFile = archive.resolveSibling(archive.getFileName() + ".tmp." + ProcessHandle.current().pid() +
            "." + DUMP_SEQUENCE.incrementAndGet());
        ProcessLogging.debug("making class data sharing archive " + archive);
        // The dump warns on stderr about every class it cannot archive (JFR events, generated accessors): noise.
        return new Plan(List.of("-XX:ArchiveClassesAtExit=" + dumpFile, "-Xlog:cds*=off"), archive, dumpFile);
    }

    static boolean isJarsOnly(final String classPath)
    {
        for (final String entry : classPath.split(File.pathSeparator))
        {
            if (!entry.toLowerCase(Locale.ROOT).endsWith(".jar") || !Files.isRegularFile(Paths.get(entry)))
            {
                return false;
            }
        }
        return !classPath.isEmpty();
    }

    /**
     * A name that changes whenever the JDK or any jar changes, so that {@code auto} never maps a stale archive.
     */
    private static String fingerprint(final String classPath)
    {
        final StringBuilder text = new StringBuilder()
            .append(System.getProperty("java.home")).append('|')
            .append(System.getProperty("java.vm.version")).append('|');
        for (final String entry : classPath.split(File.pathSeparator))
        {
            final File file = new File(entry);
            text.append(entry).append(':').append(file.length()).append(':').append(file.lastModified()).append('|');
        }
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            final StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 12; i++)
            {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 missing from the JDK", ex);
        }
    }

    private static void createPrivateDirectories(final Path directory) throws IOException
    {
        if (Files.isDirectory(directory))
        {
            return;
        }
        Files.createDirectories(directory.getParent());
        try
        {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        catch (final java.nio.file.FileAlreadyExistsException ignore)
        {
            // another JVM made it first
        }
        catch (final UnsupportedOperationException ex)
        {
            Files.createDirectories(directory);
        }
    }
}
