package io.mproc.queue;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chronicle adds hundreds of milliseconds to a JVM's start: a process that only sends primitives, strings and bytes
 * through a queue must never load it. Checked with the JVM's own class-loading log.
 */
class ChronicleNotLoadedTest
{
    @Test
    @Timeout(60)
    void shouldNotLoadChronicleForPrimitivesStringsAndBytes()
    {
        try (Namespace namespace = Namespace.temporary();
            ChildJvm child = ChildJvm.start(List.of("-Xlog:class+load=info"), PrimitivesOnlyMain.class,
                namespace.directory().toString()))
        {
            child.assertSuccess(Duration.ofSeconds(30));
            final List<String> lines = child.stdout();
            assertTrue(lines.contains("DONE"), String.join("\n", lines));
            assertTrue(lines.stream().anyMatch((line) -> line.contains("io.mproc.queue.RingCore")), "log is on");
            assertEquals(List.of(), lines.stream().filter((line) -> line.contains("net.openhft")).toList());
        }
    }

    /**
     * Child: a queue round trip of a long, a string and bytes.
     */
    public static final class PrimitivesOnlyMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final SharedQueue<Object> queue = SharedQueue.create(namespace, "q");
            queue.put(42L);
            queue.put("text");
            queue.put(new byte[]{1, 2});
            queue.take();
            queue.take();
            queue.take();
            System.out.println("DONE");
        }
    }
}
