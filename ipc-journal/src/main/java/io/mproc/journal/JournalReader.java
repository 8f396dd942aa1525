package io.mproc.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a journal in order: a named subscriber ({@link Journal#subscriber}), whose position Chronicle keeps in
 * the journal's metadata file and advances when the handler returns, so that a restarted process goes on after
 * the last message consumed; or a replay ({@link Journal#reader}) with no saved position. A process killed while
 * its handler runs has not consumed that message: the subscriber gets it again after the restart (the one
 * message in flight, never a gap). Not thread-safe: one thread per reader.
 *
 * @param <E> type of the values.
 */
public final class JournalReader<E> implements AutoCloseable
{
    private final Journal<E> journal;
    private final ExcerptTailer tailer;
    private final MessageDecoder<E> decoder;
    private final String name;
    private long lastIndex;

    JournalReader(final Journal<E> journal, final ExcerptTailer tailer, final String name)
    {
        this.journal = journal;
        this.tailer = tailer;
        this.decoder = new MessageDecoder<>(journal.codec());
        this.name = name;
    }

    /**
     * Hands the next message, if there is one, to {@code handler}; the position advances only when it returns.
     *
     * @param handler of the message.
     * @return 1 when a message was handled, 0 when none is there yet.
     * @throws RuntimeException what the handler threw (a checked exception wrapped, naming the index).
     */
    public int poll(final JournalHandler<E> handler)
    {
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return 0;
            }
            final long index = document.index();
            lastIndex = index;
            try
            {
                handler.onMessage(index, decoder.decode(document), false);
            }
            catch (final RuntimeException | Error ex)
            {
                document.rollbackOnClose();
                throw ex;
            }
            catch (final Exception ex)
            {
                document.rollbackOnClose();
                throw new IllegalStateException("handler failed at index=" + index + " of journal " +
                    journal.directory() + (null == name ? "" : ", subscriber '" + name + "'") + ": " + ex, ex);
            }
            return 1;
        }
    }

    /**
     * @param handler of the messages.
     * @param limit   most messages to handle.
     * @return messages handled.
     */
    public int poll(final JournalHandler<E> handler, final int limit)
    {
        int count = 0;
        while (count < limit && 1 == poll(handler))
        {
            count++;
        }
        return count;
    }

    /**
     * @return the subscriber's name, or null for a replay.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the append time (epoch ms) of the message last handed out.
     */
    public long lastAppendTimeMs()
    {
        return decoder.lastAppendTimeMs(journal.cycleStartMs(journal.rollCycleOf(lastIndex)));
    }

    boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Positions the reader at the first message appended at or after {@code epochMs}: jumps to that time's cycle
     * file when there is one, then reads forward over the message headers.
     */
    void skipToTime(final long epochMs, final long queueEpochMs, final long cycleLengthMs)
    {
        // Chronicle counts cycles from its epoch (the roll cycle's default epoch: 0 for every roll cycle accepted)
        final int cycle = (int)Math.floorDiv(epochMs - queueEpochMs, cycleLengthMs);
        if (cycle > tailer.cycle())
        {
            final boolean moved = tailer.moveToCycle(cycle);
            if (!moved)
            {
                tailer.toStart();
            }
        }
        while (true)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return;
                }
                final long cycleStartMs = journal.cycleStartMs(journal.rollCycleOf(document.index()));
                if (MessageDecoder.appendTimeMs(document, cycleStartMs) >= epochMs)
                {
                    document.rollbackOnClose();
                    return;
                }
            }
        }
    }

    @Override
    public void close()
    {
        journal.forget(this);
        tailer.close();
    }
}
