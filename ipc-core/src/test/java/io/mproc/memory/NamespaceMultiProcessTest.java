package io.mproc.memory;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Namespaces across separate JVMs: the sweep of temporary namespaces left by dead processes removes exactly those,
 * never a user's namespace, whatever its name.
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
        final Path orphan = Paths.get(child.awaitLine("CREATED ", Duration.ofSeconds(30)).substring("CREATED ".length()));
        child.kill();
        assertTrue(Files.exists(orphan.resolve("orphaned")), "the killed child left its temporary namespace");

        Namespace.temporary().close();

        assertFalse(Files.exists(orphan), "the temporary namespace of a dead process is swept");
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
