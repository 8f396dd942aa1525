package io.mproc.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The root folder and namespace folders are private to their owner: found open to others they are tightened to
 * 0700; owned by another user, shared (sticky bit) or not a plain folder, they are refused.
 */
class NamespaceFolderTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldTightenOwnNamespaceFolderAndLeaveChosenParentAsItIs() throws IOException
    {
        final Path parent = openToAll(tempDir.resolve("parent"));
        final Path directory = openToAll(parent.resolve("wide"));
        try (Namespace namespace = Namespace.open(directory))
        {
            assertEquals("rwx------", permissions(namespace.directory()));
            assertEquals("rwxrwxrwx", permissions(parent), "a parent chosen by the caller is the caller's business");
        }
    }

    @Test
    void shouldTightenOwnDefaultRootFolder() throws IOException
    {
        final Path root = openToAll(tempDir.resolve("root"));
        final String previousRoot = System.getProperty(Namespace.ROOT_PROPERTY);
        System.setProperty(Namespace.ROOT_PROPERTY, root.toString());
        try (Namespace namespace = Namespace.open("named"))
        {
            assertEquals(root.resolve("named"), namespace.directory());
            assertEquals("rwx------", permissions(root));
            assertEquals("rwx------", permissions(namespace.directory()));
        }
        finally
        {
            if (null == previousRoot)
            {
                System.clearProperty(Namespace.ROOT_PROPERTY);
            }
            else
            {
                System.setProperty(Namespace.ROOT_PROPERTY, previousRoot);
            }
        }
    }

    @Test
    void shouldTightenOwnRootFolderOfTemporaryNamespaces() throws IOException
    {
        final Path root = openToAll(tempDir.resolve("root"));
        try (Namespace namespace = Namespace.temporary(root))
        {
            assertEquals("rwx------", permissions(root));
            assertEquals("rwx------", permissions(namespace.directory()));
        }
    }

    @Test
    void shouldRefuseSharedFolderWithStickyBit() throws IOException
    {
        final Path shared = Files.createDirectory(tempDir.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777, LinkOption.NOFOLLOW_LINKS);
        final UnsafeFolderException ex = assertThrows(UnsafeFolderException.class, () -> Namespace.temporary(shared));
        assertTrue(ex.getMessage().contains("sticky"), ex.getMessage());
        assertEquals(shared, ex.path());
        assertEquals(01777, 07777 & (int)Files.getAttribute(shared, "unix:mode", LinkOption.NOFOLLOW_LINKS),
            "a shared folder is never changed");
    }

    @Test
    void shouldRefuseNamespaceFolderOwnedByAnotherUser() throws IOException
    {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder to another user");
        final Path directory = Files.createDirectory(tempDir.resolve("theirs"));
        final UserPrincipal nobody =
            tempDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(directory, nobody);
        final UnsafeFolderException ex = assertThrows(UnsafeFolderException.class, () -> Namespace.open(directory));
        assertTrue(ex.getMessage().contains("owner=nobody"), ex.getMessage());
        assertEquals(directory, ex.path());
    }

    @Test
    void shouldRefuseSymbolicLinkInPlaceOfNamespaceFolder() throws IOException
    {
        final Path target = Files.createDirectory(tempDir.resolve("target"));
        final Path link = Files.createSymbolicLink(tempDir.resolve("link"), target);
        final UnsafeFolderException ex = assertThrows(UnsafeFolderException.class, () -> Namespace.open(link));
        assertTrue(ex.getMessage().contains("symbolic link"), ex.getMessage());
        assertEquals(link, ex.path());
    }

    private static Path openToAll(final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        return directory;
    }

    private static String permissions(final Path directory) throws IOException
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS));
    }
}
