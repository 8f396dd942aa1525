package io.mproc.queue;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python's {@code SimpleQueue} rows (put, get, empty, close) between JVMs, over the same ring as {@link SharedQueue}.
 */
class SimpleQueueMultiProcessTest extends MultiProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    @Timeout(60)
    void shouldPassValuesBothWaysBetweenProcessesAndReportEmpty() throws Exception
    {
        final SimpleQueue<Object> requests = SimpleQueue.create(namespace, "requests");
        final SimpleQueue<Object> replies = SimpleQueue.create(namespace, "replies");
        assertTrue(requests.empty());

        requests.put("hello");
        requests.put(List.of(1, 2, 3));
        assertFalse(requests.empty(), "a value is waiting");
        child = ChildJvm.start(EchoMain.class, namespace.directory().toString());

        assertEquals("echo hello", replies.get(), "get waits for the other process's put");
        assertEquals("echo [1, 2, 3]", replies.get());
        assertEquals("CHILD EMPTY true", child.awaitLine("CHILD EMPTY", TIMEOUT));
        child.assertSuccess(TIMEOUT);
        assertTrue(requests.empty(), "the child took both");
        assertTrue(replies.empty());

        requests.close();
        requests.close(); // twice is harmless, as Python's
        assertThrows(IllegalStateException.class, () -> requests.put("after close"), "a closed handle is unusable");
        try (SharedQueue<Object> same = SharedQueue.open(namespace, "replies"))
        {
            replies.put("one ring");
            assertEquals("one ring", same.poll(), "a SimpleQueue is a face on a SharedQueue of the same name");
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseNullAsEveryBlockingQueueDoes()
    {
        try (SimpleQueue<Object> queue = SimpleQueue.create(namespace, "q"))
        {
            assertThrows(NullPointerException.class, () -> queue.put(null));
            assertTrue(queue.empty());
        }
    }

    /**
     * Child: opens both queues by name, takes two values and puts each back as "echo value", then says whether the
     * request queue is empty.
     */
    public static final class EchoMain
    {
        public static void main(final String[] args) throws Exception
        {
            ChildJvm.exitWhenParentDies();
            try (Namespace namespace = Namespace.open(Paths.get(args[0]));
                SimpleQueue<Object> requests = SimpleQueue.open(namespace, "requests");
                SimpleQueue<Object> replies = SimpleQueue.open(namespace, "replies"))
            {
                for (int i = 0; i < 2; i++)
                {
                    replies.put("echo " + requests.get());
                }
                System.out.println("CHILD EMPTY " + requests.empty());
            }
        }
    }
}
