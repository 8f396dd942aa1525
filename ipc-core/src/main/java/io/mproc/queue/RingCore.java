package io.mproc.queue;

import io.mproc.internal.ProcessIdentity;
import io.mproc.sync.WaitStrategy;
import io.mproc.sync.WaitWord;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.file.Path;

import static io.mproc.queue.QueueDescriptor.ALL_DONE_WAIT_OFFSET;
import static io.mproc.queue.QueueDescriptor.CAPACITY_OFFSET;
import static io.mproc.queue.QueueDescriptor.CLOSED_OFFSET;
import static io.mproc.queue.QueueDescriptor.CONSUMED_POSITION_OFFSET;
import static io.mproc.queue.QueueDescriptor.CONSUMER_LOCK_OFFSET;
import static io.mproc.queue.QueueDescriptor.MAX_MESSAGE_LENGTH_OFFSET;
import static io.mproc.queue.QueueDescriptor.MESSAGES_TAKEN_OFFSET;
import static io.mproc.queue.QueueDescriptor.NOT_EMPTY_WAIT_OFFSET;
import static io.mproc.queue.QueueDescriptor.NOT_FULL_WAIT_OFFSET;
import static io.mproc.queue.QueueDescriptor.PRODUCERS_OFFSET;
import static io.mproc.queue.QueueDescriptor.PRODUCER_ENTRIES_OFFSET;
import static io.mproc.queue.QueueDescriptor.PRODUCER_TABLE_OFFSET;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.lengthOffset;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.typeOffset;

/**
 * The engine of one queue body ({@link QueueDescriptor}) inside a mapped region: Agrona's many-to-one ring made
 * many-to-many by a robust consumer lock, made crash-safe by the producer table, and made blocking by two wait
 * words. {@link MessageRing}, {@link SharedQueue} and each direction of a {@link Pipe} are built on it. Not API.
 * Thread-safe; the facades check that their handle is open before calling in.
 */
final class RingCore
{
    /** Shortest time between two attempts of one producer thread to free consumed space of a full-looking ring. */
    static final long PRODUCER_FREE_INTERVAL_NS = 50_000L;

    final UnsafeBuffer buffer;
    final ManyToOneRingBuffer ring;
    /** The claims of a {@link Producers#ONE} ring: Agrona's one-to-one claim over the same records; else null. */
    private final OneToOneRingBuffer exclusiveRing;
    final Producers producers;
    final UnsafeBuffer records;
    final WaitWord notEmpty;
    final WaitWord notFull;
    final WaitWord allDone;
    final WaitStrategy waitStrategy;
    final int capacity;
    final int maxMessageLength;
    final int coreIndex;
    private final Path path;
    private final int consumerLockIndex;
    final int consumedPositionIndex;
    private final int messagesTakenIndex;
    private final int headPositionIndex;
    /** Consumed bytes after which a reader that still finds messages frees the space anyway. */
    private final int freeBatchBytes;
    private final int closedIndex;
    /** The thread that took the single-producer lease through this handle, while it holds it. */
    private volatile Thread leaseHolder;
    private final long ownerWord = ProcessIdentity.currentOwnerWord();
    /** The producer table of a {@link Producers#MANY} ring; else null. */
    private final ProducerTable producerTable;
    /** The single-producer lease of a {@link Producers#ONE} ring; else null. */
    private final ProducerLease producerLease;
    private final ThreadLocal<ProducerEntry> producerEntry;
    /** State only the consumer-lock holder writes, padded away from what producers read on every message. */
    private final DeadProducerRecovery deadProducerRecovery;
    private ProducerEntry lastEntry;
    final ConsumerLedger ledger;
    /** This process's consumer ledger entry, looked up at the first read of this handle; see {@link ConsumerLedger}. */
    private int ledgerEntryIndex = ConsumerLedger.NOT_LOOKED_UP;

    /**
     * @param buffer       over the whole region.
     * @param coreIndex    index of the queue body in {@code buffer}.
     * @param path         of the region, for messages.
     * @param waitStrategy how this handle's blocking calls wait.
     */
    RingCore(final UnsafeBuffer buffer, final int coreIndex, final Path path, final WaitStrategy waitStrategy)
    {
        this.buffer = buffer;
        this.coreIndex = coreIndex;
        this.path = path;
        this.waitStrategy = waitStrategy;
        capacity = buffer.getInt(coreIndex + CAPACITY_OFFSET);
        maxMessageLength = buffer.getInt(coreIndex + MAX_MESSAGE_LENGTH_OFFSET);
        QueueDescriptor.checkHeader(buffer, coreIndex, path); // a foreign or truncated file fails here, cold
        final int producerEntries = buffer.getInt(coreIndex + PRODUCER_ENTRIES_OFFSET);
        final int ringIndex = coreIndex + QueueDescriptor.ringOffset(producerEntries);
        final int ringLength = capacity + RingBufferDescriptor.TRAILER_LENGTH;
        records = new UnsafeBuffer(buffer, ringIndex, ringLength);
        ring = new ManyToOneRingBuffer(records);
        producers = Producers.values()[buffer.getInt(coreIndex + PRODUCERS_OFFSET)];
        exclusiveRing = Producers.ONE == producers ? new OneToOneRingBuffer(records) : null;
        // Producers commit and consumers free space with plain stores, and their waiters cover the race (WaitWord).
        notEmpty = new WaitWord(buffer, coreIndex + NOT_EMPTY_WAIT_OFFSET, true);
        notFull = new WaitWord(buffer, coreIndex + NOT_FULL_WAIT_OFFSET, true);
        allDone = new WaitWord(buffer, coreIndex + ALL_DONE_WAIT_OFFSET);
        consumerLockIndex = coreIndex + CONSUMER_LOCK_OFFSET;
        consumedPositionIndex = coreIndex + CONSUMED_POSITION_OFFSET;
        messagesTakenIndex = coreIndex + MESSAGES_TAKEN_OFFSET;
        headPositionIndex = capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
        freeBatchBytes = QueueDescriptor.freeBatchBytes(capacity);
        closedIndex = coreIndex + CLOSED_OFFSET;
        ledger = new ConsumerLedger(buffer, coreIndex, path);
        // A ONE ring's producer also takes a table entry: its claimAfterFreeingConsumedSpace keeps its state there.
        producerTable = new ProducerTable(
            buffer, ring, coreIndex + PRODUCER_TABLE_OFFSET, producerEntries, ownerWord, path);
        producerEntry = ThreadLocal.withInitial(producerTable::register);
        producerLease = Producers.ONE == producers ? new ProducerLease(buffer, ring, coreIndex, ownerWord, path) : null;
        deadProducerRecovery = new DeadProducerRecovery(buffer, records, ring, consumedPositionIndex,
            null == exclusiveRing ? producerTable : null, producerLease);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Producers
    // ---------------------------------------------------------------------------------------------------------------

    int tryClaim(final int msgTypeId, final int length)
    {
        checkWritable(length);
        if (null != exclusiveRing)
        {
            return tryClaimExclusive(msgTypeId, length);
        }
        final ProducerEntry entry = producerEntry();
        entry.beginClaim();
        int index = claimRecord(msgTypeId, length);
        if (index < 0)
        {
            index = claimAfterFreeingConsumedSpace(entry, msgTypeId, length);
            if (index < 0)
            {
                entry.endClaim();
            }
        }
        return index;
    }

    /**
     * The ring looks full, but consumers free consumed space in bulk (see {@link QueueDescriptor}): free it here,
     * under the consumer lock, and claim again. At most once per {@link #PRODUCER_FREE_INTERVAL_NS} per producer
     * thread, so that a producer spinning on a ring that is really full does not fight consumers for their lock.
     */
    private int claimAfterFreeingConsumedSpace(final ProducerEntry entry, final int msgTypeId, final int length)
    {
        final long nowNs = System.nanoTime();
        if (nowNs - entry.lastFreeAttemptNs < PRODUCER_FREE_INTERVAL_NS || !tryLockConsumer())
        {
            return RingBuffer.INSUFFICIENT_CAPACITY;
        }
        entry.lastFreeAttemptNs = nowNs;
        boolean freed = false;
        try
        {
            freed = freeConsumedSpace();
        }
        finally
        {
            unlockConsumer(freed);
        }
        return freed ? claimRecord(msgTypeId, length) : RingBuffer.INSUFFICIENT_CAPACITY;
    }

    /**
     * The claim of a {@link Producers#ONE} ring: no compare-and-set and no producer-table stores, the lease says
     * who may hold a claim.
     */
    private int tryClaimExclusive(final int msgTypeId, final int length)
    {
        if (leaseHolder != Thread.currentThread())
        {
            takeProducerLease();
        }
        final int index = exclusiveRing.tryClaim(msgTypeId, length);
        return index >= 0 ? index : claimAfterFreeingConsumedSpace(producerEntry(), msgTypeId, length);
    }

    private int claimRecord(final int msgTypeId, final int length)
    {
        final OneToOneRingBuffer exclusiveRing = this.exclusiveRing;
        return null != exclusiveRing ? exclusiveRing.tryClaim(msgTypeId, length) : ring.tryClaim(msgTypeId, length);
    }

    /**
     * Takes the producer role of a {@link Producers#ONE} ring for the calling thread. Cold: once per producer thread.
     *
     * @throws IllegalStateException when another live thread or process holds it.
     */
    private void takeProducerLease()
    {
        synchronized (ProducerLease.MONITOR)
        {
            producerLease.take(leaseHolder);
            leaseHolder = Thread.currentThread();
        }
    }

    /**
     * Gives the single-producer lease back if a thread of this handle holds it (on close of the handle).
     */
    private void releaseProducerLease()
    {
        synchronized (ProducerLease.MONITOR)
        {
            producerLease.release(leaseHolder);
            leaseHolder = null;
        }
    }

    void commit(final int index)
    {
        ring.commit(index);
        if (null == exclusiveRing)
        {
            producerEntry().endClaim();
        }
        signalNotEmpty();
    }

    void abort(final int index)
    {
        ring.abort(index);
        if (null == exclusiveRing)
        {
            producerEntry().endClaim();
        }
    }

    private void signalNotEmpty()
    {
        notEmpty.wake(1); // no fence after the commit's ordered store: notEmpty's waiters cover it (WaitWord)
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Consumers
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Reads up to {@code limit} messages under the consumer lock; 0 when another consumer holds it or nothing is
     * committed.
     */
    int read(final MessageHandler handler, final int limit)
    {
        if (ConsumerLedger.NOT_LOOKED_UP == ledgerEntryIndex)
        {
            ledgerEntryOfThisProcess();
        }
        if (!tryLockConsumer())
        {
            return 0;
        }
        int read = 0;
        boolean freed = false;
        try
        {
            read = readLocked(handler, limit);
            if (read < limit || consumedNotFreed() >= freeBatchBytes || notFull.sleepersVolatile() > 0 ||
                !isNextCommitted())
            {
                // Caught up with the producers, enough for a bulk zeroing, or a producer waits for space. Freeing
                // as soon as the reader catches up also keeps ping-pong traffic at one message in flight.
                freed = freeConsumedSpace();
            }
            if (0 == read)
            {
                deadProducerRecovery.skipRecordOfDeadProducer();
            }
        }
        finally
        {
            unlockConsumer(freed);
        }
        return read;
    }

    /**
     * @return this process's consumer ledger entry, looked up once per handle; {@link ConsumerLedger#NO_ENTRY} when
     * the ledger is full.
     */
    int ledgerEntryOfThisProcess()
    {
        int entryIndex = ledgerEntryIndex;
        if (ConsumerLedger.NOT_LOOKED_UP == entryIndex)
        {
            entryIndex = ledger.entryOfThisProcess();
            ledgerEntryIndex = entryIndex;
        }
        return entryIndex;
    }

    /**
     * Agrona's read, under the consumer lock, from the consumed position, which is stored before each message is
     * handed out; the space is zeroed and freed for producers later, in bulk ({@link #freeConsumedSpace()}).
     * See {@link QueueDescriptor}.
     */
    private int readLocked(final MessageHandler handler, final int limit)
    {
        final UnsafeBuffer records = this.records;
        final UnsafeBuffer buffer = this.buffer;
        final int consumedPositionIndex = this.consumedPositionIndex;
        final int messagesTakenIndex = this.messagesTakenIndex;
        final long consumed = buffer.getLong(consumedPositionIndex); // only the lock holder writes these two
        final long taken = buffer.getLong(messagesTakenIndex);
        final int entryIndex = ledgerEntryIndex;
        final int ledgerTakenIndex = entryIndex >= 0 ? entryIndex + QueueDescriptor.LEDGER_TAKEN_OFFSET : -1;
        final long ledgerTaken = entryIndex >= 0 ? buffer.getLong(ledgerTakenIndex) : 0;
        final int mask = capacity - 1;
        int messagesRead = 0;
        int bytesRead = 0;
        // Unlike Agrona's read this goes on past the end of the buffer, so that the padding a wrapping claim leaves
        // there never makes a read come back empty while a message waits at the start.
        while (messagesRead < limit && bytesRead < capacity)
        {
            final int recordIndex = (int)(consumed + bytesRead) & mask;
            final int recordLength = records.getIntVolatile(lengthOffset(recordIndex));
            if (recordLength <= 0)
            {
                break;
            }
            bytesRead += org.agrona.BitUtil.align(recordLength, ALIGNMENT);
            final int msgTypeId = records.getInt(typeOffset(recordIndex));
            if (RingBuffer.PADDING_MSG_TYPE_ID != msgTypeId)
            {
                // Counted before the consumed position moves: a joiner that sees the move sees the count too; and
                // in this process's ledger entry first, so that a consumer killed holding it is found (ConsumerLedger).
                messagesRead++;
                if (ledgerTakenIndex >= 0)
                {
                    buffer.putLongRelease(ledgerTakenIndex, ledgerTaken + messagesRead);
                }
                buffer.putLongRelease(messagesTakenIndex, taken + messagesRead);
                buffer.putLongRelease(consumedPositionIndex, consumed + bytesRead); // handed out: never again
                handler.onMessage(msgTypeId, records, recordIndex + HEADER_LENGTH, recordLength - HEADER_LENGTH);
            }
            else
            {
                buffer.putLongRelease(consumedPositionIndex, consumed + bytesRead);
            }
        }
        return messagesRead;
    }

    /**
     * @return true when the record at the consumed position is committed; under the consumer lock.
     */
    private boolean isNextCommitted()
    {
        return records.getIntVolatile((int)buffer.getLong(consumedPositionIndex) & (capacity - 1)) > 0;
    }

    /**
     * @return bytes consumed but not yet zeroed and given back to producers; under the consumer lock.
     */
    private long consumedNotFreed()
    {
        return buffer.getLong(consumedPositionIndex) - records.getLong(headPositionIndex);
    }

    /**
     * Under the consumer lock: zeroes what was consumed since the head and moves Agrona's head up to it, giving the
     * space back to producers. Also finishes the work of a consumer that died holding the lock.
     *
     * @return true when space was freed.
     */
    private boolean freeConsumedSpace()
    {
        final long head = records.getLong(headPositionIndex);
        final long consumed = buffer.getLong(consumedPositionIndex);
        if (consumed == head)
        {
            return false;
        }
        final int headIndex = (int)head & (capacity - 1);
        final int length = (int)(consumed - head);
        final int toEnd = Math.min(length, capacity - headIndex);
        records.setMemory(headIndex, toEnd, (byte)0);
        if (length > toEnd)
        {
            records.setMemory(0, length - toEnd, (byte)0); // the consumed span wrapped around
        }
        records.putLongRelease(headPositionIndex, consumed);
        return true;
    }

    /**
     * @return true when the head record is committed, i.e. a consumer would get a message now.
     */
    boolean isReadable()
    {
        // Beyond the tail the ring is zeroed, so a committed header is all it takes; padding (a wrapping claim's, or a
        // dead producer's record) is stepped over, as a read would.
        final int mask = capacity - 1;
        final long start = nextUnreadPosition();
        long position = start;
        while (position - start < capacity)
        {
            final int recordIndex = (int)position & mask;
            final int length = records.getIntVolatile(lengthOffset(recordIndex));
            if (length <= 0)
            {
                return false;
            }
            if (RingBuffer.PADDING_MSG_TYPE_ID != records.getInt(typeOffset(recordIndex)))
            {
                return true;
            }
            position += org.agrona.BitUtil.align(length, ALIGNMENT);
        }
        return false;
    }

    /**
     * @return messages ever handed out to consumers, with volatile semantics.
     */
    long messagesTaken()
    {
        return buffer.getLongVolatile(messagesTakenIndex);
    }

    boolean isEmpty()
    {
        return nextUnreadPosition() == ring.producerPosition();
    }

    /**
     * @return the position of the first message no consumer has been handed.
     */
    private long nextUnreadPosition()
    {
        return buffer.getLongVolatile(consumedPositionIndex);
    }

    int freeBytes()
    {
        return capacity - ring.size();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shutdown
    // ---------------------------------------------------------------------------------------------------------------

    void shutdown()
    {
        buffer.putIntVolatile(closedIndex, 1);
        notEmpty.wake(Integer.MAX_VALUE);
        notFull.wake(Integer.MAX_VALUE);
        allDone.wake(Integer.MAX_VALUE);
    }

    boolean isShutdown()
    {
        return 0 != buffer.getIntVolatile(closedIndex);
    }

    /**
     * Gives back this handle's producer entries (on close of the handle).
     */
    void releaseProducerEntries()
    {
        if (null != exclusiveRing)
        {
            releaseProducerLease();
        }
        producerTable.releaseAll();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Consumer lock and crash recovery
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Tries once to take the consumer lock, taking it over from a dead owner.
     */
    boolean tryLockConsumer()
    {
        final long owner = buffer.getLongVolatile(consumerLockIndex);
        if (0 == owner)
        {
            return buffer.compareAndSetLong(consumerLockIndex, 0, ownerWord);
        }
        // A consumer killed holding it loses the message it held, the only one: it stored the consumed position
        // past that message before handling it, and the space it had not freed yet is freed by the next reads.
        return owner != ownerWord && !ProcessIdentity.isOwnerAlive(owner) &&
            buffer.compareAndSetLong(consumerLockIndex, owner, ownerWord);
    }

    /**
     * Tries the consumer lock for a while, for the cold calls that look at the ring without reading it.
     */
    boolean lockConsumerBriefly()
    {
        for (int i = 0; i < 10_000; i++)
        {
            if (tryLockConsumer())
            {
                return true;
            }
            if (i > 100)
            {
                Thread.yield();
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        return false;
    }

    /**
     * Releases the consumer lock with a plain release store, then wakes sleepers that announced themselves:
     * producers waiting for space, if this hold freed some, and consumers waiting for a message while we held the
     * lock. Both words' waiters cover a wake missed for want of a fence (WaitWord). A ring created for waits that
     * never sleep skips the wakes.
     */
    void unlockConsumer(final boolean freedSpace)
    {
        buffer.putLongRelease(consumerLockIndex, 0);
        if (!notEmpty.wakesSleepers())
        {
            return; // nobody ever sleeps on this ring
        }
        if (freedSpace)
        {
            notFull.wake(Integer.MAX_VALUE);
        }
        if (notEmpty.sleepersVolatile() > 0 && isReadable())
        {
            notEmpty.wake(1);
        }
    }

    private void checkWritable(final int length)
    {
        // Kept tiny, the throwing in methods of their own, so that the JIT inlines the claim path whole.
        if (length > maxMessageLength || length < 0 || 0 != buffer.getIntVolatile(closedIndex))
        {
            throwNotWritable(length);
        }
    }

    private void throwNotWritable(final int length)
    {
        if (length > maxMessageLength || length < 0)
        {
            throw new MessageTooLargeException(length, maxMessageLength);
        }
        throw new QueueClosedException("queue is shut down: " + path);
    }

    /**
     * The calling thread's entry: the last thread's entry is kept in a field, so that the usual single producer
     * thread skips the thread-local lookup (two per message otherwise).
     */
    private ProducerEntry producerEntry()
    {
        final ProducerEntry cached = lastEntry;
        return null != cached && cached.thread == Thread.currentThread() ? cached : producerEntrySlow();
    }

    private ProducerEntry producerEntrySlow()
    {
        final ProducerEntry entry = producerEntry.get();
        lastEntry = entry;
        return entry;
    }
}
