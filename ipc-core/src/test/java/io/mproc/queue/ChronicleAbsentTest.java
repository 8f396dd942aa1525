package io.mproc.queue;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chronicle is an optional dependency of ipc-core: a JVM without it that receives a Chronicle BytesMarshallable
 * value must get an exception that names the artifact to add, not a bare NoClassDefFoundError.
 */
class ChronicleAbsentTest
{
    @Test
    @Timeout(60)
    void shouldNameTheArtifactToAddWhenAMarshallableValueArrivesInAJvmWithoutChronicle() throws Exception
    {
        try (Namespace namespace = Namespace.temporary())
        {
            final SharedQueue<Object> queue = SharedQueue.builder(namespace, "q")
                .allowList(AllowList.of(SharedQueueTest.Trade.class)).create();
            final SharedQueueTest.Trade trade = new SharedQueueTest.Trade();
            trade.symbol = "ACME";
            queue.put(trade);

            final String classPathWithoutChronicle = Arrays.stream(
                System.getProperty("java.class.path").split(File.pathSeparator))
                .filter((entry) -> !entry.contains("openhft"))
                .collect(Collectors.joining(File.pathSeparator));
            assertFalse(classPathWithoutChronicle.contains("chronicle"), classPathWithoutChronicle);

            try (ChildJvm child = ChildJvm.start(List.of(), classPathWithoutChronicle, ReceiverMain.class,
                namespace.directory().toString()))
            {
                child.assertSuccess(Duration.ofSeconds(30));
                final List<String> lines = child.stdout();
                assertEquals(1, lines.size(), String.join("\n", lines));
                final String caught = lines.get(0);
                assertTrue(caught.startsWith("CAUGHT " + MessageDecodingException.class.getName()), caught);
                assertTrue(caught.contains("net.openhft:chronicle-queue"), caught);
                assertTrue(caught.contains(SharedQueueTest.Trade.class.getName()), caught);
            }
        }
    }

    /**
     * Child, without Chronicle on its class path: takes one message and prints what it caught.
     */
    public static final class ReceiverMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final SharedQueue<Object> queue = SharedQueue.builder(namespace, "q")
                .allowList(AllowList.NONE.allowClassNames("io.mproc.queue.SharedQueueTest$Trade")).open();
            try
            {
                System.out.println("RECEIVED " + queue.take());
            }
            catch (final Throwable ex)
            {
                System.out.println("CAUGHT " + ex.getClass().getName() + ": " + ex.getMessage());
            }
        }
    }
}
