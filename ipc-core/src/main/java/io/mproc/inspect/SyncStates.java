package io.mproc.inspect;

import io.mproc.sync.BarrierDescriptor;
import io.mproc.sync.ConditionDescriptor;
import io.mproc.sync.EventDescriptor;
import io.mproc.sync.LockDescriptor;
import io.mproc.sync.SemaphoreDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the live state of the synchronisation kinds from a read-only buffer over the file, following each kind's
 * descriptor in {@code io.mproc.sync}. Reads only; a snapshot of objects other processes may be changing.
 */
final class SyncStates
{
    private SyncStates()
    {
    }

    /**
     * A lock area ({@link LockDescriptor}), whole body of a lock or embedded in a value or condition.
     */
    static Map<String, Object> lock(final UnsafeBuffer buffer, final int lockIndex)
    {
        final Map<String, Object> state = new LinkedHashMap<>();
        final long owner = buffer.getLongVolatile(lockIndex + LockDescriptor.OWNER_OFFSET);
        state.put("locked", 0 != owner);
        state.put("owner", Owners.ownerOrNone(owner));
        if (0 != owner)
        {
            state.put("ownerThread", buffer.getLong(lockIndex + LockDescriptor.OWNER_THREAD_OFFSET));
            state.put("holdCount", buffer.getInt(lockIndex + LockDescriptor.HOLD_COUNT_OFFSET));
            state.put("recoveredFromDeadOwner", 0 != buffer.getInt(lockIndex + LockDescriptor.OWNER_DIED_OFFSET));
        }
        state.put("recoveries", buffer.getLongVolatile(lockIndex + LockDescriptor.RECOVERIES_OFFSET));
        state.put("sleepers", Owners.sleepers(buffer, lockIndex + LockDescriptor.WAIT_WORD_OFFSET));
        return state;
    }

    static Map<String, Object> semaphore(final UnsafeBuffer buffer, final int body)
    {
        final Map<String, Object> state = new LinkedHashMap<>();
        final int flags = buffer.getInt(body + SemaphoreDescriptor.FLAGS_OFFSET);
        final boolean bounded = 0 != (flags & SemaphoreDescriptor.FLAG_BOUNDED);
        state.put("permits", buffer.getIntVolatile(body + SemaphoreDescriptor.PERMITS_OFFSET));
        state.put("bounded", bounded);
        if (bounded)
        {
            state.put("maxPermits", buffer.getInt(body + SemaphoreDescriptor.MAX_PERMITS_OFFSET));
        }
        state.put("holdersTracked", 0 != (flags & SemaphoreDescriptor.FLAG_TRACKED));
        state.put("reclaimedFromDeadHolders", buffer.getLongVolatile(body + SemaphoreDescriptor.RECLAIMED_OFFSET));
        state.put("sleepers", Owners.sleepers(buffer, body + SemaphoreDescriptor.WAIT_WORD_OFFSET));
        state.put("updater", Owners.ownerOrNone(buffer.getLongVolatile(body + SemaphoreDescriptor.MUTEX_OFFSET)));
        state.put("journalPending", 0 != buffer.getIntVolatile(body + SemaphoreDescriptor.JOURNAL_VALID_OFFSET));
        final List<Map<String, Object>> holders = new ArrayList<>();
        for (int slot = 0; slot < SemaphoreDescriptor.HOLDER_SLOTS; slot++)
        {
            final int slotIndex = body + SemaphoreDescriptor.slotOffset(slot);
            final long owner = buffer.getLongVolatile(slotIndex + SemaphoreDescriptor.SLOT_OWNER_OFFSET);
            final int count = buffer.getInt(slotIndex + SemaphoreDescriptor.SLOT_COUNT_OFFSET);
            if (0 != owner && 0 != count)
            {
                final Map<String, Object> holder = Owners.owner(owner);
                holder.put("permits", count);
                holders.add(holder);
            }
        }
        state.put("holders", holders);
        return state;
    }

    static Map<String, Object> event(final UnsafeBuffer buffer, final int body)
    {
        final Map<String, Object> state = new LinkedHashMap<>();
        final long cleared = buffer.getLongVolatile(body + EventDescriptor.CLEAR_SEQUENCE_OFFSET);
        final long set = buffer.getLongVolatile(body + EventDescriptor.SET_SEQUENCE_OFFSET);
        state.put("set", set > cleared);
        state.put("setSequence", set);
        state.put("clearSequence", cleared);
        state.put("sleepers", Owners.sleepers(buffer, body + EventDescriptor.WAIT_WORD_OFFSET));
        return state;
    }

    static Map<String, Object> condition(final UnsafeBuffer buffer, final int body, final long slots)
    {
        if (slots < 1 || slots > 1 << 16)
        {
            throw new CorruptBodyException("condition waiter slots out of range: slots=" + slots);
        }
        final Map<String, Object> state = new LinkedHashMap<>();
        state.put("lock", lock(buffer, body + ConditionDescriptor.LOCK_OFFSET));
        state.put("waiting", buffer.getIntVolatile(body + ConditionDescriptor.WAITING_OFFSET));
        state.put("nextTicket", buffer.getLongVolatile(body + ConditionDescriptor.NEXT_TICKET_OFFSET));
        final List<Map<String, Object>> waiters = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++)
        {
            final int slotIndex = body + ConditionDescriptor.slotOffset(slot);
            final int slotState = buffer.getIntVolatile(slotIndex + ConditionDescriptor.SLOT_STATE_OFFSET);
            if (ConditionDescriptor.SLOT_FREE != slotState)
            {
                final Map<String, Object> waiter = new LinkedHashMap<>();
                waiter.put("slot", slot);
                waiter.put("state", ConditionDescriptor.SLOT_WAITING == slotState ? "waiting" :
                    ConditionDescriptor.SLOT_SIGNALLED == slotState ? "signalled" : "unknown(" + slotState + ")");
                waiter.putAll(Owners.owner(buffer.getLongVolatile(slotIndex + ConditionDescriptor.SLOT_OWNER_OFFSET)));
                waiter.put("ticket", buffer.getLong(slotIndex + ConditionDescriptor.SLOT_TICKET_OFFSET));
                waiters.add(waiter);
            }
        }
        state.put("waiters", waiters);
        return state;
    }

    static Map<String, Object> barrier(final UnsafeBuffer buffer, final int body)
    {
        final Map<String, Object> state = new LinkedHashMap<>();
        final long word = buffer.getLongVolatile(body + BarrierDescriptor.STATE_OFFSET);
        state.put("parties", buffer.getInt(body + BarrierDescriptor.PARTIES_OFFSET));
        state.put("waiting", BarrierDescriptor.count(word));
        state.put("broken", BarrierDescriptor.isBroken(word));
        state.put("generation", Integer.toUnsignedLong(BarrierDescriptor.generation(word)));
        state.put("defaultTimeoutNs", buffer.getLong(body + BarrierDescriptor.DEFAULT_TIMEOUT_OFFSET));
        state.put("sleepers", Owners.sleepers(buffer, body + BarrierDescriptor.WAIT_WORD_OFFSET));
        return state;
    }
}
