package io.mproc.manager;

import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every test of {@link ManagerMultiProcessTest} against a server of two threads (client slots alternate between
 * them), and what only several server threads could break: a function that mutates a nested proxy stays one step
 * while plain operations on that nested object run on the other server thread, and snapshots taken meanwhile are
 * whole.
 */
@Timeout(120)
class ManagerMultiThreadedServerTest extends ManagerMultiProcessTest
{
    int serverThreads()
    {
        return 2;
    }

    @Test
    void shouldKeepFunctionsOnNestedProxiesOneStepAcrossServerThreads()
    {
        manager = builder().start();
        final DictProxy<String, Object> dict = manager.dict("d");
        dict.put("items", manager.list());
        dict.put("count", 0);
        final int perClient = 1_000;
        for (int i = 0; i < 4; i++)
        {
            children.add(ChildJvm.start(NestedFunctionMain.class, namespace.directory().toString(), "c" + i,
                Integer.toString(perClient)));
        }
        children.forEach((c) -> c.assertSuccess(GUARD));

        @SuppressWarnings("unchecked")
        final List<String> items = ((ListProxy<String>)dict.get("items")).snapshot();
        assertEquals(4 * perClient, dict.get("count"), "one count per function call: none lost");
        assertEquals(2 * 4 * perClient, items.size(), "one item per function call and one per plain add");
        assertEquals(items.size(), new HashSet<>(items).size(), "every item there once");
    }

    /**
     * Client: n times, a compute on "count" whose function appends to the nested list (in the server, through the
     * proxy it captures), then a plain append to that list; every 50 rounds a snapshot of the list, which must never
     * shrink.
     */
    public static final class NestedFunctionMain
    {
        public static void main(final String[] args)
        {
            final Manager manager = connect(args[0]);
            final DictProxy<String, Object> dict = manager.dict("d");
            @SuppressWarnings("unchecked")
            final ListProxy<String> items = (ListProxy<String>)dict.get("items");
            final String tag = args[1];
            final int n = Integer.parseInt(args[2]);
            int lastSize = 0;
            for (int i = 0; i < n; i++)
            {
                final String inFunction = tag + "-f" + i;
                dict.compute("count", (k, v) ->
                {
                    items.add(inFunction);
                    return (Integer)v + 1;
                });
                items.add(tag + "-p" + i);
                if (0 == i % 50)
                {
                    final int size = items.snapshot().size();
                    if (size < lastSize)
                    {
                        throw new AssertionError("a snapshot shrank: " + lastSize + " -> " + size);
                    }
                    lastSize = size;
                }
            }
            manager.close();
        }
    }
}
