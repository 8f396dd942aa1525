package io.mproc.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AppCDS plan, without JVMs: when to make an archive, when to map it, and how it is published.
 */
class ClassDataSharingTest
{
    @Test
    void shouldOnlyAcceptClassPathOfJars(@TempDir final Path dir) throws Exception
    {
        final Path jar = Files.createFile(dir.resolve("a.jar"));
        final Path classes = Files.createDirectory(dir.resolve("classes"));

        assertTrue(ClassDataSharing.isJarsOnly(jar.toString()));
        assertFalse(ClassDataSharing.isJarsOnly(jar + File.pathSeparator + classes));
        assertFalse(ClassDataSharing.isJarsOnly(dir.resolve("missing.jar").toString()));
        assertEquals(ClassDataSharing.Plan.NONE, ClassDataSharing.plan(dir.resolve("x.jsa"), classes.toString()));
    }

    @Test
    void shouldNameArchiveFromSetting(@TempDir final Path dir) throws Exception
    {
        final String classPath = Files.createFile(dir.resolve("a.jar")).toString();

        assertNull(ClassDataSharing.archiveFor(null, classPath));
        assertNull(ClassDataSharing.archiveFor("off", classPath));
        assertEquals(dir.resolve("x.jsa"), ClassDataSharing.archiveFor(dir.resolve("x.jsa").toString(), classPath));
        final Path auto = ClassDataSharing.archiveFor("auto", classPath);
        assertTrue(auto.getFileName().toString().matches("[0-9a-f]{24}\\.jsa"), auto.toString());
        assertEquals(auto, ClassDataSharing.archiveFor("auto", classPath));
    }

    @Test
    void shouldMakeArchiveOnceThenMapItOnceItIsPublished(@TempDir final Path dir) throws Exception
    {
        final String classPath = Files.createFile(dir.resolve("a.jar")).toString();
        final Path archive = dir.resolve("cds").resolve("x.jsa");

        final ClassDataSharing.Plan dump = ClassDataSharing.plan(archive, classPath);
        assertTrue(dump.options().get(0).startsWith("-XX:ArchiveClassesAtExit=" + archive + ".tmp."), dump.toString());
        assertEquals(ClassDataSharing.Plan.NONE, ClassDataSharing.plan(archive, classPath), "one dump at a time");

        Files.write(dump.dumpFile(), new byte[]{1}); // what the child's JVM writes at its exit
        dump.finish(true);

        assertTrue(Files.isRegularFile(archive));
        assertFalse(Files.exists(dump.dumpFile()));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive), ClassDataSharing.plan(archive, classPath).options());
    }

    @Test
    void shouldDiscardArchiveOfChildKilledBySignal(@TempDir final Path dir) throws Exception
    {
        final String classPath = Files.createFile(dir.resolve("a.jar")).toString();
        final Path archive = dir.resolve("x.jsa");

        final ClassDataSharing.Plan dump = ClassDataSharing.plan(archive, classPath);
        Files.write(dump.dumpFile(), new byte[]{1});
        dump.finish(false);

        assertFalse(Files.exists(archive));
        assertFalse(Files.exists(dump.dumpFile()));
        final ClassDataSharing.Plan again = ClassDataSharing.plan(archive, classPath);
        assertTrue(again.options().get(0).startsWith("-XX:ArchiveClassesAtExit="), again.toString());
        again.finish(false);
    }
}
