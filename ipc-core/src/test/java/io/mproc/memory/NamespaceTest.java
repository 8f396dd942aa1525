package io.mproc.memory;

import io.mproc.test.MultiProcessTest;
import io.mproc.value.ArrayDescriptor;
import io.mproc.value.IntArray;
import io.mproc.value.IntValue;
import io.mproc.value.LongArray;
import io.mproc.value.LongValue;
import io.mproc.value.ValueDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamespaceTest extends MultiProcessTest
{
    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".hidden", "a/b", "a\\b", "../escape", "a..b", "-dash", "sp ace", "tab\t", "é"})
    void shouldRejectInvalidNames(final String name)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> LongValue.create(namespace, name, 1));
        assertTrue(ex.getMessage().contains("name"), ex.getMessage());
        if (!name.isEmpty())
        {
            assertTrue(ex.getMessage().contains(name), ex.getMessage());
        }
    }

    @Test
    void shouldRejectNullAndOverlongNames()
    {
        assertThrows(IllegalArgumentException.class, () -> Namespace.validateName(null));
        final String longName = "x".repeat(Namespace.MAX_NAME_LENGTH + 1);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Namespace.validateName(longName));
        assertTrue(ex.getMessage().contains("length=" + longName.length()), ex.getMessage());
        assertEquals("ok_name-1.v2", Namespace.validateName("ok_name-1.v2"));
    }

    @Test
    void shouldCreateOwnerOnlyFilesAndFolders() throws IOException
    {
        LongValue.create(namespace, "private", 1);
        assertEquals("rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(namespace.pathOf("private"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(namespace.directory())));
        assertEquals("rwx------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(namespace.directory().getParent())));
    }

    @Test
    void shouldOpenTheSameMemoryUnderTheSameName()
    {
        final LongValue first = LongValue.create(namespace, "shared", 7);
        final LongValue second = LongValue.open(namespace, "shared");
        final LongValue third = LongValue.createOrOpen(namespace, "shared", 99);
        second.addAndGet(3);
        assertEquals(10, first.get());
        assertEquals(10, third.get());
        assertEquals(ProcessHandle.current().pid(), first.region().creatorPid());
    }

    @Test
    void shouldRejectCreateOfExistingName()
    {
        LongValue.create(namespace, "taken", 1);
        final RegionExistsException ex = assertThrows(RegionExistsException.class,
            () -> LongValue.create(namespace, "taken", 2));
        assertEquals(namespace.pathOf("taken"), ex.path());
        assertTrue(ex.getMessage().contains("taken"), ex.getMessage());
    }

    @Test
    void shouldRejectOpenOfMissingName()
    {
        final RegionNotFoundException ex = assertThrows(RegionNotFoundException.class,
            () -> LongValue.open(namespace, "missing"));
        assertTrue(ex.getMessage().contains("name=missing"), ex.getMessage());
        assertTrue(ex.getMessage().contains(namespace.directory().toString()), ex.getMessage());
    }

    @Test
    void shouldRejectAnotherKind()
    {
        LongValue.create(namespace, "value", 1);
        final KindMismatchException ex = assertThrows(KindMismatchException.class,
            () -> LongArray.open(namespace, "value"));
        assertEquals("ARRAY", ex.expected());
        assertEquals("VALUE", ex.actual());
        assertTrue(ex.getMessage().contains("expected=ARRAY, actual=VALUE"), ex.getMessage());
        assertTrue(ex.getMessage().contains(namespace.pathOf("value").toString()), ex.getMessage());
    }

    @Test
    void shouldRejectAnotherElementType()
    {
        LongValue.create(namespace, "value", 1);
        final ElementTypeMismatchException ex = assertThrows(ElementTypeMismatchException.class,
            () -> IntValue.open(namespace, "value"));
        assertTrue(ex.getMessage().contains("expected=INT, actual=LONG"), ex.getMessage());
        assertTrue(ex.getMessage().contains(namespace.pathOf("value").toString()), ex.getMessage());
    }

    @Test
    void shouldRejectAnotherLength()
    {
        IntArray.create(namespace, "array", 10);
        final LengthMismatchException ex = assertThrows(LengthMismatchException.class,
            () -> IntArray.createOrOpen(namespace, "array", 11));
        assertTrue(ex.getMessage().contains("expected=11, actual=10"), ex.getMessage());
        assertEquals(10, IntArray.open(namespace, "array").length());
    }

    @Test
    void shouldRejectTruncatedFileShorterThanHeader() throws IOException
    {
        Files.write(namespace.directory().resolve("short"), new byte[10]);
        final TruncatedRegionException ex = assertThrows(TruncatedRegionException.class,
            () -> LongValue.open(namespace, "short"));
        assertTrue(ex.getMessage().contains("fileLength=10, headerLength=" + RegionDescriptor.HEADER_LENGTH),
            ex.getMessage());
    }

    @Test
    void shouldRejectFileTruncatedInsideBody() throws IOException
    {
        IntArray.create(namespace, "cut", 1000);
        try (RandomAccessFile file = new RandomAccessFile(namespace.pathOf("cut").toFile(), "rw"))
        {
            file.setLength(RegionDescriptor.HEADER_LENGTH + 100);
        }
        final TruncatedRegionException ex = assertThrows(TruncatedRegionException.class,
            () -> IntArray.open(namespace, "cut"));
        assertTrue(ex.getMessage().contains("fileLength=" + (RegionDescriptor.HEADER_LENGTH + 100)), ex.getMessage());
    }

    @Test
    void shouldRejectForeignFileAndLeaveItUntouched() throws IOException
    {
        final byte[] content = new byte[4096];
        for (int i = 0; i < content.length; i++)
        {
            content[i] = (byte)i;
        }
        final Path foreign = namespace.directory().resolve("foreign");
        Files.write(foreign, content);
        final ForeignFileException ex = assertThrows(ForeignFileException.class,
            () -> LongValue.createOrOpen(namespace, "foreign", 1));
        assertTrue(ex.getMessage().contains("magic mismatch"), ex.getMessage());
        assertTrue(ex.getMessage().contains(foreign.toString()), ex.getMessage());
        assertArrayEquals(content, Files.readAllBytes(foreign));
    }

    @Test
    void shouldRejectNewerHeaderLayoutVersion() throws IOException
    {
        LongValue.create(namespace, "versioned", 1).close();
        overwriteInt(namespace.pathOf("versioned"), RegionDescriptor.LAYOUT_VERSION_OFFSET,
            org.agrona.SemanticVersion.compose(2, 0, 0));
        final LayoutVersionMismatchException ex = assertThrows(LayoutVersionMismatchException.class,
            () -> LongValue.open(namespace, "versioned"));
        assertTrue(ex.getMessage().contains("expected=header 1.0.0, actual=header 2.0.0"), ex.getMessage());
    }

    @Test
    void shouldRejectOlderKindLayoutVersion() throws IOException
    {
        LongValue.create(namespace, "old", 1).close();
        overwriteInt(namespace.pathOf("old"), RegionDescriptor.KIND_VERSION_OFFSET,
            org.agrona.SemanticVersion.compose(0, 9, 0));
        final LayoutVersionMismatchException ex = assertThrows(LayoutVersionMismatchException.class,
            () -> LongValue.createOrOpen(namespace, "old", 5));
        assertTrue(ex.getMessage().contains("expected=VALUE 1.1.0, actual=VALUE 0.9.0"), ex.getMessage());
        // never re-initialised: the old bytes are still there
        overwriteInt(namespace.pathOf("old"), RegionDescriptor.KIND_VERSION_OFFSET, ValueDescriptor.LAYOUT_VERSION);
        assertEquals(1, LongValue.open(namespace, "old").get());
    }

    @Test
    void shouldTimeOutOnFileThatNeverBecameReady() throws IOException
    {
        LongValue.create(namespace, "unready", 1).close();
        overwriteInt(namespace.pathOf("unready"), RegionDescriptor.LAYOUT_VERSION_OFFSET, 0);
        namespace.openTimeout(java.time.Duration.ofMillis(50));
        final RegionNotReadyException ex = assertThrows(RegionNotReadyException.class,
            () -> LongValue.open(namespace, "unready"));
        assertTrue(ex.getMessage().contains("waited 50 ms"), ex.getMessage());
    }

    @Test
    void shouldThrowOnUseAfterCloseAndTolerateDoubleClose()
    {
        final LongValue value = LongValue.create(namespace, "closing", 1);
        final IntArray array = IntArray.create(namespace, "closingArray", 4);
        value.close();
        value.close();
        array.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, value::get);
        assertTrue(ex.getMessage().contains("LongValue is closed"), ex.getMessage());
        assertThrows(IllegalStateException.class, () -> value.set(2));
        assertThrows(IllegalStateException.class, () -> array.get(0));
        assertTrue(value.isClosed());
        assertEquals(1, LongValue.open(namespace, "closing").get());
    }

    @Test
    void shouldUnmapEverythingWhenNamespaceCloses()
    {
        final Namespace other = Namespace.temporary();
        final LongValue value = LongValue.create(other, "v", 1);
        other.close();
        assertTrue(value.isClosed());
        assertFalse(Files.exists(other.directory()));
        other.close();
    }

    @Test
    void shouldUnlinkOneObjectAndKeepMappedMemory()
    {
        final LongValue value = LongValue.create(namespace, "gone", 5);
        final LongValue other = LongValue.open(namespace, "gone");
        assertTrue(namespace.exists("gone"));
        value.unlink();
        assertFalse(namespace.exists("gone"));
        assertEquals(5, other.get()); // still mapped
        assertThrows(RegionNotFoundException.class, () -> LongValue.open(namespace, "gone"));
        assertFalse(namespace.unlink("gone"));
    }

    @Test
    void shouldDestroyWholeNamespace()
    {
        final Namespace named = Namespace.open(namespace.directory().resolve("sub"));
        LongValue.create(named, "a", 1);
        IntArray.create(named, "b", 3);
        assertEquals(java.util.List.of("a", "b"), named.list());
        named.destroy();
        assertFalse(Files.exists(named.directory()));
    }

    @Test
    void shouldTravelByNameNotByContent() throws Exception
    {
        final LongValue value = LongValue.create(namespace, "travelling", 41);
        final byte[] bytes;
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ObjectOutputStream objects = new ObjectOutputStream(out))
        {
            objects.writeObject(value);
            objects.flush();
            bytes = out.toByteArray();
        }
        assertTrue(bytes.length < 400, "serialised form is a reference, length=" + bytes.length);
        final LongValue copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            copy = (LongValue)in.readObject();
        }
        assertNotSame(value, copy);
        copy.incrementAndGet();
        assertEquals(42, value.get());
        copy.close();
    }

    @Test
    void shouldRejectReferenceToNonSharedObjectType()
    {
        final SharedObjectRef ref = new SharedObjectRef("java.lang.String", namespace.directory().toString(), "x", null);
        final java.io.InvalidObjectException ex = assertThrows(java.io.InvalidObjectException.class, ref::readResolve);
        assertTrue(ex.getMessage().contains("java.lang.String"), ex.getMessage());
    }

    @Test
    void shouldRejectArrayLengthOutOfRange()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> IntArray.create(namespace, "negative", -1));
        assertTrue(ex.getMessage().contains("length=-1"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> ArrayDescriptor.spec(ElementType.LONG, Integer.MAX_VALUE));
    }

    @Test
    void shouldSweepTemporaryFilesOfDeadCreators() throws IOException
    {
        final Path stale = namespace.directory().resolve(".tmp.x.999999999.1.1");
        Files.write(stale, new byte[1]);
        final Path live = namespace.directory().resolve(".tmp.y." + ProcessHandle.current().pid() + "." +
            io.mproc.internal.ProcessIdentity.currentStartTime() + ".1");
        Files.write(live, new byte[1]);
        LongValue.create(namespace, "trigger", 1);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live));
        Files.delete(live);
    }

    @Test
    void shouldRefuseDanglingSymlinkInPlaceOfObjectAtOnce() throws IOException
    {
        final Path link = namespace.pathOf("dangling");
        Files.createSymbolicLink(link, namespace.directory().resolve("missing"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        {
            assertRefusedAsNotRegular(link, () -> LongValue.createOrOpen(namespace, "dangling", 1));
            assertRefusedAsNotRegular(link, () -> LongValue.open(namespace, "dangling"));
            assertRefusedAsNotRegular(link, () -> LongValue.create(namespace, "dangling", 1));
        });
        assertFalse(Files.exists(namespace.directory().resolve("missing")), "nothing was created behind the link");
        assertTrue(namespace.unlink("dangling"), "the advised remedy works");
        assertEquals(3, LongValue.createOrOpen(namespace, "dangling", 3).get());
    }

    @Test
    void shouldRefuseSymlinkToAnotherNamespacesObject() throws IOException
    {
        try (Namespace other = Namespace.temporary())
        {
            final LongValue secret = LongValue.create(other, "secret", 7);
            final Path link = namespace.pathOf("alias");
            Files.createSymbolicLink(link, secret.path());
            assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
            {
                assertRefusedAsNotRegular(link, () -> LongValue.open(namespace, "alias"));
                assertRefusedAsNotRegular(link, () -> LongValue.createOrOpen(namespace, "alias", 1));
                assertRefusedAsNotRegular(link, () -> LongValue.create(namespace, "alias", 1));
            });
            assertEquals(7, secret.get(), "the object behind the link is untouched");
        }
    }

    @Test
    void shouldRefuseFolderInPlaceOfObject() throws IOException
    {
        final Path folder = Files.createDirectory(namespace.pathOf("folder"));
        assertRefusedAsNotRegular(folder, () -> LongValue.open(namespace, "folder"));
        assertRefusedAsNotRegular(folder, () -> LongValue.createOrOpen(namespace, "folder", 1));
    }

    @Test
    void shouldNotReportInterruptedCreateAsInsufficientSpace()
    {
        Thread.currentThread().interrupt();
        try
        {
            final SharedObjectException ex = assertThrows(SharedObjectException.class,
                () -> LongValue.create(namespace, "interrupted", 1));
            assertFalse(ex instanceof InsufficientSpaceException, ex.toString());
            assertTrue(ex.getMessage().contains("interrupted"), ex.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        }
        finally
        {
            Thread.interrupted();
        }
        assertFalse(namespace.exists("interrupted"));
    }

    @Test
    void shouldNeverCreateFolderNamedLikeTemporaryNamespace()
    {
        final Path lookalike = namespace.directory().getParent().resolve(".tmp-999999-1-abc");
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Namespace.open(lookalike));
        assertTrue(ex.getMessage().contains(lookalike.toString()), ex.getMessage());
        assertFalse(Files.exists(lookalike));
        assertThrows(IllegalArgumentException.class, () -> Namespace.open(".tmp-999999-1-abc"));
    }

    private static void assertRefusedAsNotRegular(final Path path, final Executable call)
    {
        final NotARegularFileException ex = assertThrows(NotARegularFileException.class, call);
        assertEquals(path, ex.path());
        assertTrue(ex.getMessage().contains("not a regular file"), ex.getMessage());
        assertTrue(ex.getMessage().contains("remove it"), ex.getMessage());
        assertTrue(ex.getMessage().contains(path.toString()), ex.getMessage());
    }

    private static void overwriteInt(final Path path, final int offset, final int value) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(path);
        new UnsafeBuffer(bytes).putInt(offset, value);
        Files.write(path, bytes);
    }
}
