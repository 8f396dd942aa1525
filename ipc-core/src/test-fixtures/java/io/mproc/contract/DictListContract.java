package io.mproc.contract;

import io.mproc.Context;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract of {@link Context#dict} and {@link Context#list}: a map and a list every process of the context sees by
 * name. This process touches them first, so that it (the longest-lived) is the one whose context serves them.
 */
public abstract class DictListContract extends ContractTestBase
{
    @Test
    void dictIsTheSameMapInEveryProcess()
    {
        final String name = name("dict");
        final Map<String, Integer> dict = context().dict(name);
        assertTrue(dict.isEmpty());
        dict.put("parent", 1);
        assertEquals(1, dict.get("parent"));
        assertTrue(dict.containsKey("parent"));
        final ChildJvm child = child(DictListContract.class, "updateDict", name);
        assertEquals("saw 1", child.awaitLine("saw", GUARD));
        child.assertSuccess(GUARD);
        assertEquals(Map.of("child", 2), Map.copyOf(dict), "the child removed 'parent' and put 'child'");
        assertEquals(2, dict.get("child"));
        assertNull(dict.get("parent"));
        assertEquals(1, dict.size());
        final Map<String, Integer> again = context().dict(name);
        assertEquals(2, again.get("child"), "the same name is the same map");
    }

    @Test
    void listIsTheSameListInEveryProcess()
    {
        final String name = name("list");
        final List<String> list = context().list(name);
        assertTrue(list.isEmpty());
        list.add("first");
        final ChildJvm child = child(DictListContract.class, "appendToList", name);
        child.assertSuccess(GUARD);
        assertEquals(List.of("first", "second", "third"), List.copyOf(list));
        assertEquals(3, list.size());
        assertEquals("second", list.get(1));
        assertEquals("first", list.remove(0));
        assertFalse(list.contains("first"));
        assertEquals(List.of("second", "third"), List.copyOf(context().list(name)));
    }

    /** Failed on a cluster before: List's default replaceAll, removeIf and sort changed a snapshot only. */
    @Test
    void listReplaceAllRemoveIfAndSortChangeTheSharedList()
    {
        final String name = name("whole-list");
        final List<Integer> list = context().list(name);
        list.addAll(List.of(3, 1, 2));
        final ChildJvm child = child(DictListContract.class, "timesTenSortAndDropTwenty", name);
        child.assertSuccess(GUARD);
        assertEquals(List.of(10, 30), List.copyOf(list), "the child's replaceAll, sort and removeIf");
        list.replaceAll((UnaryOperator<Integer> & Serializable)(x) -> x + 1); // serialisable: shm runs it in the server
        assertEquals(List.of(11, 31), List.copyOf(context().list(name)));
    }

    static void timesTenSortAndDropTwenty(final Context context, final String[] args)
    {
        final List<Integer> list = context.list(args[0]);
        list.replaceAll((UnaryOperator<Integer> & Serializable)(x) -> x * 10);
        list.sort(null);
        list.removeIf((Predicate<Integer> & Serializable)(x) -> x == 20);
    }

    static void updateDict(final Context context, final String[] args)
    {
        final Map<String, Integer> dict = context.dict(args[0]);
        ContractChild.say("saw " + dict.get("parent"));
        dict.remove("parent");
        dict.put("child", 2);
    }

    static void appendToList(final Context context, final String[] args)
    {
        final List<String> list = context.list(args[0]);
        if (!List.copyOf(list).equals(List.of("first")))
        {
            throw new AssertionError("the child sees another list: " + list);
        }
        list.add("second");
        list.add("third");
    }
}
