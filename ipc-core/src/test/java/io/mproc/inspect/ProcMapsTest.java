package io.mproc.inspect;

import io.mproc.internal.ProcessIdentity;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcMapsTest
{
    @Test
    void shouldParseTheDeviceAndInodeOfAFileMapping()
    {
        assertEquals(new FileId(0, 0x1a, 123456),
            ProcMaps.parse("7f1c2a000000-7f1c2a001000 rw-s 00000000 00:1a 123456                     /dev/shm/x/ns/v"));
        assertEquals(new FileId(0x103, 0x2, 77),
            ProcMaps.parse("7f1c2a000000-7f1c2a001000 r--s 00000000 103:02 77 /dev/shm/.tmp.v.1.2.3 (deleted)"));
    }

    @Test
    void shouldIgnoreAnonymousMappingsAndLinesThatDoNotParse()
    {
        assertNull(ProcMaps.parse("7ffd8a5e1000-7ffd8a602000 rw-p 00000000 00:00 0                          [stack]"));
        assertNull(ProcMaps.parse("7f1c2a000000-7f1c2a001000 rw-p 00000000 00:00 0"));
        assertNull(ProcMaps.parse("garbage"));
    }

    @Test
    void shouldFindThisProcessAmongTheMappersOfAFileItMapsAndOnlyWhileMapped(@TempDir final Path folder)
        throws Exception
    {
        assumeTrue(ProcMaps.available(), "Linux /proc only");
        final Path file = Files.write(folder.resolve("mapped"), new byte[4096]);
        final FileId id = FileId.of(file);
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, 4096);
        }
        assertEquals(List.of(ProcessIdentity.currentPid()), ProcMaps.scan(List.of(id)).mappersOf(id));
        IoUtil.unmap(mapped);
        assertEquals(List.of(), ProcMaps.scan(List.of(id)).mappersOf(id));
    }
}
