package io.mproc.queue;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python's JoinableQueue pattern across JVMs: the parent puts tasks and joins; a consumer JVM marks each done.
 */
class JoinableQueueMultiProcessTest extends MultiProcessTest
{
    @Test
    @Timeout(60)
    void shouldEndJoinReportingTheTaskOfAConsumerKilledBeforeTaskDone() throws Exception
    {
        final JoinableQueue<Object> queue = JoinableQueue.create(namespace, "tasks");
        for (int i = 0; i < 3; i++)
        {
            queue.put(i);
        }
        child = ChildJvm.start(TakeOneAndHangMain.class, namespace.directory().toString());
        child.awaitLine("TOOK 0", Duration.ofSeconds(30));
        child.kill(); // took task 0, never marked it done
        assertEquals(1, queue.take());
        assertEquals(2, queue.take());
        queue.taskDone();
        queue.taskDone();

        final TasksLostException lost = assertThrows(TasksLostException.class, queue::join,
            "join ends instead of waiting forever for the dead consumer's task, and says it was lost");
        assertEquals(1, lost.lostTasks());
        assertTrue(lost.getMessage().contains("lost=1"), lost.getMessage());
        assertEquals(0, queue.unfinishedTasks(), "a lost task is no longer unfinished");
        queue.join(); // reported once: later joins return normally

        queue.put("after");
        assertFalse(queue.join(10, TimeUnit.MILLISECONDS));
        assertEquals("after", queue.take());
        queue.taskDone();
        queue.join();
    }

    @Test
    @Timeout(60)
    void shouldReturnFromJoinWhenAnotherProcessHasMarkedEveryTaskDone() throws Exception
    {
        final JoinableQueue<Object> queue = JoinableQueue.create(namespace, "tasks");
        for (int i = 0; i < 100; i++)
        {
            queue.put(i);
        }
        assertFalse(queue.join(10, TimeUnit.MILLISECONDS));
        child = ChildJvm.start(ConsumerMain.class, namespace.directory().toString());
        queue.join(); // returns once the other process is done
        assertEquals(0, queue.unfinishedTasks());
        child.assertSuccess(Duration.ofSeconds(30));
        assertTrue(child.stdout().contains("SUM 4950"), child.stdout().toString());
    }

    @Test
    @Timeout(60)
    void shouldReturnFromJoinWhenAProducerWasKilledInTheMiddleOfAPut() throws Exception
    {
        final JoinableQueue<Object> queue = JoinableQueue.create(namespace, "tasks");
        queue.put("before");
        child = ChildJvm.start(HangInPutMain.class, namespace.directory().toString());
        child.awaitLine("ENCODING", Duration.ofSeconds(30));
        child.kill(); // claimed, never committed
        assertEquals("before", queue.take());
        assertFalse(queue.join(10, TimeUnit.MILLISECONDS), "one task taken, not yet done");
        queue.taskDone();
        // A consumer's reads skip the dead producer's claim, and then join returns: it never counted as a task.
        while (!queue.join(0, TimeUnit.NANOSECONDS))
        {
            assertNull(queue.poll(10, TimeUnit.MILLISECONDS), "the half-put task of the dead producer is no task");
        }
        assertEquals(0, queue.unfinishedTasks());
        queue.put("after");
        assertFalse(queue.join(10, TimeUnit.MILLISECONDS));
        assertEquals("after", queue.take());
        queue.taskDone();
        queue.join();
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
                ChildJvm.blockUntilKilled();
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
     * Child: takes one task, says which, and waits to be killed before marking it done.
     */
    public static final class TakeOneAndHangMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final JoinableQueue<Object> queue = JoinableQueue.open(Namespace.open(Paths.get(args[0])), "tasks");
            System.out.println("TOOK " + queue.take());
            ChildJvm.blockUntilKilled();
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
