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
import static org.junit.jupiter.api.Assertions.assertNull;
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

    @Test
    @Timeout(60)
    void shouldReturnFromJoinWhenAProducerWasKilledInTheMiddleOfAPut() throws Exception
    {
        try (Namespace namespace = Namespace.temporary())
        {
            final JoinableQueue<Object> queue = JoinableQueue.create(namespace, "tasks");
            queue.put("before");
            try (ChildJvm producer = ChildJvm.start(HangInPutMain.class, namespace.directory().toString()))
            {
                producer.awaitLine("ENCODING", Duration.ofSeconds(30));
                producer.kill(); // claimed, never committed
            }
            assertEquals("before", queue.take());
            assertFalse(queue.join(10, TimeUnit.MILLISECONDS), "one task taken, not yet done");
            queue.taskDone();
            // The dead producer's claim is skipped by the next read; it never counted as a task.
            assertNull(queue.poll(2, TimeUnit.SECONDS));
            assertTrue(queue.join(10, TimeUnit.SECONDS), "the half-put task of the dead producer is no task");
            assertEquals(0, queue.unfinishedTasks());
            queue.put("after");
            assertFalse(queue.join(10, TimeUnit.MILLISECONDS));
            assertEquals("after", queue.take());
            queue.taskDone();
            assertTrue(queue.join(10, TimeUnit.SECONDS));
        }
    }

    /**
     * Child: puts a string with a codec that stops in the middle of encoding it into the ring, until killed.
     */
    public static final class HangInPutMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final JoinableQueue<String> queue = SharedQueue.builder(Namespace.open(Paths.get(args[0])), "tasks")
                .codec(new HangingCodec()).openJoinable();
            queue.put("never finished");
        }
    }

    /**
     * Encodes in place, and hangs half-way through.
     */
    static final class HangingCodec implements Codec<String>
    {
        public int typeId(final String value)
        {
            return ObjectCodec.STRING;
        }

        public int encodedLength(final String value)
        {
            return value.length();
        }

        public int encode(final String value, final org.agrona.MutableDirectBuffer buffer, final int index)
        {
            buffer.putByte(index, (byte)value.charAt(0));
            System.out.println("ENCODING");
            try
            {
                Thread.sleep(60_000);
            }
            catch (final InterruptedException ignore)
            {
                // killed first
            }
            throw new IllegalStateException("not reached");
        }

        public String decode(final int typeId, final org.agrona.DirectBuffer buffer, final int index, final int length)
        {
            throw new UnsupportedOperationException();
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
