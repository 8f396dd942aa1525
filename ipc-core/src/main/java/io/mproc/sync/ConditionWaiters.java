package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;

import static io.mproc.sync.ConditionDescriptor.NEXT_TICKET_OFFSET;
import static io.mproc.sync.ConditionDescriptor.SLOT_FREE;
import static io.mproc.sync.ConditionDescriptor.SLOT_OWNER_OFFSET;
import static io.mproc.sync.ConditionDescriptor.SLOT_SIGNALLED;
import static io.mproc.sync.ConditionDescriptor.SLOT_STATE_OFFSET;
import static io.mproc.sync.ConditionDescriptor.SLOT_TICKET_OFFSET;
import static io.mproc.sync.ConditionDescriptor.SLOT_WAITING;
import static io.mproc.sync.ConditionDescriptor.SLOT_WAIT_WORD_OFFSET;
import static io.mproc.sync.ConditionDescriptor.WAITING_OFFSET;

/**
 * The waiter slots of a {@link Condition} ({@link ConditionDescriptor}): claiming one for a wait, choosing whom a
 * signal wakes, leaving after a wait, and freeing the slots of waiters whose process died. Every method runs with
 * the condition's lock held; only a waiter's test of its own slot's state ({@link #signalled(int)}) runs without.
 * <p>
 * A signal goes to the longest-waiting waiter whose process still runs. Checking a process reads {@code /proc} (a few
 * system calls), so a handle trusts an owner it found running in a slot for {@value #LIVENESS_RECHECK_MS} ms; a
 * waiter's own process is never checked.
 */
final class ConditionWaiters
{
    /** How long a signaller trusts that a waiter's process it found running still runs. */
    static final long LIVENESS_RECHECK_MS = 10;
    static final long LIVENESS_RECHECK_NS = TimeUnit.MILLISECONDS.toNanos(LIVENESS_RECHECK_MS);

    private final AtomicBuffer buffer;
    private final int bodyIndex;
    private final int slots;
    private final String description;
    private final WaitWord[] slotWords;
    private final WaitCondition[] slotSignalled;
    private final long token = OwnerToken.CURRENT;
    /** Per slot, the owner this handle last found alive there, and when: see {@link #isWaiterAlive(int)}. */
    private final long[] ownerSeenAlive;
    private final long[] ownerSeenAliveNs;

    ConditionWaiters(final MappedRegion region)
    {
        this.buffer = region.buffer();
        this.bodyIndex = region.bodyOffset();
        this.slots = ConditionDescriptor.slots(region);
        this.description = region.path().toString();
        this.slotWords = new WaitWord[slots];
        this.slotSignalled = new WaitCondition[slots];
        this.ownerSeenAlive = new long[slots];
        this.ownerSeenAliveNs = new long[slots];
        for (int slot = 0; slot < slots; slot++)
        {
            final int stateIndex = slotIndex(slot) + SLOT_STATE_OFFSET;
            slotWords[slot] = new WaitWord(buffer, slotIndex(slot) + SLOT_WAIT_WORD_OFFSET);
            slotSignalled[slot] = () -> SLOT_SIGNALLED == buffer.getIntVolatile(stateIndex);
        }
    }

    /**
     * Writes the slots' wait words of a new condition body; only for a body nobody else can see yet.
     */
    static void initialise(
        final AtomicBuffer buffer, final int offset, final int maxWaiters, final WaitStrategy strategy)
    {
        for (int slot = 0; slot < maxWaiters; slot++)
        {
            WaitWord.initialise(
                buffer, offset + ConditionDescriptor.slotOffset(slot) + SLOT_WAIT_WORD_OFFSET, strategy);
        }
    }

    /**
     * @return the number of slots: threads that can wait at once.
     */
    int slots()
    {
        return slots;
    }

    /**
     * @return the wait word a slot's waiter sleeps on.
     */
    WaitWord word(final int slot)
    {
        return slotWords[slot];
    }

    /**
     * @return the condition a slot's waiter waits for: a signal reached the slot.
     */
    WaitCondition signalled(final int slot)
    {
        return slotSignalled[slot];
    }

    /**
     * Frees the caller's slot after its wait, with the lock held again, when the slot's state is final.
     *
     * @return true when a signal reached it.
     */
    boolean leave(final int slot)
    {
        final int index = slotIndex(slot);
        final boolean signalled = SLOT_SIGNALLED == buffer.getInt(index + SLOT_STATE_OFFSET);
        if (!signalled)
        {
            addWaiting(-1);
        }
        buffer.putLong(index + SLOT_OWNER_OFFSET, 0);
        buffer.putIntRelease(index + SLOT_STATE_OFFSET, SLOT_FREE);
        return signalled;
    }

    /**
     * Signals the longest-waiting live waiter, if any.
     *
     * @return false when no live waiter was left to signal.
     */
    boolean signalOldest()
    {
        final int slot = oldestLiveWaiting();
        if (slot < 0)
        {
            return false;
        }
        wake(slot);
        return true;
    }

    /**
     * Signals every live waiter, freeing dead waiters' slots on the way.
     */
    void signalAll()
    {
        if (0 == buffer.getInt(bodyIndex + WAITING_OFFSET))
        {
            return;
        }
        for (int slot = 0; slot < slots; slot++)
        {
            if (SLOT_WAITING == buffer.getInt(slotIndex(slot) + SLOT_STATE_OFFSET))
            {
                if (isWaiterAlive(slot))
                {
                    wake(slot);
                }
                else
                {
                    reclaimDeadSlot(slot, SLOT_WAITING);
                }
            }
        }
    }

    /**
     * @return slots in state waiting, with volatile semantics.
     */
    int waitingVolatile()
    {
        return buffer.getIntVolatile(bodyIndex + WAITING_OFFSET);
    }

    /**
     * @return slots not free (waiting, or signalled and not yet left).
     */
    int occupied()
    {
        int occupied = 0;
        for (int slot = 0; slot < slots; slot++)
        {
            if (SLOT_FREE != buffer.getInt(slotIndex(slot) + SLOT_STATE_OFFSET))
            {
                occupied++;
            }
        }
        return occupied;
    }

    /**
     * Takes a free slot for the calling thread's wait, freeing dead waiters' slots if none is free.
     *
     * @return the slot.
     * @throws IllegalStateException when every slot is taken by a live waiter.
     */
    int claim()
    {
        int slot = freeSlot();
        if (slot < 0)
        {
            freeDeadWaiters();
            slot = freeSlot();
            if (slot < 0)
            {
                throw new IllegalStateException("too many waiters on condition: maxWaiters=" + slots +
                    ", condition=" + description);
            }
        }
        final int index = slotIndex(slot);
        final long ticket = buffer.getLong(bodyIndex + NEXT_TICKET_OFFSET);
        buffer.putLong(bodyIndex + NEXT_TICKET_OFFSET, ticket + 1);
        buffer.putLong(index + SLOT_OWNER_OFFSET, token);
        buffer.putLong(index + SLOT_TICKET_OFFSET, ticket);
        buffer.putIntVolatile(index + SLOT_STATE_OFFSET, SLOT_WAITING);
        addWaiting(1);
        return slot;
    }

    private int freeSlot()
    {
        for (int slot = 0; slot < slots; slot++)
        {
            if (SLOT_FREE == buffer.getInt(slotIndex(slot) + SLOT_STATE_OFFSET))
            {
                return slot;
            }
        }
        return -1;
    }

    private void freeDeadWaiters()
    {
        for (int slot = 0; slot < slots; slot++)
        {
            final int index = slotIndex(slot);
            final int state = buffer.getInt(index + SLOT_STATE_OFFSET);
            final long owner = buffer.getLong(index + SLOT_OWNER_OFFSET);
            if (SLOT_FREE != state && 0 != owner && !OwnerToken.isAlive(owner))
            {
                reclaimDeadSlot(slot, state);
            }
        }
    }

    /**
     * Frees the slot of a waiter whose process died; with the lock held. Its wait word's sleeper announcement died
     * with it and nobody else sleeps on that word, so the word is repaired too.
     */
    private void reclaimDeadSlot(final int slot, final int state)
    {
        final int index = slotIndex(slot);
        if (SLOT_WAITING == state)
        {
            addWaiting(-1);
        }
        buffer.putLong(index + SLOT_OWNER_OFFSET, 0);
        if (0 != slotWords[slot].sleepersVolatile())
        {
            slotWords[slot].repairSleepers();
        }
        buffer.putIntRelease(index + SLOT_STATE_OFFSET, SLOT_FREE);
    }

    /**
     * The waiting slot with the oldest ticket whose owner still runs; slots of dead owners met on the way are freed,
     * so that a signal never goes to a waiter that died (it would be lost with it).
     */
    private int oldestLiveWaiting()
    {
        while (true)
        {
            final int slot = oldestWaiting();
            if (slot < 0 || isWaiterAlive(slot))
            {
                return slot;
            }
            reclaimDeadSlot(slot, SLOT_WAITING);
        }
    }

    /**
     * Is the process of the slot's waiter still running? Free for a waiter of this process. For another's, it reads
     * {@code /proc} (a few system calls), at most once per {@link #LIVENESS_RECHECK_NS} per slot and owner: a
     * signaller that signals the same waiting processes often pays it rarely, and a waiter killed longer ago than
     * that is never chosen.
     */
    private boolean isWaiterAlive(final int slot)
    {
        final long owner = buffer.getLong(slotIndex(slot) + SLOT_OWNER_OFFSET);
        if (owner == token)
        {
            return true;
        }
        final long nowNs = System.nanoTime();
        if (owner == ownerSeenAlive[slot] && nowNs - ownerSeenAliveNs[slot] < LIVENESS_RECHECK_NS)
        {
            return true;
        }
        if (0 != owner && OwnerToken.isAlive(owner))
        {
            ownerSeenAlive[slot] = owner;
            ownerSeenAliveNs[slot] = nowNs;
            return true;
        }
        return false;
    }

    private int oldestWaiting()
    {
        if (0 == buffer.getInt(bodyIndex + WAITING_OFFSET))
        {
            return -1;
        }
        int oldest = -1;
        long oldestTicket = Long.MAX_VALUE;
        for (int slot = 0; slot < slots; slot++)
        {
            final int index = slotIndex(slot);
            if (SLOT_WAITING == buffer.getInt(index + SLOT_STATE_OFFSET))
            {
                final long ticket = buffer.getLong(index + SLOT_TICKET_OFFSET);
                if (ticket < oldestTicket)
                {
                    oldestTicket = ticket;
                    oldest = slot;
                }
            }
        }
        return oldest;
    }

    private void wake(final int slot)
    {
        // Volatile: the fence a sleeping waiter's announcement pairs with (see WaitWord).
        buffer.putIntVolatile(slotIndex(slot) + SLOT_STATE_OFFSET, SLOT_SIGNALLED);
        addWaiting(-1);
        slotWords[slot].wake(1);
    }

    private void addWaiting(final int delta)
    {
        final int index = bodyIndex + WAITING_OFFSET;
        buffer.putIntRelease(index, buffer.getInt(index) + delta);
    }

    private int slotIndex(final int slot)
    {
        return bodyIndex + ConditionDescriptor.slotOffset(slot);
    }
}
