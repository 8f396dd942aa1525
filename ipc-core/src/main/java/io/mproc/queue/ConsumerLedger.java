package io.mproc.queue;

import io.mproc.internal.ProcessIdentity;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static io.mproc.queue.QueueDescriptor.CONSUMER_LEDGER_ENTRIES;
import static io.mproc.queue.QueueDescriptor.CONSUMER_LEDGER_OFFSET;
import static io.mproc.queue.QueueDescriptor.LEDGER_ABANDONED_OFFSET;
import static io.mproc.queue.QueueDescriptor.LEDGER_DONE_OFFSET;
import static io.mproc.queue.QueueDescriptor.LEDGER_ENTRY_LENGTH;
import static io.mproc.queue.QueueDescriptor.LEDGER_OWNER_OFFSET;
import static io.mproc.queue.QueueDescriptor.LEDGER_TAKEN_OFFSET;
import static io.mproc.queue.QueueDescriptor.LOST_UNREPORTED_OFFSET;
import static io.mproc.queue.QueueDescriptor.TASKS_LOST_OFFSET;

/**
 * The consumer ledger of one queue body ({@link QueueDescriptor}): per consumer process, the messages it was handed
 * and the tasks it marked done, so that the tasks a consumer took and never marked done are found once it dies, and
 * {@link JoinableQueue#join()} ends instead of waiting for them forever. Everything here is a cold path: an entry is
 * found once per handle, and dead owners are looked for only by a joiner that has waited a while. Not API.
 */
final class ConsumerLedger
{
    /** Index of a handle's entry before it looked for one. */
    static final int NOT_LOOKED_UP = -2;
    /** Index of a handle's entry when every entry was held by a live process. */
    static final int NO_ENTRY = -1;

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLedger.class);

    private final UnsafeBuffer buffer;
    private final int ledgerIndex;
    private final int tasksLostIndex;
    private final int lostUnreportedIndex;
    private final long ownerWord = ProcessIdentity.currentOwnerWord();
    private final Path path;

    /**
     * @param buffer    over the whole region.
     * @param coreIndex index of the queue body in {@code buffer}.
     * @param path      of the region, for messages.
     */
    ConsumerLedger(final UnsafeBuffer buffer, final int coreIndex, final Path path)
    {
        this.buffer = buffer;
        this.path = path;
        ledgerIndex = coreIndex + CONSUMER_LEDGER_OFFSET;
        tasksLostIndex = coreIndex + TASKS_LOST_OFFSET;
        lostUnreportedIndex = coreIndex + LOST_UNREPORTED_OFFSET;
    }

    /**
     * Finds this process's entry, or takes a free one or a dead process's (after recording its loss).
     *
     * @return index of the entry in the buffer, or {@link #NO_ENTRY} when every entry is held by a live process: this
     * process then consumes without an entry, and tasks it loses by dying are not found.
     */
    synchronized int entryOfThisProcess()
    {
        for (int i = 0; i < CONSUMER_LEDGER_ENTRIES; i++)
        {
            final int entryIndex = ledgerIndex + i * LEDGER_ENTRY_LENGTH;
            if (ownerWord == buffer.getLongVolatile(entryIndex + LEDGER_OWNER_OFFSET))
            {
                return entryIndex; // another handle of this process took it
            }
        }
        for (int i = 0; i < CONSUMER_LEDGER_ENTRIES; i++)
        {
            final int entryIndex = ledgerIndex + i * LEDGER_ENTRY_LENGTH;
            final long owner = buffer.getLongVolatile(entryIndex + LEDGER_OWNER_OFFSET);
            if (0 == owner || !ProcessIdentity.isOwnerAlive(owner))
            {
                recordLossOfDeadOwner(entryIndex, owner); // its counts carry on under the new owner
                if (buffer.compareAndSetLong(entryIndex + LEDGER_OWNER_OFFSET, owner, ownerWord))
                {
                    return entryIndex;
                }
            }
        }
        LOG.warn("all {} consumer ledger entries are held by live processes: tasks this process takes are not " +
            "found if it dies, so a join may wait for them: path={}", CONSUMER_LEDGER_ENTRIES, path);
        return NO_ENTRY;
    }

    /**
     * Records the tasks of every dead consumer that took tasks and never marked them done.
     *
     * @return tasks lost by dead consumers, ever: the sum of the entries' abandoned counts.
     */
    long collectLostTasks()
    {
        long lost = 0;
        for (int i = 0; i < CONSUMER_LEDGER_ENTRIES; i++)
        {
            final int entryIndex = ledgerIndex + i * LEDGER_ENTRY_LENGTH;
            final long owner = buffer.getLongVolatile(entryIndex + LEDGER_OWNER_OFFSET);
            if (0 != owner && !ProcessIdentity.isOwnerAlive(owner))
            {
                recordLossOfDeadOwner(entryIndex, owner);
            }
            lost += buffer.getLongVolatile(entryIndex + LEDGER_ABANDONED_OFFSET);
        }
        return lost;
    }

    /**
     * @return tasks lost by dead consumers that were recorded, ever.
     */
    long tasksLost()
    {
        return buffer.getLongVolatile(tasksLostIndex);
    }

    /**
     * @return tasks lost and not reported yet, now counted as reported by the caller.
     */
    long takeUnreportedLoss()
    {
        return 0 == buffer.getLongVolatile(lostUnreportedIndex) ? 0 : buffer.getAndSetLong(lostUnreportedIndex, 0);
    }

    /**
     * The entry's owner is dead (or it is free), so its counts no longer move: everything it took and did not mark
     * done is lost. The abandoned count is set by compare-and-set to that figure, so any number of callers, even one
     * killed in the middle, record each loss once.
     */
    private void recordLossOfDeadOwner(final int entryIndex, final long owner)
    {
        final long outstanding = Math.max(0, buffer.getLongVolatile(entryIndex + LEDGER_TAKEN_OFFSET) -
            buffer.getLongVolatile(entryIndex + LEDGER_DONE_OFFSET));
        final long recorded = buffer.getLongVolatile(entryIndex + LEDGER_ABANDONED_OFFSET);
        if (outstanding > recorded &&
            buffer.getLongVolatile(entryIndex + LEDGER_OWNER_OFFSET) == owner &&
            buffer.compareAndSetLong(entryIndex + LEDGER_ABANDONED_OFFSET, recorded, outstanding))
        {
            final long lost = outstanding - recorded;
            buffer.getAndAddLong(tasksLostIndex, lost);
            buffer.getAndAddLong(lostUnreportedIndex, lost);
            LOG.warn("consumer process pid={} died holding {} task(s) it never marked done: they are lost, path={}",
                ProcessIdentity.pidOf(owner), lost, path);
        }
    }
}
