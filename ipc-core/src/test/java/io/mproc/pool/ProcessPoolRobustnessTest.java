package io.mproc.pool;

import io.mproc.value.LongValue;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Submissions that fail, a worker's task ring that fills, and callbacks that use the pool, each with its own pool
 * of real worker JVMs.
 */
class ProcessPoolRobustnessTest extends PoolTestFixture
{
    /**
     * Each thread that ever submits takes a producer entry of a worker's task ring; past the ring's table size the
     * submit used to fail and leave its task queued for good, so that close() never returned. The queue's producer
     * table now frees the entries of threads that ended, and a failed submit leaves nothing queued.
     */
    @Test
    @Timeout(120)
    void shouldServeSeventyThreadsEachSubmittingOneTaskInTurnThenClose() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 70; i++)
        {
            final int n = i;
            final Thread submitter = new Thread(() ->
            {
                try
                {
                    results.add(pool.submit(() -> n).get(60, TimeUnit.SECONDS));
                }
                catch (final Throwable ex)
                {
                    failures.add(ex);
                }
            }, "submitter-" + i);
            submitter.start();
            submitter.join();
        }

        assertEquals(0, pool.unfinishedChunks(), "a failed submit left nothing queued or in flight");
        assertTimeoutPreemptively(Duration.ofMinutes(1), pool::close, "close() returns");
        assertTrue(pool.isTerminated());
        assertEquals(List.of(), failures, "every submit succeeded");
        assertEquals(ProcessPoolTest.range(70), results);
    }

    @Test
    @Timeout(90)
    void shouldCarryAFunctionLongerThanTheTaskRingsLargestMessageAndStillClose() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final byte[] tooLarge = new byte[ProcessPool.TASK_RING_CAPACITY / 8 + 1];
        final SerializableFunction<Integer, Integer> function = (x) -> x + tooLarge.length;

        // once refused with MessageTooLargeException: such a function now travels in pieces
        assertEquals(1 + tooLarge.length, pool.apply(function, 1));
        assertEquals(0, pool.unfinishedChunks(), "nothing left queued or in flight");
        assertEquals(List.of(2, 3), pool.map((Integer x) -> x + 1, List.of(1, 2)), "the next map runs");
        assertTimeoutPreemptively(Duration.ofMinutes(1), pool::close, "close() returns");
        assertTrue(pool.isTerminated());
    }

    /**
     * Chunks of 2,000 small items and one 400 KiB item: the small items make the items look fast, so the pool
     * queues chunks deep, and the large ones fill the worker's 4 MiB task ring several times over.
     */
    @Test
    @Timeout(120)
    void shouldDeliverEveryResultWhenTheWorkersTaskRingFills() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        assertEquals(List.of(1), pool.map((Integer x) -> x, List.of(1)), "the worker is up");
        final int chunks = 40;
        final int smallPerChunk = 2_000;
        final List<Object> items = new ArrayList<>();
        final List<Object> expected = new ArrayList<>();
        for (int c = 0; c < chunks; c++)
        {
            for (int i = 0; i < smallPerChunk; i++)
            {
                items.add(c * smallPerChunk + i);
                expected.add(c * smallPerChunk + i);
            }
            items.add(new byte[400 * 1024]);
            expected.add(400 * 1024);
        }
        final CompletableFuture<List<Object>> result = pool.mapAsync(
            ProcessPoolRobustnessTest::lengthSlowlyOrSelf, items, smallPerChunk + 1, null);
        assertEquals(expected, result.get(90, TimeUnit.SECONDS));
    }

    static Object lengthSlowlyOrSelf(final Object item)
    {
        if (item instanceof byte[])
        {
            ProcessPoolFaultTest.spin(0, 5); // the slow part of a chunk: the worker reads slower than the pool writes
            return ((byte[])item).length;
        }
        return item;
    }

    @Test
    @Timeout(90)
    void shouldLetACallbackSubmitToTheSamePoolAndWaitForTheResult() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(2));
        final String go = namespace.directory().resolve("go").toString();
        final CompletableFuture<Integer> first = pool.submit(() ->
        {
            while (!Files.exists(Paths.get(go)))
            {
                Thread.onSpinWait();
            }
            return 1;
        });
        final CompletableFuture<Integer> chained = first
            .thenApply((x) -> call(() -> pool.apply((Integer y) -> y * 10, x + 1)))
            .thenApply((x) -> call(() -> pool.submit(() -> x + 3).get()));
        assertFalse(first.isDone(), "the callbacks are registered before the first task completes");
        Files.createFile(Paths.get(go));
        assertEquals(23, chained.get(60, TimeUnit.SECONDS));
    }

    private static <T> T call(final java.util.concurrent.Callable<T> call)
    {
        try
        {
            return call.call();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A worker killed while it holds a chunk that reached it in pieces (a 4 MiB argument): the chunk is sent again,
     * in pieces, to its replacement, and the results of a 4 MiB result from the same replacement come back whole.
     */
    @Test
    @Timeout(120)
    void shouldResendAChunkSentInPiecesWhenItsWorkerIsKilled() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1));
        final LongValue attempts = LongValue.create(namespace, "attempts", 0);
        final byte[] argument = ProcessPoolLargeMessagesTest.pattern(4 * 1024 * 1024, 9);
        final List<Long> pidsBefore = pool.workerPids();

        final byte[] echoed = pool.apply((byte[] b) ->
        {
            if (1 == attempts.incrementAndGet())
            {
                Runtime.getRuntime().halt(9); // as a SIGKILL: no result, no goodbye
            }
            return b;
        }, argument);
        assertArrayEquals(argument, echoed, "the second attempt ran on the whole argument");
        assertEquals(2, attempts.get());
        assertNotEquals(pidsBefore, pool.workerPids(), "the killed worker was replaced");
        assertEquals(List.of(1, 2), pool.map((Integer x) -> x + 1, List.of(0, 1)), "the pool works on");
        assertTimeoutPreemptively(Duration.ofMinutes(1), pool::close, "close() returns");
    }

    /**
     * The reader's side of a message in pieces: a sender that died half-way leaves a partial that is dropped, and a
     * new message from a sender replaces its stale partial.
     */
    @Test
    void shouldDropAPartialMessageOfASenderThatDied()
    {
        final FragmentAssembler assembler = new FragmentAssembler();
        final List<String> whole = new ArrayList<>();
        final MessageHandler handler = (type, buffer, index, length) ->
            whole.add(type + ":" + buffer.getStringWithoutLengthAscii(index, length));

        assembler.onFragment(fragment(7, 1, "abcdef", 0, 3), 0, PoolProtocol.FRAGMENT_BYTES_OFFSET + 3, handler);
        assertEquals(1, assembler.partialCount());
        assembler.discard(7);
        assertEquals(0, assembler.partialCount(), "the dead sender's partial is gone");

        assembler.onFragment(fragment(8, 1, "abcdef", 0, 3), 0, PoolProtocol.FRAGMENT_BYTES_OFFSET + 3, handler);
        assembler.onFragment(fragment(8, 2, "xyz", 0, 2), 0, PoolProtocol.FRAGMENT_BYTES_OFFSET + 2, handler);
        assembler.onFragment(fragment(8, 2, "xyz", 2, 1), 0, PoolProtocol.FRAGMENT_BYTES_OFFSET + 1, handler);
        assertEquals(List.of("2:xyz"), whole, "a new message replaced the stale partial");
        assertEquals(0, assembler.partialCount());
    }

    private static UnsafeBuffer fragment(final int sender, final int type, final String message,
        final int offset, final int length)
    {
        final UnsafeBuffer buffer =
            new UnsafeBuffer(new byte[PoolProtocol.FRAGMENT_BYTES_OFFSET + length]);
        buffer.putInt(PoolProtocol.FRAGMENT_SENDER_OFFSET, sender);
        buffer.putInt(PoolProtocol.FRAGMENT_TYPE_OFFSET, type);
        buffer.putInt(PoolProtocol.FRAGMENT_WHOLE_LENGTH_OFFSET, message.length());
        buffer.putInt(PoolProtocol.FRAGMENT_OFFSET_OFFSET, offset);
        buffer.putStringWithoutLengthAscii(PoolProtocol.FRAGMENT_BYTES_OFFSET, message.substring(offset, offset + length));
        return buffer;
    }
}
