package io.mproc.memory;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Namespaces across separate JVMs: the sweep of temporary namespaces left by dead processes removes exactly those,
 * never a user's namespace, whatever its name; and what a process sees when another truncates a file it has mapped.
 */
class NamespaceMultiProcessTest extends MultiProcessTest
{
    /** A valid user name that the sweep of old versions took for the temporary namespace of dead pid 999999. */
    private static final String NAME_LIKE_TEMPORARY = "tmp-999999-1-abc";

    @Test
    @Timeout(60)
    void shouldNeverSweepUserNamespaceWhoseNameLooksTemporary()
    {
        final Path userDirectory = Namespace.defaultRoot().resolve(NAME_LIKE_TEMPORARY);
        try
        {
            child = ChildJvm.start(CreateUserNamespaceMain.class, NAME_LIKE_TEMPORARY);
            child.assertSuccess(Duration.ofSeconds(30));
            assertTrue(Files.exists(userDirectory.resolve("kept")), "the child created the user's object");

            Namespace.temporary().close(); // sweeps the temporary namespaces of dead processes

            assertTrue(Files.exists(userDirectory.resolve("kept")), "the user's namespace survives the sweep");
            try (Namespace user = Namespace.open(NAME_LIKE_TEMPORARY))
            {
                assertEquals(42, LongValue.open(user, "kept").get());
            }
        }
        finally
        {
            Namespace.open(userDirectory).destroy();
        }
    }

    @Test
    @Timeout(60)
    void shouldSweepTemporaryNamespaceOfKilledProcess()
    {
        child = ChildJvm.start(CreateTemporaryNamespaceMain.class);
        final String created = child.awaitLine("CREATED ", Duration.ofSeconds(30));
        final Path orphan = Paths.get(created.substring("CREATED ".length()));
        child.kill();
        assertTrue(Files.exists(orphan.resolve("orphaned")), "the killed child left its temporary namespace");

        Namespace.temporary().close();

        assertFalse(Files.exists(orphan), "the temporary namespace of a dead process is swept");
    }

    @Test
    @Timeout(60)
    void shouldReportFileTruncatedUnderLiveHandleAsInternalErrorThenTruncatedRegion() throws IOException
    {
        final LongValue value = LongValue.create(namespace, "cut", 5);
        child = ChildJvm.start(ReadUntilTruncatedMain.class, namespace.directory().toString());
        child.awaitLine("OPEN 5", Duration.ofSeconds(30));
        try (RandomAccessFile file = new RandomAccessFile(value.path().toFile(), "rw"))
        {
            file.setLength(0); // under the child's live mapping (and ours)
        }

        final String thrown = child.awaitLine("THREW ", Duration.ofSeconds(30));
        assertTrue(thrown.startsWith("THREW java.lang.InternalError"), thrown);
        final String checked = child.awaitLine("CHECKED ", Duration.ofSeconds(30));
        assertTrue(checked.startsWith("CHECKED " + TruncatedRegionException.class.getName()), checked);
        assertTrue(checked.contains("fileLength=0, mappedLength=" + value.region().buffer().capacity()), checked);
        child.assertSuccess(Duration.ofSeconds(30));

        final TruncatedRegionException ex = assertThrows(TruncatedRegionException.class,
            () -> value.region().checkNotTruncated());
        assertEquals(value.path(), ex.path());
        assertThrows(TruncatedRegionException.class, () -> LongValue.open(namespace, "cut"), "never mapped again");
    }

    @Test
    void shouldFindIntactFileNotTruncated()
    {
        final LongValue value = LongValue.create(namespace, "whole", 5);
        value.region().checkNotTruncated();
        value.unlink();
        LongValue.create(namespace, "whole", 6).region().checkNotTruncated();
    }

    /**
     * Child: opens a value and reads it until the parent truncates its file, then says what it got.
     */
    public static final class ReadUntilTruncatedMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            try (Namespace namespace = Namespace.open(Paths.get(args[0])))
            {
                final LongValue value = LongValue.open(namespace, "cut");
                System.out.println("OPEN " + value.get());
                try
                {
                    while (true)
                    {
                        value.get();
                        Thread.onSpinWait();
                    }
                }
                catch (final Throwable ex)
                {
                    System.out.println("THREW " + ex);
                }
                try
                {
                    value.region().checkNotTruncated();
                    System.out.println("CHECKED nothing");
                }
                catch (final RuntimeException ex)
                {
                    System.out.println("CHECKED " + ex);
                }
            }
        }
    }

    /**
     * Child: creates a user namespace of the given name holding one object, then exits without deleting anything.
     */
    public static final class CreateUserNamespaceMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            try (Namespace namespace = Namespace.open(args[0]))
            {
                LongValue.create(namespace, "kept", 42);
            }
        }
    }

    /**
     * Child: creates a temporary namespace holding one object, says where, and waits to be killed.
     */
    public static final class CreateTemporaryNamespaceMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.temporary();
            LongValue.create(namespace, "orphaned", 1);
            System.out.println("CREATED " + namespace.directory());
            Thread.currentThread().join(); // until SIGKILLed
        }
    }
}
