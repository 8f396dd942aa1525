package io.mproc;

import io.mproc.memory.Namespace;
import io.mproc.sync.BusySpinWaitStrategy;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiprocessingTest
{
    @Test
    void defaultContextIsATemporaryNamespaceDeletedOnClose()
    {
        final Path folder;
        try (LocalContext mp = Multiprocessing.context())
        {
            folder = mp.namespace().directory();
            assertTrue(mp.namespace().isTemporary());
            assertEquals("shm", mp.backend());
            mp.longValue("counter", 5).incrementAndGet();
            assertEquals(6, mp.longValue("counter", 0).get(), "the second call opens the value, not a new one");
            assertTrue(Files.exists(folder.resolve("counter")));
        }
        assertFalse(Files.exists(folder), "closing the default context deletes its namespace: " + folder);
    }

    @Test
    void uriOfAContextOpensTheSameNamespace()
    {
        try (LocalContext mp = Multiprocessing.context();
             Context again = Multiprocessing.context(mp.uri()))
        {
            assertTrue(mp.uri().startsWith("shm:/"), mp.uri());
            mp.longValue("v", 41);
            assertEquals(42, again.longValue("v", 0).incrementAndGet());
            assertEquals(42, mp.longValue("v", 0).get());
        }
    }

    @Test
    void shmNameOpensTheNamedNamespaceUnderTheDefaultRoot()
    {
        final String name = "mp-test-" + UUID.randomUUID();
        try (Context mp = Multiprocessing.context("shm:" + name))
        {
            mp.longValue("x", 7);
            assertTrue(Files.exists(Namespace.defaultRoot().resolve(name).resolve("x")));
        }
        finally
        {
            Namespace.open(name).destroy();
        }
        assertFalse(Files.exists(Namespace.defaultRoot().resolve(name)));
    }

    @Test
    void shmAbsoluteFolderOpensTheNamespaceThere(@TempDir final Path temp)
    {
        final Path folder = temp.resolve("ns");
        try (Context mp = Multiprocessing.context("shm:" + folder))
        {
            mp.event("ready").set();
            assertTrue(Files.exists(folder.resolve("ready")));
        }
        assertTrue(Files.exists(folder.resolve("ready")), "a named namespace outlives its context");
    }

    @Test
    void givenNamespaceStaysTheCallers()
    {
        try (Namespace namespace = Namespace.temporary())
        {
            final LongValue value;
            try (LocalContext mp = Multiprocessing.context(namespace))
            {
                assertSame(namespace, mp.namespace());
                value = mp.longValue("v", 3);
            }
            assertEquals(3, value.get(), "the caller's namespace and its handles stay open");
            assertTrue(Files.isDirectory(namespace.directory()));
        }
    }

    @Test
    void optionsReachTheObjects()
    {
        final ContextOptions options = ContextOptions.builder().waitStrategy(BusySpinWaitStrategy.INSTANCE)
            .openTimeout(Duration.ofSeconds(2)).workers(1).build();
        try (LocalContext mp = Multiprocessing.context(options))
        {
            assertSame(options, mp.options());
            assertSame(BusySpinWaitStrategy.INSTANCE, mp.lock("l").waitStrategy());
        }
    }

    @Test
    void otherSchemesComeFromServiceLoader()
    {
        final ContextOptions options = ContextOptions.builder().workers(3).build();
        try (Context mp = Multiprocessing.context("fake://somewhere/app", options))
        {
            assertEquals("fake://somewhere/app", FakeContextProvider.lastUri.toString());
            assertSame(options, FakeContextProvider.lastOptions);
            assertEquals(3, mp.options().workers());
        }
        assertTrue(Multiprocessing.schemes().contains("fake"));
        assertTrue(Multiprocessing.schemes().contains("shm"));
    }

    @Test
    void unknownSchemeNamesTheUriTheSchemesAndWhatToAdd()
    {
        final ContextUriException ex = assertThrows(ContextUriException.class,
            () -> Multiprocessing.context("ignite://127.0.0.1:47500..47509/app"));
        assertEquals("ignite://127.0.0.1:47500..47509/app", ex.uri());
        assertTrue(ex.getMessage().contains("ignite://127.0.0.1:47500..47509/app"), ex.getMessage());
        assertTrue(ex.getMessage().contains("shm"), ex.getMessage());
        assertTrue(ex.getMessage().contains("add io.mproc:ipc-cluster"), ex.getMessage());

        final ContextUriException other = assertThrows(ContextUriException.class,
            () -> Multiprocessing.context("redis://localhost/app"));
        assertTrue(other.getMessage().contains("'redis'"), other.getMessage());
        assertTrue(other.getMessage().contains("ContextProvider"), other.getMessage());
    }

    @Test
    void malformedUrisGetASpecificException()
    {
        assertMalformed("shm:bad name", "malformed");
        assertMalformed("app", "shm:app");
        assertMalformed("", "empty");
        assertMalformed("shm:..", "not a namespace name");
        assertMalformed("shm://host/folder", "no host");
        assertMalformed("shm:/dir?x=1", "no host, query");
        assertMalformed("shm:/", "needs a namespace");
        assertInstanceOf(IllegalArgumentException.class, assertThrows(ContextUriException.class,
            () -> Multiprocessing.context((String)null)));
    }

    private static void assertMalformed(final String uri, final String expected)
    {
        final ContextUriException ex = assertThrows(ContextUriException.class, () -> Multiprocessing.context(uri));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
        assertTrue(ex.getMessage().contains("uri=" + uri), ex.getMessage());
    }
}
