package io.mproc.contract;

import io.mproc.Context;
import io.mproc.pool.Pool;
import io.mproc.pool.RemoteTaskException;
import io.mproc.pool.SerializableCallable;
import io.mproc.value.SharedLong;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract of {@link Context#pool}: Python's verbs and the {@link java.util.concurrent.ExecutorService} methods give
 * their results in the documented order; a task's exception comes back to the caller; tasks see the shared objects
 * they capture; closing the pool lets submitted work finish.
 */
public abstract class PoolContract extends ContractTestBase
{
    private static final List<Integer> ITEMS = IntStream.rangeClosed(1, 20).boxed().collect(Collectors.toList());
    private static final List<Integer> SQUARES = ITEMS.stream().map(PoolContract::square).collect(Collectors.toList());

    @Test
    void mapVariantsReturnResultsInItemOrder() throws Exception
    {
        try (Pool pool = context().pool(2))
        {
            assertEquals(2, pool.workerCount());
            assertEquals(SQUARES, pool.map(PoolContract::square, ITEMS));
            assertEquals(SQUARES, pool.map(PoolContract::square, ITEMS, 3));
            assertEquals(SQUARES, pool.mapAsync(PoolContract::square, ITEMS).get(GUARD.toSeconds(), TimeUnit.SECONDS));
            assertEquals(List.of(3, 12), pool.starmap(PoolContract::multiply, List.of(Map.entry(1, 3), Map.entry(3, 4))));
        }
    }

    @Test
    void imapKeepsItemOrderAndImapUnorderedLosesNothing()
    {
        try (Pool pool = context().pool(2))
        {
            final List<Integer> ordered = new ArrayList<>();
            pool.imap(PoolContract::square, ITEMS).forEachRemaining(ordered::add);
            assertEquals(SQUARES, ordered);
            final Set<Integer> unordered = new TreeSet<>();
            final Iterator<Integer> results = pool.imapUnordered(PoolContract::square, ITEMS);
            results.forEachRemaining(unordered::add);
            assertEquals(new TreeSet<>(SQUARES), unordered);
        }
    }

    @Test
    void applyAndTheExecutorServiceMethods() throws Exception
    {
        try (Pool pool = context().pool(2))
        {
            assertEquals(49, pool.<Integer, Integer>apply(PoolContract::square, 7));
            assertEquals(64, pool.<Integer, Integer>applyAsync(PoolContract::square, 8).get(GUARD.toSeconds(),
                TimeUnit.SECONDS));
            final SerializableCallable<String> call = () -> "called";
            final Future<String> future = pool.submit(call);
            assertEquals("called", future.get(GUARD.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void aTaskExceptionComesBackToTheCaller() throws InterruptedException
    {
        try (Pool pool = context().pool(2))
        {
            final RemoteTaskException failed = assertThrows(RemoteTaskException.class,
                () -> pool.map(PoolContract::failOnThree, ITEMS));
            assertTrue(failed.getMessage().contains("three is not allowed"), failed.getMessage());
            final ExecutionException async = assertThrows(ExecutionException.class,
                () -> pool.<Integer, Integer>applyAsync(PoolContract::failOnThree, 3).get(GUARD.toSeconds(),
                    TimeUnit.SECONDS));
            assertInstanceOf(RemoteTaskException.class, async.getCause());
            assertEquals(SQUARES, pool.map(PoolContract::square, ITEMS), "the pool works on after a failed task");
        }
    }

    @Test
    void tasksUpdateASharedValueTheyCapture() throws InterruptedException
    {
        try (SharedLong total = context().longValue(name("total"), 0);
             Pool pool = context().pool(2))
        {
            pool.map((Integer x) -> total.addAndGet(x), ITEMS);
            assertEquals(ITEMS.stream().mapToLong(Integer::longValue).sum(), total.get());
        }
    }

    @Test
    void closeLetsSubmittedWorkFinish() throws Exception
    {
        final List<Future<Integer>> futures = new ArrayList<>();
        try (Pool pool = context().pool(2))
        {
            for (final int item : ITEMS)
            {
                final SerializableCallable<Integer> call = () -> square(item);
                futures.add(pool.submit(call));
            }
        }
        final List<Integer> results = new ArrayList<>();
        for (final Future<Integer> future : futures)
        {
            assertTrue(future.isDone(), "close returned before submitted work finished");
            results.add(future.get());
        }
        assertEquals(SQUARES, results);
    }

    static int square(final int x)
    {
        return x * x;
    }

    static int multiply(final int a, final int b)
    {
        return a * b;
    }

    static int failOnThree(final int x)
    {
        if (3 == x)
        {
            throw new IllegalArgumentException("three is not allowed");
        }
        return x * x;
    }
}
