package io.mproc.queue;

import io.mproc.internal.ProcessIdentity;
import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongValue;
import org.agrona.BitUtil;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        assertEquals("after", queue.take(), "the torn record is skipped, nothing committed is lost");
        assertTrue(queue.isEmpty());
    }

    @Test
    @Timeout(30)
    void shouldSkipClaimWhoseHeaderWasNeverWritten() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "headerless");
        // A producer (pid 999999999, long gone) published its claim position, moved the tail by one 16-byte record
        // and died before writing the record header.
        fakeDeadProducerClaim(queue.core, 16);

        queue.put("behind the hole");
        assertEquals("behind the hole", queue.poll(10, TimeUnit.SECONDS));
    }

    /**
     * A dead producer's header-less claim at the head, then a live producer's claim whose header is not written yet
     * (it moved the tail and was descheduled), then a committed message: the skipper may pad the dead claim only, not
     * the live producer's record up to the committed one.
     */
    @Test
    @Timeout(60)
    void shouldNotPadOverLiveProducerThatMovedTheTailButHasNotWrittenItsHeader() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "stalled");
        final LongValue go = LongValue.create(namespace, "go", 0);
        final RingCore core = queue.core;
        final long deadClaim = fakeDeadProducerClaim(core, 16);
        child = ChildJvm.start(StallAfterTailMoveMain.class, namespace.directory().toString(), "stalled", "go");
        final String claimed = child.awaitLine("CLAIMED", Duration.ofSeconds(30));
        final long liveClaim = Long.parseLong(claimed.substring("CLAIMED ".length()));
        assertEquals(deadClaim + 16, liveClaim);
        queue.put("after"); // committed behind the live producer's record

        Object handedOut = null;
        while (null == handedOut && consumedPosition(core) == deadClaim)
        {
            handedOut = queue.poll(10, TimeUnit.MILLISECONDS);
        }
        assertNull(handedOut, "nothing may be handed out past a live producer's record that is not written yet");
        assertEquals(liveClaim, consumedPosition(core), "only the dead producer's claim is skipped");

        go.set(1);
        child.awaitLine("COMMITTED", Duration.ofSeconds(30));
        assertEquals("live", queue.poll(10, TimeUnit.SECONDS), "the live producer's message is not lost");
        assertEquals("after", queue.poll(10, TimeUnit.SECONDS));
        assertTrue(queue.isEmpty());
    }

    /**
     * Makes a producer entry of a long-gone process (pid 999999999) hold a claim at the tail, and moves the tail by
     * {@code length} without writing a record header, as a producer killed right after its claim's CAS leaves it.
     *
     * @return the position of the dead claim.
     */
    private static long fakeDeadProducerClaim(final RingCore core, final int length)
    {
        final int tailIndex = core.capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
        final long tail = core.records.getLongVolatile(tailIndex);
        final int entryIndex = core.coreIndex + QueueDescriptor.PRODUCER_TABLE_OFFSET +
            (QueueDescriptor.DEFAULT_PRODUCER_ENTRIES - 1) * QueueDescriptor.ENTRY_LENGTH;
        core.buffer.putLongVolatile(entryIndex + QueueDescriptor.ENTRY_OWNER_OFFSET,
            ProcessIdentity.ownerWord(999_999_999L, 1));
        core.buffer.putLongVolatile(entryIndex + QueueDescriptor.ENTRY_CLAIM_POSITION_OFFSET, tail);
        core.records.putLongVolatile(tailIndex, tail + length);
        return tail;
    }

    private static long consumedPosition(final RingCore core)
    {
        return core.buffer.getLongVolatile(core.coreIndex + QueueDescriptor.CONSUMED_POSITION_OFFSET);
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
            ChildJvm.blockUntilKilled();
        }
    }

    /**
     * Child: a live producer stopped between its claim's tail move and its header write. It claims by hand as
     * Agrona's many-to-one claim does (entry published, then the tail moved by compare-and-set), prints CLAIMED and
     * the claim's position, waits for the shared value {@code args[2]} to become 1, then writes and commits the
     * string "live" and prints COMMITTED.
     */
    public static final class StallAfterTailMoveMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final SharedQueue<Object> queue = SharedQueue.open(namespace, args[1]);
            final LongValue go = LongValue.open(namespace, args[2]);
            final RingCore core = queue.core;
            final ExpandableArrayBuffer payload = new ExpandableArrayBuffer();
            final int payloadLength = queue.codec().encode("live", payload, 0);
            final int recordLength = HEADER_LENGTH + payloadLength;

            final int entryIndex = core.coreIndex + QueueDescriptor.PRODUCER_TABLE_OFFSET;
            final int tailIndex = core.capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
            if (!core.buffer.compareAndSetLong(entryIndex + QueueDescriptor.ENTRY_OWNER_OFFSET, 0,
                ProcessIdentity.currentOwnerWord()))
            {
                throw new IllegalStateException("first producer entry is taken");
            }
            final long tail = core.records.getLongVolatile(tailIndex);
            core.buffer.putLongVolatile(entryIndex + QueueDescriptor.ENTRY_CLAIM_POSITION_OFFSET, tail);
            if (!core.records.compareAndSetLong(tailIndex, tail, tail + BitUtil.align(recordLength, ALIGNMENT)))
            {
                throw new IllegalStateException("tail moved under the claim");
            }
            System.out.println("CLAIMED " + tail);
            while (1 != go.getAcquire())
            {
                Thread.sleep(1); // the parent checks the consumer meanwhile; no timing matters here
            }

            final int recordIndex = (int)tail & (core.capacity - 1);
            core.records.putInt(recordIndex + HEADER_LENGTH / 2, queue.codec().typeId("live"));
            core.records.putBytes(recordIndex + HEADER_LENGTH, payload, 0, payloadLength);
            core.records.putIntRelease(recordIndex, recordLength);
            core.buffer.putLongRelease(entryIndex + QueueDescriptor.ENTRY_CLAIM_POSITION_OFFSET, QueueDescriptor.IDLE);
            System.out.println("COMMITTED");
            ChildJvm.blockUntilKilled();
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
                        ChildJvm.blockUntilKilled();
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
                    ChildJvm.blockUntilKilled();
                }
                catch (final InterruptedException ignore)
                {
                    // killed first
                }
            }, 1);
        }
    }
}
