package io.mproc.queue;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python's JoinableQueue pattern across JVMs: the parent puts tasks and joins; a consumer JVM marks each done.
 */
class JoinableQueueMultiProcessTest
{
    @Test
    @Timeout(60)
    void shouldReturnFromJoinWhenAnotherProcessHasMarkedEveryTaskDone() throws Exception
    {
        try (Namespace namespace = Namespace.temporary())
        {
            final JoinableQueue<Object> queue = JoinableQueue.create(namespace, "tasks");
            for (int i = 0; i < 100; i++)
            {
                queue.put(i);
            }
            assertFalse(queue.join(10, TimeUnit.MILLISECONDS));
            try (ChildJvm consumer = ChildJvm.start(ConsumerMain.class, namespace.directory().toString()))
            {
                assertTrue(queue.join(30, TimeUnit.SECONDS), "join returns once the other process is done");
                assertEquals(0, queue.unfinishedTasks());
                consumer.assertSuccess(Duration.ofSeconds(30));
                assertTrue(consumer.stdout().contains("SUM 4950"), consumer.stdout().toString());
            }
        }
    }

    /**
     * Child: takes the 100 tasks, marking each done after "working" on it.
     */
    public static final class ConsumerMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final JoinableQueue<Object> queue = JoinableQueue.open(Namespace.open(Paths.get(args[0])), "tasks");
            long sum = 0;
            for (int i = 0; i < 100; i++)
            {
                sum += (Integer)queue.take();
                queue.taskDone();
            }
            System.out.println("SUM " + sum);
        }
    }
}
