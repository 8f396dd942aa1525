package io.mproc.pool;

import io.mproc.value.LongValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An item that the worker cannot decode (here: its class's {@code readObject} throws in the worker JVM) fails that
 * item only: the other items of its chunk run and return their results. It once failed every item after it in the
 * chunk, since the worker lost its place in the chunk at the failed item.
 */
class ProcessPoolUndecodableItemTest extends PoolTestFixture
{
    @Test
    @Timeout(120)
    void shouldFailOnlyTheItemThatCannotBeDecodedInItsChunk() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1).allow(Poisonable.class));
        final List<Poisonable> items = List.of(
            new Poisonable(0, false), new Poisonable(1, true), new Poisonable(2, false), new Poisonable(3, false));

        final Iterator<Integer> results = pool.imap(Poisonable::value, items, 4); // one chunk of the four
        final List<Object> outcomes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++)
        {
            try
            {
                outcomes.add(results.next());
            }
            catch (final RemoteTaskException ex)
            {
                assertTrue(ex.getMessage().contains("poisoned item 1"), ex.getMessage());
                outcomes.add("failed");
            }
        }

        assertEquals(List.of(0, "failed", 2, 3), outcomes, "only the undecodable item failed");
        assertEquals(List.of(10, 12), pool.map((Integer x) -> x + 10, List.of(0, 2)), "the worker carries on");
    }

    @Test
    @Timeout(120)
    void shouldFailOnlyThePairWhoseSecondArgumentCannotBeDecoded() throws Exception
    {
        final ProcessPool pool = pool(ProcessPool.builder().workers(1).allow(Poisonable.class));
        final LongValue ranSum = LongValue.create(namespace, "ranSum", 0);
        final List<Map.Entry<Integer, Poisonable>> pairs = List.of(
            Map.entry(100, new Poisonable(0, false)), Map.entry(200, new Poisonable(1, true)),
            Map.entry(300, new Poisonable(2, false)));

        final RemoteTaskException failure = assertThrows(RemoteTaskException.class,
            () -> pool.starmap((Integer a, Poisonable b) -> ranSum.addAndGet(a + b.value()), pairs, 3));

        assertTrue(failure.getMessage().contains("poisoned item 1"), failure.getMessage());
        assertEquals(100 + 302, ranSum.get(), "the pairs before and after the undecodable one ran");
    }

    /**
     * A value whose deserialisation throws when it was made poisoned: it encodes fine in the parent and fails to
     * decode in the worker.
     */
    static final class Poisonable implements Serializable
    {
        private static final long serialVersionUID = 1L;

        private final int value;
        private final boolean poisoned;

        Poisonable(final int value, final boolean poisoned)
        {
            this.value = value;
            this.poisoned = poisoned;
        }

        int value()
        {
            return value;
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            if (poisoned)
            {
                throw new InvalidObjectException("poisoned item " + value);
            }
        }
    }
}
