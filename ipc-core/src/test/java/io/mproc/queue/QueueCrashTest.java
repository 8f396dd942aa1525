package io.mproc.queue;

import io.mproc.internal.ProcessIdentity;
import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processes killed in the middle of using a queue: survivors carry on without losing committed messages.
 */
class QueueCrashTest extends MultiProcessTest
{
    @Test
    @Timeout(60)
    void shouldSkipRecordOfProducerKilledBetweenClaimAndCommit() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "torn");
        queue.put("before");
        child = ChildJvm.start(ClaimAndHangMain.class, namespace.directory().toString(), "torn");
        child.awaitLine("CLAIMED", Duration.ofSeconds(30));
        queue.put("after"); // committed behind the torn record
        child.kill();

        assertEquals("before", queue.take());
        final long startNs = System.nanoTime();
        assertEquals("after", queue.poll(10, TimeUnit.SECONDS), "the torn record is skipped, nothing committed is lost");
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(5), "skipped within a bounded time");
        assertTrue(queue.isEmpty());
    }

    @Test
    @Timeout(30)
    void shouldSkipClaimWhoseHeaderWasNeverWritten() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "headerless");
        final RingCore core = queue.core;
        // A producer (pid 999999999, long gone) published its claim position, moved the tail by one 16-byte record
        // and died before writing the record header.
        final int tailIndex = core.capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
        final long tail = core.records.getLongVolatile(tailIndex);
        final int entryIndex = core.coreIndex + QueueDescriptor.PRODUCER_TABLE_OFFSET +
            (QueueDescriptor.DEFAULT_PRODUCER_ENTRIES - 1) * QueueDescriptor.ENTRY_LENGTH;
        core.buffer.putLongVolatile(entryIndex + QueueDescriptor.ENTRY_OWNER_OFFSET,
            ProcessIdentity.ownerWord(999_999_999L, 1));
        core.buffer.putLongVolatile(entryIndex + QueueDescriptor.ENTRY_CLAIM_POSITION_OFFSET, tail);
        core.records.putLongVolatile(tailIndex, tail + 16);

        queue.put("behind the hole");
        assertEquals("behind the hole", queue.poll(10, TimeUnit.SECONDS));
    }

    @Test
    @Timeout(60)
    void shouldRecoverConsumerLockOfKilledConsumer() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "held");
        queue.put("first");
        queue.put("second");
        child = ChildJvm.start(ReadAndHangMain.class, namespace.directory().toString(), "held");
        child.awaitLine("HOLDING first", Duration.ofSeconds(30));
        assertEquals(null, queue.poll(), "the consumer lock is held by the hanging consumer");
        child.kill();

        // "first" was handed to the dead consumer: it is the one message lost, never delivered twice.
        assertEquals("second", queue.poll(10, TimeUnit.SECONDS));
        assertTrue(queue.isEmpty());
    }

    @Test
    @Timeout(60)
    void shouldNotDeliverAgainWhatAConsumerKilledMidBatchWasHandedOut() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "batch");
        for (long i = 0; i < 100; i++)
        {
            queue.put(i);
        }
        child = ChildJvm.start(ReadBatchAndHangMain.class, namespace.directory().toString(), "batch", "10");
        child.awaitLine("HOLDING 10", Duration.ofSeconds(30));
        child.kill();

        // 0..9 were handled and 10 was in its hands when it died, all within one batch that never finished: the
        // next consumer takes the lock over and starts at 11.
        for (long i = 11; i < 100; i++)
        {
            assertEquals(i, queue.poll(10, TimeUnit.SECONDS));
        }
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
        queue.put(100L); // the ring's space was freed: it goes on working
        assertEquals(100L, queue.take());
    }

    /**
     * Child: claims space in the queue, prints CLAIMED and never commits.
     */
    public static final class ClaimAndHangMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final MessageRing ring = MessageRing.open(Namespace.open(Paths.get(args[0])), args[1]);
            final int index = ring.tryClaim(ObjectCodec.STRING, 5);
            ring.buffer().putByte(index, (byte)'t'); // half-written
            System.out.println("CLAIMED");
            Thread.sleep(60_000);
        }
    }

    /**
     * Child: reads a batch of longs and hangs inside the handler at the given one, holding the consumer lock.
     */
    public static final class ReadBatchAndHangMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final MessageRing ring = MessageRing.open(Namespace.open(Paths.get(args[0])), args[1]);
            final long hangAt = Long.parseLong(args[2]);
            ring.awaitReadable(10, TimeUnit.SECONDS);
            ring.read((typeId, buffer, index, length) ->
            {
                final long value = buffer.getLong(index);
                if (value == hangAt)
                {
                    System.out.println("HOLDING " + value);
                    try
                    {
                        Thread.sleep(60_000);
                    }
                    catch (final InterruptedException ignore)
                    {
                        // killed first
                    }
                }
            }, 1000);
        }
    }

    /**
     * Child: reads one message and hangs inside the handler, holding the consumer lock.
     */
    public static final class ReadAndHangMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            final MessageRing ring = MessageRing.open(Namespace.open(Paths.get(args[0])), args[1]);
            ring.read((typeId, buffer, index, length) ->
            {
                System.out.println("HOLDING " + buffer.getStringWithoutLengthUtf8(index, length));
                try
                {
                    Thread.sleep(60_000);
                }
                catch (final InterruptedException ignore)
                {
                    // killed first
                }
            }, 1);
        }
    }
}
