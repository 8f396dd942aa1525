package io.mproc.journal;

import io.mproc.internal.ProcessIdentity;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.mproc.journal.GroupDescriptor.NONE;
import static io.mproc.journal.GroupDescriptor.START;

/**
 * One member of a consumer group: {@link #poll} claims the next message no member has claimed, hands it to the
 * handler, and acknowledges it when the handler returns. Claims and acknowledgements are kept in the group's claim
 * table ({@link GroupDescriptor}, protocol there), so they survive any process's death: a message claimed by a
 * member that dies before acknowledging is delivered again, flagged {@code redelivered}, to the next member that
 * polls after {@link JournalBuilder#redeliveryCheckIntervalMs}. A handler that throws keeps the claim: this member
 * delivers the message again on its next poll. At-least-once: a message is handed out twice only when its member
 * died (or its handler threw) before the acknowledgement. Not thread-safe: one thread per member.
 *
 * @param <E> type of the values.
 */
public final class GroupMember<E> implements AutoCloseable
{
    private static final Logger LOGGER = LoggerFactory.getLogger(GroupMember.class);
    /** How far behind the cursor (in messages of the same cycle) the tailer may be to catch up by reading. */
    private static final long MAX_READ_AHEAD = 256;
    private static final long LOCK_PATIENCE_NS = 10_000_000L;

    private final Journal<E> journal;
    private final ClaimTable table;
    private final ExcerptTailer tailer;
    private final ExcerptTailer redeliveryTailer;
    private final MessageDecoder<E> decoder;
    private final long ownerWord = ProcessIdentity.currentOwnerWord();
    private final long checkIntervalNs;
    private final int slot;
    private long tailerLastIndex = NONE;
    private long nextRecoveryNs;
    private long lockSeen = NONE;
    private long lockSeenSinceNs;
    private int adoptedSlot = -1;
    private boolean closed;

    GroupMember(final Journal<E> journal, final ClaimTable table, final ExcerptTailer tailer,
        final ExcerptTailer redeliveryTailer)
    {
        this.journal = journal;
        this.table = table;
        this.tailer = tailer;
        this.redeliveryTailer = redeliveryTailer;
        this.decoder = new MessageDecoder<>(journal.codec());
        this.checkIntervalNs = journal.redeliveryCheckIntervalMs() * 1_000_000L;
        this.slot = takeSlot();
        this.nextRecoveryNs = System.nanoTime();
    }

    private int takeSlot()
    {
        for (int i = 0; i < table.slotCount(); i++)
        {
            final long owner = table.owner(i);
            if (0 != owner && !ClaimTable.isOwnerAlive(owner) && NONE == table.claimedIndex(i) &&
                !GroupDescriptor.isLocked(table.cursorVolatile()))
            {
                table.compareAndSetOwner(i, owner, 0); // a dead member's slot with nothing to redeliver
            }
            if (0 == table.owner(i) && table.compareAndSetOwner(i, 0, ownerWord))
            {
                return i;
            }
        }
        table.close();
        throw new GroupFullException(table.file(), table.slotCount());
    }

    /**
     * Handles one message: first a message of this member (or of a dead one it took over) not yet acknowledged,
     * else the next unclaimed one.
     *
     * @param handler of the message; the message is acknowledged when it returns.
     * @return 1 when a message was handled, 0 when there was none to handle.
     * @throws RuntimeException what the handler threw (a checked exception wrapped): the claim is kept.
     */
    public int poll(final JournalHandler<E> handler)
    {
        if (NONE != table.claimedIndex(slot))
        {
            return redeliver(slot, handler);
        }
        if (adoptedSlot >= 0 || System.nanoTime() - nextRecoveryNs >= 0)
        {
            final int handled = recover(handler);
            if (handled > 0)
            {
                return handled;
            }
        }
        final long last = table.cursorVolatile();
        if (GroupDescriptor.isLocked(last))
        {
            onLockedCursor(last);
            return 0;
        }
        return claimNext(last, handler);
    }

    private int claimNext(final long last, final JournalHandler<E> handler)
    {
        positionAfter(last);
        while (true)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return 0;
                }
                final long index = document.index();
                if (START != last && index <= last)
                {
                    tailerLastIndex = index; // catching up over messages other members claimed
                    continue;
                }
                table.prepare(slot, last, index);
                if (!table.compareAndSetCursor(last, GroupDescriptor.locked(slot)))
                {
                    document.rollbackOnClose(); // another member took it: leave the tailer before it
                    return 0;
                }
                table.recordClaim(slot, index, System.currentTimeMillis());
                table.cursorRelease(index);
                tailerLastIndex = index;
                deliver(index, document, false, handler);
                table.acknowledge(slot);
                return 1;
            }
        }
    }

    /**
     * Puts the tailer where its next document is at most a few messages before the one after {@code last}.
     */
    private void positionAfter(final long last)
    {
        if (START == last)
        {
            if (NONE == tailerLastIndex)
            {
                tailer.toStart();
            }
            return;
        }
        final boolean near = NONE != tailerLastIndex && tailerLastIndex <= last &&
            tailer.cycle() == journal.rollCycleOf(last) && last - tailerLastIndex <= MAX_READ_AHEAD;
        if (!near)
        {
            if (!tailer.moveToIndex(last))
            {
                tailer.toStart(); // history before it deleted or not yet visible: read forward from what is kept
            }
            tailerLastIndex = NONE;
        }
    }

    private void deliver(final long index, final DocumentContext document, final boolean redelivered,
        final JournalHandler<E> handler)
    {
        try
        {
            handler.onMessage(index, decoder.decode(document), redelivered);
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("handler failed at index=" + index + " of consumer group " +
                table.file() + "; the message stays claimed and is delivered again: " + ex, ex);
        }
    }

    /** Delivers again the unacknowledged claim of {@code claimSlot} (this member's, or a dead one's it took). */
    private int redeliver(final int claimSlot, final JournalHandler<E> handler)
    {
        final long index = table.claimedIndex(claimSlot);
        if (NONE != index)
        {
            if (!redeliveryTailer.moveToIndex(index))
            {
                throw new IllegalStateException("claimed message index=" + index + " of consumer group " +
                    table.file() + " is no longer in the journal");
            }
            try (DocumentContext document = redeliveryTailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    throw new IllegalStateException("claimed message index=" + index + " of consumer group " +
                        table.file() + " cannot be read");
                }
                final long deliveries = table.countRedelivery(claimSlot, System.currentTimeMillis());
                LOGGER.debug("group {}: redelivering index {} (delivery {})", table.file(), index, deliveries);
                deliver(index, document, true, handler);
            }
            table.acknowledge(claimSlot);
        }
        if (claimSlot != slot)
        {
            table.compareAndSetOwner(claimSlot, ownerWord, 0); // the dead member's slot is free again
            adoptedSlot = -1;
        }
        return NONE != index ? 1 : 0;
    }

    /**
     * The cold path, every {@link JournalBuilder#redeliveryCheckIntervalMs}: repairs a cursor left locked by a dead
     * member and takes over (then redelivers) one dead member's slot.
     */
    private int recover(final JournalHandler<E> handler)
    {
        nextRecoveryNs = System.nanoTime() + checkIntervalNs;
        final long cursor = table.cursorVolatile();
        if (GroupDescriptor.isLocked(cursor) && !ClaimTable.isOwnerAlive(table.owner(GroupDescriptor.lockHolder(cursor))))
        {
            repairCursor(cursor);
        }
        if (adoptedSlot < 0)
        {
            for (int i = 0; i < table.slotCount() && adoptedSlot < 0; i++)
            {
                final long owner = table.owner(i);
                if (i != slot && 0 != owner && !ClaimTable.isOwnerAlive(owner) &&
                    table.compareAndSetOwner(i, owner, ownerWord))
                {
                    adoptedSlot = i;
                }
            }
        }
        if (adoptedSlot < 0)
        {
            return 0;
        }
        final long lockedNow = table.cursorVolatile();
        if (GroupDescriptor.isLocked(lockedNow) && GroupDescriptor.lockHolder(lockedNow) == adoptedSlot)
        {
            repairCursor(lockedNow);
        }
        return redeliver(adoptedSlot, handler);
    }

    /**
     * The member holding the cursor's lock died: finish or undo its claim from what its slot says.
     */
    private void repairCursor(final long lockedCursor)
    {
        final int holder = GroupDescriptor.lockHolder(lockedCursor);
        final long next = table.preparedNext(holder);
        final long repaired = table.claimedIndex(holder) == next ? next : table.preparedPrevious(holder);
        if (table.compareAndSetCursor(lockedCursor, repaired))
        {
            LOGGER.warn("group {}: member in slot {} died while claiming; cursor repaired to {}", table.file(),
                holder, repaired);
        }
    }

    private void onLockedCursor(final long lockedCursor)
    {
        final long now = System.nanoTime();
        if (lockedCursor != lockSeen)
        {
            lockSeen = lockedCursor;
            lockSeenSinceNs = now;
            return;
        }
        if (now - lockSeenSinceNs > LOCK_PATIENCE_NS &&
            !ClaimTable.isOwnerAlive(table.owner(GroupDescriptor.lockHolder(lockedCursor))))
        {
            repairCursor(lockedCursor);
        }
    }

    /**
     * @return the number of this member's slot in the group's claim table.
     */
    public int slot()
    {
        return slot;
    }

    /**
     * Leaves the group. An unacknowledged claim (the handler threw) is left to the other members to redeliver.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        journal.forget(this);
        if (adoptedSlot >= 0)
        {
            table.compareAndSetOwner(adoptedSlot, ownerWord, ClaimTable.ABANDONED);
        }
        table.compareAndSetOwner(slot, ownerWord, NONE == table.claimedIndex(slot) ? 0 : ClaimTable.ABANDONED);
        tailer.close();
        redeliveryTailer.close();
        table.close();
    }
}
