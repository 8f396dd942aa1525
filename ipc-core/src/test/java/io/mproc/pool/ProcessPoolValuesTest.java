package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.queue.UnsendableValueException;
import io.mproc.sync.Semaphore;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What pool tasks, items and results carry by default, across two real worker JVMs: shared-object handles captured
 * by a task, JDK values and collections, records; and what is refused at submit, in the submitting thread.
 */
class ProcessPoolValuesTest
{
    private static ProcessPool pool;
    private static Namespace namespace;

    @BeforeAll
    static void startPool()
    {
        pool = ProcessPool.create(2);
        namespace = Namespace.temporary();
    }

    @AfterAll
    static void stopPool() throws InterruptedException
    {
        pool.close();
        namespace.close();
    }

    @Test
    @Timeout(60)
    void shouldRunATaskThatCapturesASharedCounterInTheWorkerJvms() throws Exception
    {
        final LongValue counter = LongValue.create(namespace, "counter", 0);
        final List<Integer> items = IntStream.range(0, 200).boxed().collect(Collectors.toList());
        final List<Long> pids = pool.map((Integer x) ->
        {
            counter.incrementAndGet();
            return ProcessHandle.current().pid();
        }, items, 10);
        assertEquals(200, counter.get(), "every increment, made in the workers, reached the parent's memory");
        assertTrue(pids.stream().noneMatch((pid) -> pid == ProcessHandle.current().pid()), "ran in worker JVMs");
    }

    @Test
    @Timeout(60)
    void shouldCarryHandlesJdkValuesAndRecordsAsItemsAndResults() throws Exception
    {
        final Semaphore semaphore = Semaphore.create(namespace, "permits", 3);
        assertEquals(3, pool.apply((Semaphore s) -> s.availablePermits(), semaphore));
        final Map<String, List<BigDecimal>> prices = Map.of("ACME", List.of(new BigDecimal("1.50"), BigDecimal.TEN));
        assertEquals(new Quote("ACME", new BigDecimal("11.50"), LocalDate.of(2026, 12, 3)),
            pool.apply((Map<String, List<BigDecimal>> m) -> new Quote("ACME",
                m.get("ACME").stream().reduce(BigDecimal.ZERO, BigDecimal::add), LocalDate.of(2026, 12, 3)), prices));
    }

    @Test
    void shouldRefuseAtSubmitAnItemOrACaptureThatIsNotAllowed()
    {
        final UnsendableValueException item = assertThrows(UnsendableValueException.class,
            () -> pool.map((Object x) -> 1, List.of(List.of(new Unlisted()))));
        assertEquals(Unlisted.class.getName(), item.refusedClass());
        assertTrue(item.getMessage().contains("ProcessPool.builder().allow(" +
            Unlisted.class.getName().replace('$', '.') + ".class)"), item.getMessage());

        final Unlisted captured = new Unlisted();
        final IllegalArgumentException capture = assertThrows(IllegalArgumentException.class,
            () -> pool.map((Integer x) -> x + captured.hashCode(), List.of(1)));
        assertTrue(capture.getMessage().contains(Unlisted.class.getName()), capture.getMessage());
        assertTrue(capture.getMessage().contains("ProcessPool.builder().allow("), capture.getMessage());
    }

    record Quote(String symbol, BigDecimal total, LocalDate day)
    {
    }

    /** A user class that is not a record: it travels only when the pool allows it. */
    public static final class Unlisted implements Serializable
    {
        private static final long serialVersionUID = 1L;
    }
}
