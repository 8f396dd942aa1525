package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * imap and imap_unordered read their input lazily, a bounded number of chunks ahead of the consumer, across real
 * worker JVMs: an input that throws yields the results before the throw first, an infinite input can be stopped, and
 * a very large one runs in bounded memory. map, like Python's, reads its whole input before it submits anything.
 */
class ProcessPoolStreamingTest extends PoolTestFixture
{
    /**
     * Integers from 0, counting how many were read; fails loudly past {@code limit} (an eager reader would never end).
     */
    static final class Counting implements Iterable<Integer>
    {
        final AtomicLong read = new AtomicLong();
        private final long limit;
        private final long throwAt;
        final IllegalStateException failure = new IllegalStateException("no item 3");

        Counting(final long limit, final long throwAt)
        {
            this.limit = limit;
            this.throwAt = throwAt;
        }

        public Iterator<Integer> iterator()
        {
            return new Iterator<>()
            {
                public boolean hasNext()
                {
                    return read.get() < limit;
                }

                public Integer next()
                {
                    final long index = read.get();
                    if (index >= limit)
                    {
                        throw new NoSuchElementException();
                    }
                    if (index == throwAt)
                    {
                        throw failure;
                    }
                    read.incrementAndGet();
                    return (int)index;
                }
            };
        }
    }

    @Test
    @Timeout(120)
    void shouldYieldTheResultsBeforeAnInputThatThrowsThenItsException() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final Counting input = new Counting(Long.MAX_VALUE, 3);
        final Iterator<Integer> ordered = pool.imap((Integer x) -> x * 10, input, 1);
        assertEquals(0, ordered.next());
        assertEquals(10, ordered.next());
        assertEquals(20, ordered.next());
        assertTrue(ordered.hasNext(), "the input's exception is still to come");
        assertSame(input.failure, assertThrows(IllegalStateException.class, ordered::next));
        assertFalse(ordered.hasNext());

        final Counting again = new Counting(Long.MAX_VALUE, 3);
        final Iterator<Integer> unordered = pool.imapUnordered((Integer x) -> x * 10, again, 1);
        final List<Integer> results = new ArrayList<>(List.of(unordered.next(), unordered.next(), unordered.next()));
        Collections.sort(results);
        assertEquals(List.of(0, 10, 20), results);
        assertSame(again.failure, assertThrows(IllegalStateException.class, unordered::next));
        assertFalse(unordered.hasNext());
        assertEquals(List.of(1, 2), pool.map((Integer x) -> x + 1, List.of(0, 1)), "the pool works on");
    }

    @Test
    @Timeout(120)
    void shouldYieldTheResultsBeforeAnItemThatCannotBeSentThenTheReason() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final Iterator<Object> results = pool.imap((Object x) -> x, List.of(1, 2, new Object(), 4), 1);
        assertEquals(1, results.next());
        assertEquals(2, results.next());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, results::next);
        assertTrue(ex.getMessage().contains("java.lang.Object"), ex.getMessage());
        assertFalse(results.hasNext(), "the input ends at the item that could not be sent");

        final Iterator<Object> withNull = pool.imap((Object x) -> x, java.util.Arrays.asList(1, null), 1);
        assertEquals(1, withNull.next());
        final NullPointerException npe = assertThrows(NullPointerException.class, withNull::next);
        assertTrue(npe.getMessage().contains("index=1"), npe.getMessage());
        assertEquals(List.of(1, 2), pool.map((Integer x) -> x + 1, List.of(0, 1)), "the pool works on");
    }

    @Test
    @Timeout(120)
    void shouldStopAnInfiniteInputAfterNResultsThenWorkOnAndClose() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final int wanted = 5_000;
        final Counting infinite = new Counting(10_000_000, -1); // "infinite": an eager reader reaches the limit
        final Iterator<Integer> results = pool.imap((Integer x) -> x + 1, infinite, 7);
        for (int i = 0; i < wanted; i++)
        {
            assertEquals(i + 1, results.next());
        }
        final long bound = (long)((ImapJob<?>)results).lookaheadChunks() * 7;
        assertTrue(infinite.read.get() <= wanted + bound, "read ahead within the bound: " + infinite.read.get());

        final Counting infiniteUnordered = new Counting(10_000_000, -1);
        final Iterator<Integer> unordered = pool.imapUnordered((Integer x) -> x + 1, infiniteUnordered, 7);
        long sum = 0;
        for (int i = 0; i < wanted; i++)
        {
            sum += unordered.next();
        }
        assertTrue(sum >= (long)wanted * (wanted + 1) / 2);
        assertTrue(infiniteUnordered.read.get() <= wanted + bound, "read lazily: " + infiniteUnordered.read.get());

        assertEquals(List.of(1, 2), pool.map((Integer x) -> x + 1, List.of(0, 1)), "the pool works on");
        assertTimeoutPreemptively(Duration.ofMinutes(1), pool::close, "close() returns with both streams abandoned");
        assertTrue(pool.isTerminated());
    }

    @Test
    @Timeout(300)
    void shouldStreamTenMillionItemsInBoundedMemory() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final int total = 10_000_000;
        final Counting input = new Counting(total, -1);
        final int chunksize = 5_000;
        final ImapJob<Integer> results = (ImapJob<Integer>)pool.<Integer, Integer>imap((Integer x) -> x & 7, input,
            chunksize);
        final long bound = (long)results.lookaheadChunks() * chunksize;
        long sum = 0;
        long count = 0;
        long mostAhead = 0;
        while (results.hasNext())
        {
            final int value = results.next();
            if (value != (count & 7))
            {
                assertEquals(count & 7, value, "result " + count);
            }
            sum += value;
            count++;
            mostAhead = Math.max(mostAhead, input.read.get() - count);
        }
        assertEquals(total, count);
        assertEquals((long)total / 8 * 28, sum);
        assertTrue(results.peakOutstandingChunks() <= results.lookaheadChunks(),
            "chunks in flight: " + results.peakOutstandingChunks() + ", look-ahead " + results.lookaheadChunks());
        assertTrue(mostAhead <= bound, "items read ahead of the consumer: " + mostAhead + ", bound " + bound);
    }

    @Test
    @Timeout(60)
    void shouldReadTheWholeInputOfMapBeforeSubmittingAnythingAsPython() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final LongValue ran = LongValue.create(namespace, "ran", 0);
        final Counting input = new Counting(Long.MAX_VALUE, 3);
        assertSame(input.failure, assertThrows(IllegalStateException.class, () -> pool.map((Integer x) ->
        {
            ran.incrementAndGet();
            return x;
        }, input, 1)), "the input's own exception, from map itself");
        assertEquals(0, pool.unfinishedChunks(), "nothing was submitted");
        assertEquals(List.of(1, 2), pool.map((Integer x) -> x + 1, List.of(0, 1)), "the pool works on");
        assertEquals(0, ran.get(), "no task of the failed map ran");
    }
}
