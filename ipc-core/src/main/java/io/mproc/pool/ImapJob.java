package io.mproc.pool;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

/**
 * imap and imap_unordered: a job that reads its input lazily, on the consumer's thread, a bounded number of chunks
 * ahead of the consumer. At most {@link #lookaheadChunks()} chunks are submitted and not yet consumed; each result
 * the consumer takes may let one more chunk be read, encoded and submitted. So memory stays bounded for any input,
 * an infinite one included, and an input that throws yields the results of the items before the throw first, then
 * the input's own exception, in the failed item's place (as Python's imap does).
 * <p>
 * Two locks: the feed lock (the consumer's side: the input, what was submitted and consumed) is taken first and may
 * take the pool lock (to submit); this object's monitor guards the results, which the collector delivers under the
 * pool lock. Results wait in a window of {@code lookahead x items per chunk} slots: the job index of an item is its
 * input index modulo that window, so that indices never overflow however long the input.
 *
 * @param <R> result type.
 */
abstract class ImapJob<R> extends PoolJob implements Iterator<R>
{
    /** Chunks read ahead of the consumer, per worker: enough to keep each busy while results travel back. */
    static final int LOOKAHEAD_CHUNKS_PER_WORKER = 8;
    /** A result that is null (imap_unordered's queue holds no nulls). */
    private static final Object NULL = new Object();

    private final Object feedLock = new Object();
    private final StreamInput input;
    private final ChunkEncoder encoder;
    private final TaskDispatcher dispatcher;
    private final int fnId;
    private final int chunksize;
    /** The input index after each chunk still to be consumed, oldest first: a ring of lookahead entries. */
    private final long[] chunkEnds;
    /** Slots of the results window; the job index of an item is its input index modulo this. */
    final int windowCapacity;
    private int oldestChunk;
    private int outstandingChunks;
    private int peakOutstandingChunks;
    /** Items read, sent and not failed at the feed: the input index of the next item. */
    private long submitted;
    private long consumed;
    /** Thrown to the consumer in place of item {@link #submitted}, once every item before it is consumed. */
    private RuntimeException endFailure;
    private boolean endFailureThrown;
    /** The whole job failed (the pool was terminated, the consumer gave up...): every result not yet in fails so. */
    volatile RuntimeException jobFailure;

    ImapJob(
        final Iterator<?> items,
        final ChunkEncoder encoder,
        final TaskDispatcher dispatcher,
        final int fnId,
        final int chunksize,
        final int lookaheadChunks)
    {
        this.input = new StreamInput(items);
        this.encoder = encoder;
        this.dispatcher = dispatcher;
        this.fnId = fnId;
        this.chunksize = chunksize;
        this.chunkEnds = new long[lookaheadChunks];
        this.windowCapacity = lookaheadChunks * Math.min(chunksize, ChunkEncoder.MAX_ITEMS_PER_CHUNK);
    }

    /**
     * Waits for the result of the item with this input index (imap), or for any result (imap_unordered).
     *
     * @return the value, {@link #NULL}, or a {@link Failure}.
     */
    abstract Object take(long index) throws InterruptedException;

    final boolean isDone()
    {
        return null != jobFailure;
    }

    final synchronized void failAll(final RuntimeException error)
    {
        if (null == jobFailure)
        {
            jobFailure = error;
        }
        notifyAll();
    }

    /**
     * @return chunks that may be submitted and not yet consumed.
     */
    final int lookaheadChunks()
    {
        return chunkEnds.length;
    }

    /**
     * @return the most chunks ever submitted and not yet consumed (for tests: never above the look-ahead).
     */
    final int peakOutstandingChunks()
    {
        synchronized (feedLock)
        {
            return peakOutstandingChunks;
        }
    }

    public final boolean hasNext()
    {
        synchronized (feedLock)
        {
            refill();
            return consumed < submitted || (null != endFailure && !endFailureThrown);
        }
    }

    @SuppressWarnings("unchecked")
    public final R next()
    {
        synchronized (feedLock)
        {
            refill();
            if (consumed == submitted)
            {
                if (null != endFailure && !endFailureThrown)
                {
                    endFailureThrown = true;
                    throw endFailure;
                }
                throw new NoSuchElementException();
            }
            final Object value = awaitResult();
            consumed++;
            while (outstandingChunks > 0 && chunkEnds[oldestChunk] <= consumed)
            {
                oldestChunk = (oldestChunk + 1) % chunkEnds.length;
                outstandingChunks--;
            }
            refill(); // keeps the workers busy while the caller uses this result
            if (NULL == value)
            {
                return null;
            }
            if (value instanceof Failure)
            {
                throw ((Failure)value).error;
            }
            return (R)value;
        }
    }

    private Object awaitResult()
    {
        try
        {
            return take(consumed);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            final CancellationException cancelled =
                new CancellationException("interrupted while waiting for result " + consumed);
            failAll(cancelled); // drops the chunks still queued; later calls fail at once
            throw cancelled;
        }
    }

    /**
     * Reads, encodes and submits chunks until the look-ahead is full or the input has ended. Under the feed lock, on
     * the consumer's (or, for the first chunks, the caller's) thread.
     */
    private void refill()
    {
        while (outstandingChunks < chunkEnds.length && null == endFailure && !input.hasEnded())
        {
            if (null != jobFailure)
            {
                endFailure = jobFailure; // the input is cut short: say so after the last item
                return;
            }
            final Chunk chunk = encoder.encodeNext(
                this, fnId, input, chunksize, (int)(submitted % windowCapacity), submitted);
            if (null != chunk)
            {
                try
                {
                    dispatcher.submit(this, Collections.singletonList(chunk));
                }
                catch (final RuntimeException ex)
                {
                    endFailure = ex; // shut down meanwhile, or the chunk could not be sent
                    return;
                }
                submitted += chunk.count;
                chunkEnds[(oldestChunk + outstandingChunks) % chunkEnds.length] = submitted;
                outstandingChunks++;
                peakOutstandingChunks = Math.max(peakOutstandingChunks, outstandingChunks);
            }
            if (null != input.failure())
            {
                endFailure = input.failure();
            }
        }
    }

    final void refillFirst()
    {
        synchronized (feedLock)
        {
            refill();
        }
    }

    /**
     * imap: results in input order, each as soon as it and those before it are done.
     */
    static final class Ordered<R> extends ImapJob<R>
    {
        private final Object[] values;
        private final boolean[] present;

        Ordered(final Iterator<?> items, final ChunkEncoder encoder, final TaskDispatcher dispatcher, final int fnId,
            final int chunksize, final int lookaheadChunks)
        {
            super(items, encoder, dispatcher, fnId, chunksize, lookaheadChunks);
            values = new Object[windowCapacity];
            present = new boolean[windowCapacity];
        }

        synchronized void deliver(final int index, final Object value)
        {
            if (null != jobFailure)
            {
                return; // the consumer was told the job failed: a late result must not fill a slot reused later
            }
            final int slot = index % windowCapacity;
            values[slot] = null == value ? NULL : value;
            present[slot] = true;
            notifyAll();
        }

        synchronized void fail(final int index, final RuntimeException error)
        {
            deliver(index, new Failure(error));
        }

        synchronized Object take(final long index) throws InterruptedException
        {
            final int slot = (int)(index % windowCapacity);
            while (!present[slot])
            {
                if (null != jobFailure)
                {
                    return new Failure(jobFailure);
                }
                wait();
            }
            final Object value = values[slot];
            values[slot] = null;
            present[slot] = false;
            return value;
        }
    }

    /**
     * imap_unordered: results as they complete.
     */
    static final class Unordered<R> extends ImapJob<R>
    {
        private final ArrayDeque<Object> values = new ArrayDeque<>();

        Unordered(final Iterator<?> items, final ChunkEncoder encoder, final TaskDispatcher dispatcher, final int fnId,
            final int chunksize, final int lookaheadChunks)
        {
            super(items, encoder, dispatcher, fnId, chunksize, lookaheadChunks);
        }

        synchronized void deliver(final int index, final Object value)
        {
            if (null != jobFailure)
            {
                return;
            }
            values.addLast(null == value ? NULL : value);
            notifyAll();
        }

        synchronized void fail(final int index, final RuntimeException error)
        {
            deliver(index, new Failure(error));
        }

        synchronized Object take(final long index) throws InterruptedException
        {
            while (values.isEmpty())
            {
                if (null != jobFailure)
                {
                    return new Failure(jobFailure);
                }
                wait();
            }
            return values.pollFirst();
        }
    }

    /**
     * A failed item among the results.
     */
    private static final class Failure
    {
        final RuntimeException error;

        Failure(final RuntimeException error)
        {
            this.error = error;
        }
    }
}
