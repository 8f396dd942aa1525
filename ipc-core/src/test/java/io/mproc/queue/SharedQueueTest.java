package io.mproc.queue;

import io.mproc.memory.ForeignFileException;
import io.mproc.memory.KindMismatchException;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionDescriptor;
import io.mproc.sync.BlockingWaitStrategy;
import io.mproc.value.LongValue;
import net.openhft.chronicle.bytes.BytesMarshallable;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedQueueTest
{
    private Namespace namespace;

    @BeforeEach
    void setUp()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void tearDown()
    {
        namespace.close();
    }

    @Test
    @Timeout(30)
    void shouldSendTheValueAsItIsNowAfterAnOfferRefusedForWantOfSpace() throws Exception
    {
        final SharedQueue<StringBuilder> queue = SharedQueue.builder(namespace, "mutated").capacity(1024)
            .codec(new StringBuilderCodec()).create();
        final StringBuilder message = new StringBuilder("old");
        int queued = 0;
        while (queue.offer(message))
        {
            queued++;
        }
        for (int i = 0; i < queued; i++)
        {
            assertEquals("old", queue.take().toString());
        }
        message.setLength(0);
        message.append("new");
        assertTrue(queue.offer(message));
        assertEquals("new", queue.take().toString(), "a refused offer keeps no encoding of the value for the next one");
    }

    /**
     * Waits until a thread announced itself asleep on {@code word}: the state a wake-up test needs, instead of a
     * sleep that hopes the thread got there.
     */
    private static void awaitSleeper(final io.mproc.sync.WaitWord word)
    {
        while (0 == word.sleepersVolatile())
        {
            Thread.yield();
        }
    }

    /**
     * A codec whose encoded length is only known after encoding, so values go through the producer's scratch buffer.
     */
    private static final class StringBuilderCodec implements Codec<StringBuilder>
    {
        public int typeId(final StringBuilder value)
        {
            return 1;
        }

        public int encodedLength(final StringBuilder value)
        {
            return UNKNOWN_LENGTH;
        }

        public int encode(final StringBuilder value, final org.agrona.MutableDirectBuffer buffer, final int index)
        {
            return buffer.putStringWithoutLengthAscii(index, value.toString());
        }

        public StringBuilder decode(final int typeId, final org.agrona.DirectBuffer buffer, final int index,
            final int length)
        {
            return new StringBuilder(buffer.getStringWithoutLengthAscii(index, length));
        }
    }

    @Test
    void shouldRoundTripEveryBuiltInType() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "types");
        final Object[] values = {42L, 7, 2.5, 1.5f, (short)3, (byte)-4, 'x', true, "héllo wörld €𝄞", new byte[]{1, 2, 3},
            ByteBuffer.wrap(new byte[]{9, 8}), new UnsafeBuffer(new byte[]{5, 6, 7}), ""};
        for (final Object value : values)
        {
            queue.put(value);
        }
        assertEquals(values.length, queue.size());
        for (final Object value : values)
        {
            final Object taken = queue.take();
            if (value instanceof byte[])
            {
                assertArrayEquals((byte[])value, (byte[])taken);
            }
            else if (value instanceof ByteBuffer)
            {
                assertEquals(value, taken);
            }
            else if (value instanceof UnsafeBuffer)
            {
                final UnsafeBuffer buffer = (UnsafeBuffer)taken;
                assertArrayEquals(new byte[]{5, 6, 7}, buffer.byteArray());
            }
            else
            {
                assertEquals(value, taken);
            }
        }
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
    }

    @Test
    void shouldUseChronicleMarshallingForMarshallableTypesOnTheAllowList() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "marshal")
            .allowList(AllowList.of(Trade.class)).create();
        final Trade trade = new Trade();
        trade.symbol = "ACME";
        trade.price = 12.5;
        trade.quantity = 300;
        queue.put(trade);
        final Trade copy = (Trade)queue.take();
        assertEquals("ACME", copy.symbol);
        assertEquals(12.5, copy.price);
        assertEquals(300, copy.quantity);
    }

    @Test
    void shouldSerializeUserClassesOnTheAllowListAndRejectOthersAtTheReceiver() throws Exception
    {
        // The sender allows Money and Trade; the receiver "producer" handle allows nothing beyond the defaults.
        final SharedQueue<Object> producer = SharedQueue.create(namespace, "records");
        final SharedQueue<Object> allowed = SharedQueue.builder(namespace, "records")
            .allowList(AllowList.of(Money.class, Trade.class)).open();
        allowed.put(new Money(12));
        assertEquals(new Money(12), allowed.take());
        producer.put(new Point(1, 2));
        assertEquals(new Point(1, 2), allowed.take(), "records travel by default");

        allowed.put(new Money(34));
        allowed.put("after");
        final MessageDecodingException ex = assertThrows(MessageDecodingException.class, producer::take);
        assertTrue(ex.getMessage().contains("allow-list"), ex.getMessage());
        assertTrue(ex.getMessage().contains(Money.class.getName()), ex.getMessage());
        assertEquals("after", producer.take(), "the rejected message was consumed, the queue works on");

        allowed.put("first");
        allowed.put(new Money(56));
        allowed.put("last");
        final List<Object> drained = new ArrayList<>();
        assertThrows(MessageDecodingException.class, () -> producer.drainTo(drained));
        assertEquals(List.of("first", "last"), drained, "the batch around the rejected message is not lost");
        assertTrue(producer.isEmpty());

        final Trade trade = new Trade();
        allowed.put(trade);
        final MessageDecodingException marshalled = assertThrows(MessageDecodingException.class, producer::take);
        assertTrue(marshalled.getMessage().contains("class=" + Trade.class.getName()), marshalled.getMessage());
    }

    @Test
    void shouldRejectUnencodableValuesAtThePut()
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "bad");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> queue.offer(new Object()));
        assertTrue(ex.getMessage().startsWith("cannot send java.lang.Object on queue 'bad'"), ex.getMessage());
        assertThrows(NullPointerException.class, () -> queue.offer(null));
        assertTrue(queue.isEmpty());
    }

    @Test
    void shouldRejectOversizedMessageWithBothSizes()
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "small").capacity(1024).create();
        final MessageTooLargeException ex = assertThrows(MessageTooLargeException.class,
            () -> queue.offer(new byte[129]));
        assertEquals("message exceeds the queue's maximum: length=129, maxLength=128", ex.getMessage());
        assertTrue(queue.offer(new byte[128]));
        final SharedQueue<Object> serialized = SharedQueue.builder(namespace, "small2").capacity(1024).create();
        final MessageTooLargeException big = assertThrows(MessageTooLargeException.class,
            () -> serialized.offer(new Point[100]));
        assertTrue(big.length() > 128);
    }

    @Test
    void shouldRejectWrongKindAndBadCapacity()
    {
        LongValue.create(namespace, "value", 1);
        assertThrows(KindMismatchException.class, () -> SharedQueue.open(namespace, "value"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SharedQueue.builder(namespace, "odd").capacity(1000));
        assertTrue(ex.getMessage().contains("capacity=1000"), ex.getMessage());
    }

    @Test
    @Timeout(20)
    void shouldTimeOutOnEmptyAndFullQueue() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "bounded").capacity(1024).create();
        final long startNs = System.nanoTime();
        assertNull(queue.poll(50, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(50));

        int puts = 0;
        while (queue.offer(123456789L))
        {
            puts++;
        }
        assertEquals(1024 / 16, puts, "each 8-byte message takes a 16-byte record");
        assertFalse(queue.offer(1L, 50, TimeUnit.MILLISECONDS));
        assertThrows(IllegalStateException.class, () -> queue.add(1L));
        assertEquals(123456789L, queue.take());
        assertTrue(queue.offer(2L, 50, TimeUnit.MILLISECONDS));
    }

    @Test
    @Timeout(20)
    void shouldWakeBlockedTakerAndPutter() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "wake").capacity(1024)
            .waitStrategy(BlockingWaitStrategy.INSTANCE).create();
        final AtomicReference<Object> taken = new AtomicReference<>();
        final Thread taker = new Thread(() ->
        {
            try
            {
                taken.set(queue.take());
            }
            catch (final InterruptedException ex)
            {
                taken.set(ex);
            }
        });
        taker.start();
        awaitSleeper(queue.core.notEmpty); // asleep in the kernel
        queue.put("wake up");
        taker.join();
        assertEquals("wake up", taken.get());

        while (queue.offer(1L))
        {
            // fill it
        }
        final CountDownLatch putDone = new CountDownLatch(1);
        final Thread putter = new Thread(() ->
        {
            try
            {
                queue.put(99L);
                putDone.countDown();
            }
            catch (final InterruptedException ignore)
            {
                // fails the test below
            }
        });
        putter.start();
        awaitSleeper(queue.core.notFull);
        assertEquals(1L, queue.take());
        putDone.await();
        putter.join();
    }

    @Test
    @Timeout(20)
    void shouldInterruptBlockedTake() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "interrupt");
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread taker = new Thread(() ->
        {
            try
            {
                queue.take();
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        });
        taker.start();
        awaitSleeper(queue.core.notEmpty);
        taker.interrupt();
        taker.join();
        assertInstanceOf(InterruptedException.class, thrown.get());
    }

    @Test
    @Timeout(20)
    void shouldSignalShutdownToBlockedConsumersAfterDraining() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "closing")
            .waitStrategy(BlockingWaitStrategy.INSTANCE).create();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread taker = new Thread(() ->
        {
            try
            {
                queue.take();
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        });
        taker.start();
        awaitSleeper(queue.core.notEmpty);
        queue.shutdown();
        taker.join();
        assertInstanceOf(QueueClosedException.class, thrown.get());

        final SharedQueue<Object> other = SharedQueue.create(namespace, "drain");
        other.put("left over");
        other.shutdown();
        assertThrows(QueueClosedException.class, () -> other.put("late"));
        assertEquals("left over", other.take());
        assertThrows(QueueClosedException.class, other::take);
        assertThrows(QueueClosedException.class, other::poll);
        assertTrue(other.isShutdown());
    }

    @Test
    void shouldPeekDrainAndRemove() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "collection");
        assertNull(queue.peek());
        queue.addAll(List.of(1L, 2L, 3L, 4L));
        assertEquals(1L, queue.peek());
        assertEquals(1L, queue.element());
        assertEquals(4, queue.size());
        assertEquals(1L, queue.remove());
        final List<Object> drained = new ArrayList<>();
        assertEquals(2, queue.drainTo(drained, 2));
        assertEquals(List.of(2L, 3L), drained);
        queue.clear();
        assertTrue(queue.isEmpty());
        assertThrows(UnsupportedOperationException.class, queue::iterator);
        assertTrue(queue.remainingCapacity() > 0);
    }

    @Test
    void shouldThrowNoSuchElementWhenRemovingOrExaminingAnEmptyQueue()
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "empty");
        assertThrows(java.util.NoSuchElementException.class, queue::remove);
        assertThrows(java.util.NoSuchElementException.class, queue::element);
        assertThrows(IllegalArgumentException.class, () -> queue.addAll(queue));
    }

    @Test
    void shouldKeepEveryBuilderStepTypedAsSharedQueueBuilder()
    {
        // Source compatibility: code that names SharedQueue.Builder compiles with the builder in QueueBuilder.
        final SharedQueue.Builder<Object> builder = SharedQueue.builder(namespace, "built")
            .capacity(1 << 16).producers(Producers.MANY).waitStrategy(BlockingWaitStrategy.INSTANCE);
        final SharedQueue.Builder<Object> allowing = builder.allowList(AllowList.NONE);
        final SharedQueue.Builder<Object> coded = allowing.codec(new ObjectCodec(AllowList.NONE));
        try (SharedQueue<Object> queue = coded.create())
        {
            assertEquals(1 << 16, queue.capacityInBytes());
        }
    }

    @Test
    @Timeout(20)
    void shouldJoinWhenEveryTaskIsDone() throws Exception
    {
        final JoinableQueue<Object> queue = JoinableQueue.create(namespace, "joinable");
        queue.put("a");
        queue.put("b");
        assertEquals(2, queue.unfinishedTasks());
        assertFalse(queue.join(20, TimeUnit.MILLISECONDS));
        queue.take();
        queue.taskDone();
        queue.take();
        final Thread joiner = new Thread(() ->
        {
            try
            {
                queue.join();
            }
            catch (final InterruptedException ignore)
            {
                // test fails on join timeout below
            }
        });
        joiner.start();
        awaitSleeper(queue.core.allDone);
        queue.taskDone();
        joiner.join();
        assertThrows(IllegalStateException.class, queue::taskDone);
        assertEquals(0, queue.unfinishedTasks());
    }

    @Test
    void shouldRejectAQueueOrPipeWithAnUnknownProducersModeOrDirection() throws Exception
    {
        SharedQueue.create(namespace, "bad-mode").close();
        overwriteInt(namespace.pathOf("bad-mode"),
            RegionDescriptor.HEADER_LENGTH + QueueDescriptor.PRODUCERS_OFFSET, 7);
        final ForeignFileException mode = assertThrows(ForeignFileException.class,
            () -> SharedQueue.open(namespace, "bad-mode"));
        assertTrue(mode.getMessage().contains("unknown producers mode 7"), mode.getMessage());
        assertTrue(mode.getMessage().contains(namespace.pathOf("bad-mode").toString()), mode.getMessage());

        Pipe.create(namespace, "bad-direction").close();
        overwriteInt(namespace.pathOf("bad-direction"),
            RegionDescriptor.HEADER_LENGTH + PipeDescriptor.END_A_OFFSET + PipeDescriptor.DIRECTION_OFFSET, 9);
        final ForeignFileException direction = assertThrows(ForeignFileException.class,
            () -> Connection.open(namespace, "bad-direction", "B"));
        assertTrue(direction.getMessage().contains("pipe direction 9"), direction.getMessage());
    }

    private static void overwriteInt(final java.nio.file.Path path, final int offset, final int value)
        throws java.io.IOException
    {
        final byte[] bytes = java.nio.file.Files.readAllBytes(path);
        new UnsafeBuffer(bytes).putInt(offset, value);
        java.nio.file.Files.write(path, bytes);
    }

    @Test
    @Timeout(30)
    void shouldNotMistakeThePaddingAtTheWrapForAMessage() throws Exception
    {
        final MessageRing ring = MessageRing.create(namespace, "wrap", 1024);
        final List<Integer> lengths = new ArrayList<>();
        // Seven 128-byte records and one of 64 leave the tail 64 bytes before the end of the ring.
        for (int i = 0; i < 8; i++)
        {
            final int index = ring.tryClaim(1, i < 7 ? 120 : 56);
            ring.commit(index);
        }
        assertEquals(8, ring.read((type, buffer, index, length) -> lengths.add(length), 100));
        assertEquals(List.of(120, 120, 120, 120, 120, 120, 120, 56), lengths);

        // A 128-byte record does not fit in those 64 bytes: the claim pads them and takes the start of the ring.
        final int claimed = ring.tryClaim(2, 120);
        assertEquals(RingBuffer.INSUFFICIENT_CAPACITY != claimed, true);
        assertFalse(ring.awaitReadable(0, TimeUnit.MILLISECONDS), "the padding alone is no message");
        assertEquals(0, ring.read((type, buffer, index, length) -> lengths.add(-1), 100));

        ring.commit(claimed);
        assertTrue(ring.awaitReadable(0, TimeUnit.MILLISECONDS));
        lengths.clear();
        assertEquals(1, ring.read((type, buffer, index, length) -> lengths.add(length), 100),
            "one read goes past the padding and on from the start of the ring");
        assertEquals(List.of(120), lengths);
        assertTrue(ring.isEmpty());
    }

    @Test
    void shouldClaimWriteCommitAndReadInPlace()
    {
        final MessageRing ring = MessageRing.create(namespace, "ring", 4096);
        final int index = ring.tryClaim(7, 16);
        ring.buffer().putLong(index, 11);
        ring.buffer().putLong(index + 8, 22);
        ring.commit(index);
        final int aborted = ring.tryClaim(8, 8);
        ring.abort(aborted);
        assertTrue(ring.write(9, new UnsafeBuffer(new byte[]{1, 2, 3}), 0, 3));

        final List<String> seen = new ArrayList<>();
        final int read = ring.read((typeId, buffer, at, length) ->
            seen.add(typeId + ":" + length + ":" + buffer.getLong(at)), 10);
        assertEquals(2, read);
        assertEquals("7:16:11", seen.get(0));
        assertTrue(seen.get(1).startsWith("9:3:"));
        assertEquals(0, ring.read((t, b, i, l) -> seen.add("none"), 10));

        final MessageRing fresh = MessageRing.create(namespace, "fresh", 4096);
        int claim;
        int claims = 0;
        while (RingBuffer.INSUFFICIENT_CAPACITY != (claim = fresh.tryClaim(1, 504)))
        {
            fresh.commit(claim);
            claims++;
        }
        assertEquals(8, claims, "4096 bytes hold 8 records of 504 + 8 bytes");
        assertThrows(MessageTooLargeException.class, () -> fresh.tryClaim(1, 513));
    }

    public static final class Trade implements BytesMarshallable
    {
        String symbol;
        double price;
        long quantity;
    }

    /** A serialisable user class that is not a record: it travels only where allowed. */
    public static final class Money implements Serializable
    {
        private static final long serialVersionUID = 1L;
        final long cents;

        Money(final long cents)
        {
            this.cents = cents;
        }

        public boolean equals(final Object other)
        {
            return other instanceof Money && ((Money)other).cents == cents;
        }

        public int hashCode()
        {
            return Long.hashCode(cents);
        }
    }

    public record Point(int x, int y) implements Serializable
    {
    }
}
