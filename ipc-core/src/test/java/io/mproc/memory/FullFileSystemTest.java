package io.mproc.memory;

import io.mproc.value.ByteArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full /dev/shm must fail at create time with an exception, never later with a SIGBUS. Runs on a real 1 MiB
 * tmpfs mounted for the test (needs root, as on the CI machine; skipped where mounting is not allowed).
 */
class FullFileSystemTest
{
    private static final String SIZE = "1m";

    @TempDir
    Path mountPoint;
    private boolean mounted;

    @BeforeEach
    void mountSmallTmpfs() throws Exception
    {
        mounted = 0 == run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0700", "tmpfs", mountPoint.toString());
        assumeTrue(mounted, "cannot mount a tmpfs here (not root?): the test needs a real small file system");
    }

    @AfterEach
    void unmount() throws Exception
    {
        if (mounted)
        {
            assertEquals(0, run("umount", mountPoint.toString()));
        }
    }

    @Test
    @Timeout(30)
    void shouldFailAtCreateTimeWhenTheFileSystemIsFull() throws IOException
    {
        try (Namespace namespace = Namespace.temporary(mountPoint))
        {
            final ByteArray fits = ByteArray.create(namespace, "fits", 512 * 1024);
            fits.set(fits.length() - 1, (byte)1); // all its pages are really there

            final InsufficientSpaceException ex = assertThrows(InsufficientSpaceException.class,
                () -> ByteArray.create(namespace, "tooBig", 2 * 1024 * 1024));
            assertTrue(ex.getMessage().contains("requiredBytes=" + (2 * 1024 * 1024 + RegionDescriptor.HEADER_LENGTH)),
                ex.getMessage());
            assertTrue(ex.getMessage().contains(namespace.pathOf("tooBig").toString()), ex.getMessage());
            assertEquals(java.util.List.of("fits"), namespace.list());
            try (var files = Files.list(namespace.directory()))
            {
                assertEquals(1, files.count(), "no temporary file is left behind");
            }
        }
    }

    private static int run(final String... command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
