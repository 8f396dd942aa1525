package io.mproc.sync;

import io.mproc.internal.Futex;
import io.mproc.internal.InterruptibleFutexWait;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.agrona.BitUtil.SIZE_OF_INT;

/**
 * Where waiters sleep and releasers wake them: a 16-byte structure embedded in every synchronisation object's
 * layout. Thread-safe and process-safe.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |          Sequence: the futex word, bumped by each wake         |  0
 *  +---------------------------------------------------------------+
 *  |  Repair Epoch (12 bits) |   Sleepers: announced waiters (20)  |  4  bits 31-20 | bits 19-0
 *  +---------------------------------------------------------------+
 *  |   Wake Mode: 0 = releasers wake sleepers, 1 = nobody sleeps    |  8  set at creation, never changed
 *  +---------------------------------------------------------------+
 *  |                          Reserved                             | 12
 *  +---------------------------------------------------------------+
 * </pre>
 * <b>Protocol</b> (an eventcount). A waiter that is done spinning reads the sequence, announces itself with an
 * atomic increment of the sleepers count (a full fence), re-tests its condition, and only then sleeps on the
 * sequence with {@code FUTEX_WAIT(sequence, value read)}. A releaser changes the state with a volatile store or an
 * atomic update (also a full fence) and then reads the sleepers count: only when it is non-zero does it bump the
 * sequence and call {@code FUTEX_WAKE}, so a release with nobody asleep costs no system call. The two fences make
 * it impossible for both sides to miss each other (Dekker): either the waiter's re-test sees the new state, or the
 * releaser sees the sleeper; and a wake between the re-test and the sleep changed the sequence, so the kernel
 * refuses to sleep.
 * <p>
 * <b>Wake mode</b>. An object created with a strategy that never sleeps in the kernel
 * ({@link WaitStrategy#sleeps()} false) records mode 1: its releasers skip the fence and the sleepers check, which is
 * what keeps a busy-spin hand-off at the speed of a plain store. A sleeping strategy used on such an object polls
 * ({@link #sleep} parks briefly) instead of sleeping, since nobody would wake it. The zero mode is the safe
 * default, so a zeroed area (a value's lock) works with every strategy.
 * <p>
 * <b>Plain releases</b>. The fence costs a releaser that stores plainly (a queue's commit is one ordered store) a
 * store-buffer drain per message, a large share of a message's cost. A word whose releasers skip it is constructed
 * with {@code releasersStorePlainly}: its waiters make their first sleep after announcing short
 * ({@code Waits.PLAIN_RELEASE_WINDOW_NS}), after which any store that a releaser made before reading "no sleepers"
 * has long been visible to their re-test, and keep their announcement until their wait ends, so later releasers see
 * it. A missed wake-up then costs at most that first short sleep, never a hang. The choice belongs to the code that
 * owns the word, in every process alike, and is not recorded in shared memory.
 * <p>
 * <b>Dead sleepers</b>. A waiter killed while announced (typically asleep in {@code FUTEX_WAIT}) never withdraws, so
 * the count would stay raised for good and every later release pay a {@code FUTEX_WAKE} (and a queue's reader take its
 * slow path). Nobody can tell which announcements are dead, so a repair forgets them all: it moves the sleepers field
 * to the next repair epoch with a count of zero (one compare-and-set, so no announcement can slip between), then bumps
 * the sequence and wakes every sleeper. Live sleepers wake, see that the epoch of their announcement has passed,
 * announce again (in the new epoch) and re-test before sleeping again, so the protocol above holds across a repair; a
 * withdrawal of an announcement from a past epoch changes nothing. The repair runs on cold paths only: in a releaser
 * whose wakes have woken nobody (the futex had no sleeper although the count said so: a system call already paid) for
 * at least 100 ms ({@link #REPAIR_AFTER_NS}), and in a condition freeing a dead waiter's slot. A needless repair (a
 * live sleeper slow to reach the kernel) costs the live sleepers one spurious wake-up, never a lost one. Without
 * futexes every wake counts as having woken nobody, so a raised count is re-derived at most that often. The epoch wraps
 * after 4096 repairs; a sleeper would have to sleep through exactly that many to be confused.
 * <p>
 * Without futexes ({@link Futex#isAvailable()} false) sleepers poll with short parks.
 */
public final class WaitWord
{
    /** Wake mode: releasers wake announced sleepers. */
    public static final int WAKES_SLEEPERS = 0;
    /** Wake mode: no waiter ever sleeps in the kernel; releasers only store. */
    public static final int SPIN_ONLY = 1;

    public static final int SEQUENCE_OFFSET = 0;
    public static final int SLEEPERS_OFFSET = SEQUENCE_OFFSET + SIZE_OF_INT;
    public static final int WAKE_MODE_OFFSET = SLEEPERS_OFFSET + SIZE_OF_INT;
    public static final int RESERVED_OFFSET = WAKE_MODE_OFFSET + SIZE_OF_INT;
    /** Bytes a wait word takes in a layout; place it 8-byte aligned. */
    public static final int LENGTH = RESERVED_OFFSET + SIZE_OF_INT;

    /** Longest park when polling instead of sleeping in the kernel. */
    static final long POLL_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long a releaser's wakes must have woken nobody before it repairs the sleepers count. */
    static final long REPAIR_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Bits of the sleepers field that count announced sleepers; the bits above hold the repair epoch. */
    public static final int SLEEPERS_COUNT_MASK = (1 << 20) - 1;
    static final int REPAIR_EPOCH_MASK = ~SLEEPERS_COUNT_MASK;
    static final int REPAIR_EPOCH_UNIT = 1 << 20;

    private final AtomicBuffer buffer;
    private final int sequenceIndex;
    private final int sleepersIndex;
    private final long sequenceAddress;
    private final boolean wakesSleepers;
    private final boolean futex;
    private final boolean releasersStorePlainly;
    /** FUTEX_WAKE calls made through this handle: a statistic, for tests (plain: written on the system-call path). */
    private long futexWakes;
    /** Repairs made through this handle: a statistic, for tests. */
    private long repairs;
    /**
     * When this handle's wakes started waking nobody, 0 while the last woke someone. Plain: a heuristic that
     * releaser threads may race on harmlessly, written only after a wake's system call.
     */
    private long wokeNobodySinceNs;

    /**
     * A word whose releasers fence between changing the state and {@link #wake}.
     *
     * @param buffer over a shared mapping.
     * @param index  of the wait word in {@code buffer}.
     */
    public WaitWord(final AtomicBuffer buffer, final int index)
    {
        this(buffer, index, false);
    }

    /**
     * @param buffer                over a shared mapping.
     * @param index                 of the wait word in {@code buffer}.
     * @param releasersStorePlainly true when releasers may change the state with a plain (release) store and then
     *                              call {@link #wake} without a fence: waiters then cover that race themselves.
     */
    public WaitWord(final AtomicBuffer buffer, final int index, final boolean releasersStorePlainly)
    {
        this.buffer = buffer;
        this.releasersStorePlainly = releasersStorePlainly;
        this.sequenceIndex = index + SEQUENCE_OFFSET;
        this.sleepersIndex = index + SLEEPERS_OFFSET;
        this.sequenceAddress = buffer.addressOffset() + sequenceIndex;
        buffer.boundsCheck(index, LENGTH);
        if (null != buffer.byteArray() || 0 != (sequenceAddress & (SIZE_OF_INT - 1)))
        {
            throw new IllegalArgumentException(
                "wait word must be 4-byte aligned off-heap memory: address=0x" + Long.toHexString(sequenceAddress));
        }
        final int mode = buffer.getIntVolatile(index + WAKE_MODE_OFFSET);
        if (WAKES_SLEEPERS != mode && SPIN_ONLY != mode)
        {
            throw new IllegalStateException("unknown wake mode in wait word: mode=" + mode);
        }
        this.wakesSleepers = WAKES_SLEEPERS == mode;
        this.futex = wakesSleepers && Futex.isAvailable();
    }

    /**
     * Writes a new wait word; only for a body nobody else can see yet.
     *
     * @param buffer   over the body being initialised.
     * @param index    of the wait word.
     * @param strategy the creator's strategy: decides the wake mode.
     */
    public static void initialise(final AtomicBuffer buffer, final int index, final WaitStrategy strategy)
    {
        buffer.putInt(index + SEQUENCE_OFFSET, 0);
        buffer.putInt(index + SLEEPERS_OFFSET, 0);
        buffer.putInt(index + WAKE_MODE_OFFSET, strategy.sleeps() ? WAKES_SLEEPERS : SPIN_ONLY);
    }

    /**
     * @return true when releasers must fence and wake sleepers (mode {@link #WAKES_SLEEPERS}).
     */
    public boolean wakesSleepers()
    {
        return wakesSleepers;
    }

    /**
     * @return true when releasers of this word do not fence before {@link #wake}, so that waiters must make their
     * first sleep short (see the class comment).
     */
    public boolean releasersStorePlainly()
    {
        return releasersStorePlainly;
    }

    /**
     * @return the sequence, with volatile semantics; read it before announcing a sleep.
     */
    public int sequenceVolatile()
    {
        return buffer.getIntVolatile(sequenceIndex);
    }

    /**
     * @return the number of announced sleepers, with volatile semantics.
     */
    public int sleepersVolatile()
    {
        return buffer.getIntVolatile(sleepersIndex) & SLEEPERS_COUNT_MASK;
    }

    /**
     * Announces that the caller is about to sleep; a full fence. Re-test the condition after this, then
     * {@link #sleep}; after each sleep, announce again if {@link #isAnnounced} says a repair forgot the announcement;
     * at the end {@link #withdrawSleeper(int)}.
     *
     * @return the announcement, to pass to {@link #isAnnounced} and {@link #withdrawSleeper(int)}.
     */
    public int announceSleeper()
    {
        return buffer.getAndAddInt(sleepersIndex, 1);
    }

    /**
     * @param announcement from {@link #announceSleeper()}.
     * @return false when a repair has forgotten it since (see the class comment): announce again.
     */
    public boolean isAnnounced(final int announcement)
    {
        return 0 == ((buffer.getIntVolatile(sleepersIndex) ^ announcement) & REPAIR_EPOCH_MASK);
    }

    /**
     * Withdraws an announcement made by {@link #announceSleeper()}, unless a repair has forgotten it already.
     *
     * @param announcement from {@link #announceSleeper()}.
     */
    public void withdrawSleeper(final int announcement)
    {
        while (true)
        {
            final int current = buffer.getIntVolatile(sleepersIndex);
            if (0 != ((current ^ announcement) & REPAIR_EPOCH_MASK) || 0 == (current & SLEEPERS_COUNT_MASK))
            {
                return;
            }
            if (buffer.compareAndSetInt(sleepersIndex, current, current - 1))
            {
                return;
            }
        }
    }

    /**
     * Forgets every announcement, live or left by a dead process, and wakes every sleeper, so that the live ones
     * announce themselves again (see the class comment). Cold path: for a releaser whose wakes wake nobody, and for
     * the owner of a word that knows its only sleeper died.
     */
    void repairSleepers()
    {
        while (true)
        {
            final int current = buffer.getIntVolatile(sleepersIndex);
            if (buffer.compareAndSetInt(sleepersIndex, current, (current + REPAIR_EPOCH_UNIT) & REPAIR_EPOCH_MASK))
            {
                break;
            }
        }
        buffer.getAndAddInt(sequenceIndex, 1); // after the epoch: a sleeper that missed the new epoch cannot sleep
        if (futex)
        {
            Futex.wake(sequenceAddress, Integer.MAX_VALUE);
        }
        repairs++;
    }

    /**
     * Sleeps while the sequence still holds {@code expectedSequence}, for at most {@code timeoutNs}; may return
     * early and spuriously. Polls with a park of at most 1 ms where nobody would wake a kernel sleeper.
     *
     * @param expectedSequence read by {@link #sequenceVolatile()} before the announcement.
     * @param timeoutNs        longest sleep.
     * @param interruptible    true to return at once on {@link Thread#interrupt()}.
     */
    public void sleep(final int expectedSequence, final long timeoutNs, final boolean interruptible)
    {
        if (futex)
        {
            if (interruptible)
            {
                InterruptibleFutexWait.await(buffer, sequenceIndex, expectedSequence, timeoutNs);
            }
            else
            {
                Futex.await(sequenceAddress, expectedSequence, timeoutNs);
            }
        }
        else if (buffer.getIntVolatile(sequenceIndex) == expectedSequence)
        {
            LockSupport.parkNanos(Math.min(timeoutNs, POLL_PARK_NS));
        }
    }

    /**
     * Wakes up to {@code count} sleepers, if any announced themselves. Call it after changing the state waiters
     * test, with a volatile store or an atomic update (the fence this protocol needs), or with a plain store on a
     * word constructed with {@code releasersStorePlainly}; it costs one volatile load when nobody sleeps, and nothing
     * in {@link #SPIN_ONLY} mode.
     *
     * @param count most sleepers to wake; {@link Integer#MAX_VALUE} for all.
     */
    public void wake(final int count)
    {
        if (wakesSleepers && 0 != (buffer.getIntVolatile(sleepersIndex) & SLEEPERS_COUNT_MASK))
        {
            wakeAnnounced(count);
        }
    }

    /**
     * The part of {@link #wake} past the sleepers check, kept out of it so that the check alone inlines into every
     * release.
     */
    private void wakeAnnounced(final int count)
    {
        buffer.getAndAddInt(sequenceIndex, 1);
        if (futex)
        {
            futexWakes++;
            if (Futex.wake(sequenceAddress, count) > 0)
            {
                if (0 != wokeNobodySinceNs)
                {
                    wokeNobodySinceNs = 0;
                }
                return;
            }
        }
        wokeNobody();
    }

    /**
     * A wake found no sleeper in the kernel although the count announced one: if that has lasted
     * {@link #REPAIR_AFTER_NS}, the announcements are likely left by dead processes, so repair the count.
     */
    private void wokeNobody()
    {
        final long nowNs = System.nanoTime();
        if (0 == wokeNobodySinceNs)
        {
            wokeNobodySinceNs = nowNs;
        }
        else if (nowNs - wokeNobodySinceNs >= REPAIR_AFTER_NS)
        {
            wokeNobodySinceNs = 0;
            repairSleepers();
        }
    }

    /**
     * @return {@code FUTEX_WAKE} calls made through this handle so far (not exact under concurrent releasers).
     */
    long futexWakes()
    {
        return futexWakes;
    }

    /**
     * @return repairs of the sleepers count made through this handle so far.
     */
    long repairs()
    {
        return repairs;
    }

    public String toString()
    {
        return "WaitWord{sequence=" + buffer.getIntVolatile(sequenceIndex) + ", sleepers=" + sleepersVolatile() +
            ", mode=" + (wakesSleepers ? "wakes-sleepers" : "spin-only") + '}';
    }
}
