package io.mproc.queue;

import io.mproc.memory.ElementType;
import io.mproc.memory.ForeignFileException;
import io.mproc.memory.LengthMismatchException;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import io.mproc.memory.TruncatedRegionException;
import io.mproc.sync.WaitStrategy;
import io.mproc.sync.WaitWord;
import org.agrona.BitUtil;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.file.Path;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Body of a message queue ({@link RegionKind#QUEUE}) or of one direction of a pipe, after the region header.
 * <p>
 * <b>Why this design.</b> Agrona offers over shared memory a one-to-one and a many-to-one ring, both proven, but no
 * many-to-many one. The queue is Agrona's {@code ManyToOneRingBuffer} (producers claim space by CAS on the tail,
 * as fast as Agrona is) with the single-consumer side made many-consumer by a <i>consumer lock</i>: a consumer
 * holds it only while it copies out and commits a message (or a batch, on the zero-copy path), so consumers
 * serialise on one CAS per read, which measured cheaper here than per-slot sequence claims for small messages and
 * keeps Agrona's variable-length records. Two additions make it crash-safe across processes:
 * <ul>
 *   <li><b>Producer table.</b> Before each claim a producer thread publishes "I may claim at or after position P"
 *   in its own table entry (with its pid and process start time) and clears it after commit or abort. A consumer
 *   that finds the head record claimed but never committed skips it only when no <i>live</i>
 *   producer could own it, so a slow producer (GC pause) is waited for and a dead one is skipped at once. A dead
 *   claim whose header was never written is padded up to the next written header, but never past the lowest live
 *   claim position: a live producer that has moved the tail but not written its header yet leaves the same zeroes. A thread
 *   keeps its entry while it lives; a handle gives back the entries of its threads that have ended whenever one of
 *   its threads takes a new entry (and when a consumer through it finds the head blocked), so the table limits the
 *   producer threads alive at once, not those ever seen.</li>
 *   <li><b>Robust consumer lock.</b> The lock word is the owner's pid and the low 32 bits of its start time; a
 *   consumer that finds it held by a dead process takes it over.</li>
 *   <li><b>Consumed position.</b> Beside the lock word, the lock holder records how far messages have been handed
 *   out, with a plain store before each message goes to its handler, and consumers read from there. Agrona's head,
 *   which gives the space back to producers after zeroing it, trails behind: a reader moves it up to the consumed
 *   position when it catches up with the producers (the next record is not committed), or once
 *   {@link #freeBatchBytes(int)} have been consumed since. So a
 *   one-message {@code poll} costs no head store and no zeroing, and a producer waiting on a full ring is not
 *   disturbed by a head that moves every message; a consumer killed mid-batch still loses only the message it
 *   held, since the next lock holder starts at the consumed position. The price: while consumers are between
 *   reads, up to {@link #freeBatchBytes(int)} of consumed space may not be free for producers yet.</li>
 *   <li><b>Single producer.</b> A ring created for {@link Producers#ONE} claims with Agrona's one-to-one claim
 *   (plain stores, no compare-and-set) under a robust lease on the producer role, and without the producer table:
 *   the lease says who may hold a claim. Its holder owns every record from the lease start (the tail when it took
 *   the lease) on, so an uncommitted record is waited for while the holder lives and the record lies at or after
 *   the lease start, and skipped otherwise (a dead holder's, or a previous holder's). The records and the consumers
 *   are the same as in the many-producer ring.</li>
 *   <li><b>Join without a put count.</b> {@code JoinableQueue}'s unfinished tasks are derived, not counted at the
 *   put: the lock holder counts the messages it hands out (stored before the consumed position moves past each
 *   one), {@code taskDone} counts done tasks, and {@code join} waits for "nothing committed or claimed beyond the
 *   consumed position, and taken == done + lost". A producer killed mid-put so leaves no count behind: its claim
 *   is skipped like any dead producer's.</li>
 *   <li><b>Consumer ledger.</b> Each consumer process counts in its own entry (pid and start time, found at its
 *   first read) the messages it was handed (stored just before the global count) and the tasks it marked done. A
 *   consumer killed between a take and {@code taskDone} so leaves its taken-but-not-done tasks in an entry whose
 *   owner is dead: a joiner that has waited a while finds them, records them once as the entry's abandoned count
 *   (compare-and-set, so any number of joiners agree) and adds them to Tasks Lost, which join counts as finished,
 *   and to Lost Unreported, which the first joiner to return swaps to 0 and reports. An entry of a dead process is
 *   taken over by a new consumer process after its loss is recorded; its counts carry on from there.</li>
 * </ul>
 * <pre>{@code
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      Ring Capacity                            |  0  power of two
 *  +---------------------------------------------------------------+
 *  |                   Max Message Length                          |  4  capacity / 8
 *  +---------------------------------------------------------------+
 *  |                 Producer Table Entries                        |  8
 *  +---------------------------------------------------------------+
 *  |                     Closed (0 / 1)                            | 12
 *  +---------------------------------------------------------------+
 *  |          Producers (0 = MANY, 1 = ONE; see Producers)         | 16  set at creation, never changed
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            | 20
 *  +---------------------------------------------------------------+
 *  |     Producer Lease Owner (pid << 32 | start time), 0 = free   | 24  Producers.ONE only
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     Producer Lease Thread Id                                  | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     Producer Lease Start: the tail when the lease was taken   | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     ... to 128 ...                            |
 *  +---------------------------------------------------------------+
 *  |          Not Empty Wait Word (16 bytes, sync.WaitWord)        | 128  consumers sleep here
 *  +---------------------------------------------------------------+
 *  |                     ... to 256 ...                            |
 *  +---------------------------------------------------------------+
 *  |          Not Full Wait Word (16 bytes, sync.WaitWord)         | 256  producers sleep here
 *  +---------------------------------------------------------------+
 *  |                     ... to 384 ...                            |
 *  +---------------------------------------------------------------+
 *  |          Consumer Lock Owner (pid << 32 | start time)         | 384
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Consumed Position (>= Agrona's head, <= tail)        | 392  written by the lock holder only
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Messages Taken (ever; JoinableQueue's join reads it) | 400  written by the lock holder only
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     ... to 512 ...                            |
 *  +---------------------------------------------------------------+
 *  |          Tasks Done (JoinableQueue.taskDone, atomic add)      | 512
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          All Done Wait Word (16 bytes, sync.WaitWord)         | 520  JoinableQueue.join sleeps here
 *  +---------------------------------------------------------------+
 *  |          Tasks Lost (taken by consumers that died, ever)      | 536  atomic add
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Lost Unreported (lost, not yet reported by a join)   | 544  atomic add, swapped to 0 by a joiner
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     ... to 640 ...                            |
 *  +---------------------------------------------------------------+
 *  |  Consumer ledger: 64 entries of 64 bytes, one cache line each:| 640
 *  |    owner (pid << 32 | start time low 32, 0 = free) | taken |  |
 *  |    done | abandoned (taken - done, recorded once dead)        |
 *  +---------------------------------------------------------------+
 *  |  Producer table: entries of 64 bytes, one cache line each:    | 640 + 64 * 64
 *  |    owner (pid << 32 | start time low 32) | thread id |        |
 *  |    claim position (-1 when idle)                              |
 *  +---------------------------------------------------------------+
 *  |  Agrona ring: capacity bytes of records, then its trailer     |
 *  |  (RingBufferDescriptor.TRAILER_LENGTH); many-to-one claims,   |
 *  |  or one-to-one claims for Producers.ONE                       |
 *  +---------------------------------------------------------------+
 * }</pre>
 * The region header's length field is the ring capacity.
 */
public final class QueueDescriptor
{
    /** Layout version of the body; 3: the consumer ledger, and each wait word's sleepers field holds a repair epoch
     * (WaitWord). */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(3, 0, 0);
    /** Smallest ring capacity. */
    public static final int MIN_CAPACITY = 1024;
    /** Largest ring capacity (1 GiB). */
    public static final int MAX_CAPACITY = 1 << 30;
    /** Producer table entries: live producer threads that may put at once, across all processes. */
    public static final int DEFAULT_PRODUCER_ENTRIES = 64;

    private static final int SECTION_LENGTH = CACHE_LINE_LENGTH * 2;

    public static final int CAPACITY_OFFSET = 0;
    public static final int MAX_MESSAGE_LENGTH_OFFSET = CAPACITY_OFFSET + SIZE_OF_INT;
    public static final int PRODUCER_ENTRIES_OFFSET = MAX_MESSAGE_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int CLOSED_OFFSET = PRODUCER_ENTRIES_OFFSET + SIZE_OF_INT;
    public static final int PRODUCERS_OFFSET = CLOSED_OFFSET + SIZE_OF_INT;
    public static final int PRODUCER_LEASE_OWNER_OFFSET = PRODUCERS_OFFSET + SIZE_OF_LONG;
    public static final int PRODUCER_LEASE_THREAD_OFFSET = PRODUCER_LEASE_OWNER_OFFSET + SIZE_OF_LONG;
    public static final int PRODUCER_LEASE_START_OFFSET = PRODUCER_LEASE_THREAD_OFFSET + SIZE_OF_LONG;

    public static final int NOT_EMPTY_WAIT_OFFSET = SECTION_LENGTH;
    public static final int NOT_FULL_WAIT_OFFSET = NOT_EMPTY_WAIT_OFFSET + SECTION_LENGTH;
    public static final int CONSUMER_LOCK_OFFSET = NOT_FULL_WAIT_OFFSET + SECTION_LENGTH;
    public static final int CONSUMED_POSITION_OFFSET = CONSUMER_LOCK_OFFSET + SIZE_OF_LONG;
    public static final int MESSAGES_TAKEN_OFFSET = CONSUMED_POSITION_OFFSET + SIZE_OF_LONG;
    public static final int TASKS_DONE_OFFSET = CONSUMER_LOCK_OFFSET + SECTION_LENGTH;
    public static final int ALL_DONE_WAIT_OFFSET = TASKS_DONE_OFFSET + SIZE_OF_LONG;

    public static final int TASKS_LOST_OFFSET = ALL_DONE_WAIT_OFFSET + 2 * SIZE_OF_LONG;
    public static final int LOST_UNREPORTED_OFFSET = TASKS_LOST_OFFSET + SIZE_OF_LONG;

    /** Consumer processes that keep a ledger entry at once; further ones consume without (see ConsumerLedger). */
    public static final int CONSUMER_LEDGER_ENTRIES = 64;
    public static final int CONSUMER_LEDGER_OFFSET = TASKS_DONE_OFFSET + SECTION_LENGTH;
    /** Ledger entry: owner word, as in the producer table; 0 when free. */
    public static final int LEDGER_OWNER_OFFSET = 0;
    /** Ledger entry: messages handed to this process, written by it under the consumer lock. */
    public static final int LEDGER_TAKEN_OFFSET = LEDGER_OWNER_OFFSET + SIZE_OF_LONG;
    /** Ledger entry: tasks this process marked done (atomic add). */
    public static final int LEDGER_DONE_OFFSET = LEDGER_TAKEN_OFFSET + SIZE_OF_LONG;
    /** Ledger entry: taken - done of the owners that died, recorded by compare-and-set. */
    public static final int LEDGER_ABANDONED_OFFSET = LEDGER_DONE_OFFSET + SIZE_OF_LONG;
    public static final int LEDGER_ENTRY_LENGTH = CACHE_LINE_LENGTH;

    public static final int PRODUCER_TABLE_OFFSET = CONSUMER_LEDGER_OFFSET + CONSUMER_LEDGER_ENTRIES * LEDGER_ENTRY_LENGTH;

    /** Producer entry: owner word, pid in the high 32 bits, low 32 bits of the start time below; 0 when free. */
    public static final int ENTRY_OWNER_OFFSET = 0;
    public static final int ENTRY_THREAD_ID_OFFSET = ENTRY_OWNER_OFFSET + SIZE_OF_LONG;
    public static final int ENTRY_CLAIM_POSITION_OFFSET = ENTRY_THREAD_ID_OFFSET + SIZE_OF_LONG;
    public static final int ENTRY_LENGTH = CACHE_LINE_LENGTH;

    /** Claim position of an idle producer entry. */
    public static final long IDLE = -1;

    private QueueDescriptor()
    {
    }

    /**
     * @param producerEntries entries in the producer table.
     * @param capacity        of the ring in bytes.
     * @return length of one queue body: header, table, ring and trailer.
     */
    public static int bodyLength(final int producerEntries, final int capacity)
    {
        return ringOffset(producerEntries) + capacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /**
     * @param producerEntries entries in the producer table.
     * @return offset of the ring in the body.
     */
    public static int ringOffset(final int producerEntries)
    {
        return BitUtil.align(PRODUCER_TABLE_OFFSET + producerEntries * ENTRY_LENGTH, SECTION_LENGTH);
    }

    /**
     * @param capacity        of the ring in bytes.
     * @param producerEntries entries in the producer table.
     * @return the spec of such a queue.
     */
    public static RegionSpec spec(final int capacity, final int producerEntries)
    {
        checkCapacity(capacity);
        return new RegionSpec(RegionKind.QUEUE, LAYOUT_VERSION, ElementType.NONE, capacity,
            bodyLength(producerEntries, capacity));
    }

    /**
     * @return the spec that opens a queue of any capacity.
     */
    public static RegionSpec anyCapacity()
    {
        return new RegionSpec(RegionKind.QUEUE, LAYOUT_VERSION, ElementType.NONE, RegionSpec.ANY_LENGTH, 0);
    }

    /**
     * @param capacity of the ring in bytes.
     * @throws IllegalArgumentException unless a power of two in [{@link #MIN_CAPACITY}, {@link #MAX_CAPACITY}].
     */
    public static void checkCapacity(final long capacity)
    {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || !BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("capacity must be a power of 2 in [" + MIN_CAPACITY + ", " +
                MAX_CAPACITY + "]: capacity=" + capacity);
        }
    }

    /**
     * @param capacity of the ring in bytes.
     * @return consumed bytes after which a reader frees the space even though messages remain: a sixteenth of the
     * ring, at most 16 KiB.
     */
    public static int freeBatchBytes(final int capacity)
    {
        return Math.min(capacity >> 4, 16 * 1024);
    }

    /**
     * @param capacity of the ring in bytes.
     * @return the largest message payload the ring takes, as Agrona defines it.
     */
    public static int maxMessageLength(final int capacity)
    {
        return capacity >> 3;
    }

    /**
     * Writes a new queue body; only for a region nobody else can see yet.
     *
     * @param buffer   over the region.
     * @param index    of the queue body.
     * @param capacity of the ring.
     * @param creator  strategy of the creating handle: decides whether releasers must wake sleepers.
     */
    static void initialise(final AtomicBuffer buffer, final int index, final int capacity, final WaitStrategy creator)
    {
        initialise(buffer, index, capacity, creator, Producers.MANY);
    }

    /**
     * Writes a new queue body; only for a region nobody else can see yet.
     *
     * @param buffer    over the region.
     * @param index     of the queue body.
     * @param capacity  of the ring.
     * @param creator   strategy of the creating handle: decides whether releasers must wake sleepers.
     * @param producers how many may produce at once.
     */
    static void initialise(
        final AtomicBuffer buffer, final int index, final int capacity, final WaitStrategy creator,
        final Producers producers)
    {
        final int entries = QueueDescriptor.DEFAULT_PRODUCER_ENTRIES;
        buffer.putInt(index + PRODUCERS_OFFSET, producers.ordinal());
        buffer.putInt(index + CAPACITY_OFFSET, capacity);
        buffer.putInt(index + MAX_MESSAGE_LENGTH_OFFSET, QueueDescriptor.maxMessageLength(capacity));
        buffer.putInt(index + PRODUCER_ENTRIES_OFFSET, entries);
        for (int i = 0; i < entries; i++)
        {
            buffer.putLong(index + PRODUCER_TABLE_OFFSET + i * ENTRY_LENGTH + ENTRY_CLAIM_POSITION_OFFSET, IDLE);
        }
        WaitWord.initialise(buffer, index + NOT_EMPTY_WAIT_OFFSET, creator);
        WaitWord.initialise(buffer, index + NOT_FULL_WAIT_OFFSET, creator);
        WaitWord.initialise(buffer, index + ALL_DONE_WAIT_OFFSET, creator);
    }

    /**
     * Checks a queue body's header before a handle trusts it: a foreign, corrupted or truncated file fails here
     * with the offending value, never later with a wild read.
     *
     * @param buffer over the region.
     * @param index  of the queue body.
     * @param path   of the region, for messages.
     */
    static void checkHeader(final AtomicBuffer buffer, final int index, final Path path)
    {
        final int capacity = buffer.getInt(index + CAPACITY_OFFSET);
        final int producerEntries = buffer.getInt(index + PRODUCER_ENTRIES_OFFSET);
        try
        {
            checkCapacity(capacity);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new LengthMismatchException(path, "a power-of-2 capacity", capacity);
        }
        if (producerEntries <= 0 || producerEntries > 4096)
        {
            throw new LengthMismatchException(path, "1..4096 producer entries", producerEntries);
        }
        final long ringEnd = index + (long)ringOffset(producerEntries) + capacity + RingBufferDescriptor.TRAILER_LENGTH;
        if (ringEnd > buffer.capacity())
        {
            throw new TruncatedRegionException(path, "queue body shorter than its ring: bufferLength=" +
                buffer.capacity() + ", ringEnd=" + ringEnd);
        }
        final int producersCode = buffer.getInt(index + PRODUCERS_OFFSET);
        if (producersCode < 0 || producersCode >= Producers.values().length)
        {
            throw new ForeignFileException(path, "unknown producers mode " + producersCode);
        }
    }
}
