package io.mproc.manager;

import io.mproc.memory.Namespace;
import io.mproc.queue.UnsendableValueException;
import io.mproc.memory.SharedObject;
import io.mproc.queue.SharedQueue;
import io.mproc.sync.BoundedSemaphore;
import io.mproc.sync.Condition;
import io.mproc.sync.Lock;
import io.mproc.sync.RLock;
import io.mproc.sync.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxies' operations against a real server process (one manager for the class): maps, lists, values,
 * namespaces, nested proxies, functions that run in the server, errors that come back, bad input.
 */
@Timeout(60)
class ManagerTest
{
    static Namespace namespace;
    static Manager manager;

    @BeforeAll
    static void startManager()
    {
        namespace = Namespace.temporary();
        manager = Manager.start(namespace, "m");
    }

    @AfterAll
    static void stopManager()
    {
        manager.close();
        assertEquals(List.of(), namespace.list(), "the manager's files are deleted at close");
        namespace.close();
    }

    @Test
    void shouldServeTheMapOperations()
    {
        final DictProxy<String, Integer> dict = manager.dict();
        assertNull(dict.put("a", 1));
        assertEquals(1, dict.put("a", 2));
        assertEquals(2, dict.get("a"));
        assertEquals(1, dict.size());
        assertTrue(dict.containsKey("a"));
        assertTrue(dict.containsValue(2));
        assertEquals(7, dict.getOrDefault("b", 7));
        assertEquals(2, dict.putIfAbsent("a", 9));
        assertNull(dict.putIfAbsent("b", 3));
        assertTrue(dict.replace("b", 3, 4));
        assertFalse(dict.replace("b", 3, 5));
        assertEquals(4, dict.replace("b", 6));
        assertEquals(12, dict.merge("b", 6, Integer::sum));
        assertEquals(13, dict.compute("b", (k, v) -> v + 1));
        assertEquals(5, dict.computeIfAbsent("c", (k) -> 5));
        assertNull(dict.computeIfPresent("c", (k, v) -> null), "null removes the entry");
        assertEquals(Map.of("a", 2, "b", 13), dict.snapshot());
        assertEquals(List.of("a", "b"), new ArrayList<>(dict.keySet()), "insertion order, as Python's dict");
        dict.replaceAll((BiFunction<String, Integer, Integer> & Serializable)(k, v) -> v * 10);
        assertEquals(Map.of("a", 20, "b", 130), dict.snapshot());
        assertTrue(dict.remove("a", 20));
        assertEquals(130, dict.remove("b"));
        assertTrue(dict.isEmpty());
        dict.putAll(Map.of("x", 1, "y", 2));
        assertEquals(3, (Integer)dict.apply((m) -> m.values().stream().mapToInt(Integer::intValue).sum()));
        dict.clear();
        assertEquals(0, dict.size());
    }

    @Test
    void shouldServeTheListOperations()
    {
        final ListProxy<String> list = manager.list(List.of("b", "c"));
        list.add(0, "a");
        assertTrue(list.add("d"));
        assertEquals(List.of("a", "b", "c", "d"), list.snapshot());
        assertEquals("b", list.set(1, "B"));
        assertEquals("B", list.get(1));
        assertEquals(2, list.indexOf("c"));
        assertTrue(list.contains("d"));
        assertEquals("d", list.remove(3));
        assertTrue(list.remove("a"));
        assertEquals("BX", list.update(0, (s) -> s + "X"));
        list.replaceAll((java.util.function.UnaryOperator<String> & Serializable)String::toLowerCase);
        assertEquals(List.of("bx", "c"), new ArrayList<>(list));
        list.addAll(List.of("z", "y"));
        list.sort(null);
        assertEquals(List.of("bx", "c", "y", "z"), list.snapshot());
        assertTrue(list.removeIf((java.util.function.Predicate<String> & Serializable)(s) -> s.length() > 1));
        assertEquals(3, list.size());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(10),
            "a JDK exception thrown in the server comes back as itself");
    }

    @Test
    void shouldServeValuesAndNamespaces()
    {
        final ValueProxy<Long> value = manager.value(5L);
        assertEquals(5L, value.get());
        value.set(50L);
        assertEquals(51L, value.updateAndGet((v) -> v + 1));

        final NamespaceProxy ns = manager.namespace();
        ns.set("x", 10);
        assertEquals(10, (Integer)ns.get("x"));
        assertEquals(Map.of("x", 10), ns.attributes());
        assertTrue(ns.delete("x"));
        final NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> ns.get("x"));
        assertTrue(missing.getMessage().contains("no attribute 'x'"), missing.getMessage());
    }

    @Test
    void shouldKeepNestedProxiesByReference()
    {
        final DictProxy<String, Object> dict = manager.dict();
        final ListProxy<Integer> inner = manager.list();
        dict.put("k", inner);
        @SuppressWarnings("unchecked")
        final ListProxy<Integer> fetched = (ListProxy<Integer>)dict.get("k");
        assertSame(inner, fetched, "one proxy per object in a process");
        fetched.add(1);
        assertEquals(List.of(1), inner.snapshot(), "a mutation through the nested proxy is not lost");

        // a function running in the server reaches the nested list directly, in the same step
        dict.compute("k", (k, v) ->
        {
            @SuppressWarnings("unchecked")
            final List<Integer> list = (List<Integer>)v;
            list.add(2);
            return v;
        });
        assertEquals(List.of(1, 2), inner.snapshot());
    }

    @Test
    void shouldFindNamedObjects()
    {
        final DictProxy<String, Integer> first = manager.dict("shared");
        first.put("a", 1);
        final DictProxy<String, Integer> second = manager.dict("shared");
        assertSame(first, second);
        final IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class,
            () -> manager.list("shared"));
        assertTrue(wrongKind.getMessage().contains("exists as a dict, not a list"), wrongKind.getMessage());
    }

    @Test
    void shouldReturnAnExceptionThrownInTheServerWithItsClassAndMessage()
    {
        final DictProxy<String, Integer> dict = manager.dict();
        final RemoteManagerException thrown = assertThrows(RemoteManagerException.class,
            () -> dict.compute("k", (k, v) -> { throw new ArithmeticExceptionSubclass("boom " + k); }));
        assertEquals(ArithmeticExceptionSubclass.class.getName(), thrown.remoteClassName());
        assertTrue(thrown.getMessage().contains("boom k"), thrown.getMessage());
        dict.put("still", 1);
        assertEquals(1, dict.get("still"), "the server carries on");
    }

    @Test
    void shouldRefuseAFunctionThatIsNotSerializable()
    {
        final Map<String, Integer> dict = manager.dict();
        final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> dict.merge("k", 1, Integer::sum)); // Map's signature: a plain BiFunction
        assertTrue(thrown.getMessage().contains("must be serialisable"), thrown.getMessage());
    }

    @Test
    void shouldRefuseAValueThatCannotBeEncodedAtTheCaller()
    {
        final DictProxy<String, Object> dict = manager.dict();
        final UnsendableValueException thrown = assertThrows(UnsendableValueException.class,
            () -> dict.put("k", new Object()));
        assertTrue(thrown.getMessage().contains("java.lang.Object"), thrown.getMessage());
        assertEquals(0, dict.size(), "nothing reached the server");
    }

    @Test
    void shouldRefuseTooLargeRequestsAtTheCallerAndTooLargeRepliesWithAClearError()
    {
        final DictProxy<String, Object> dict = manager.dict();
        final io.mproc.queue.MessageTooLargeException request = assertThrows(
            io.mproc.queue.MessageTooLargeException.class, () -> dict.put("k", new byte[Manager.REQUEST_CAPACITY]));
        assertTrue(request.getMessage().contains("maxLength=" + Manager.REQUEST_CAPACITY / 8), request.getMessage());

        dict.put("big", new byte[ManagerClient.REPLY_CAPACITY / 8 + 1]); // fits a request, not a reply
        final RemoteManagerException reply = assertThrows(RemoteManagerException.class, () -> dict.get("big"));
        assertTrue(reply.getMessage().contains("reply too large for the reply ring of manager 'm'"),
            reply.getMessage());
        assertEquals(1, dict.size(), "the server carries on");
    }

    @Test
    void shouldRefuseBadNames()
    {
        assertThrows(IllegalArgumentException.class, () -> Manager.start(namespace, "../x"));
        assertThrows(IllegalArgumentException.class, () -> Manager.builder(namespace, "n").clientSlots(0));
        final IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
            () -> Manager.builder(namespace, "n").serverThreads(0));
        assertEquals("server threads must be from 1 to 64: serverThreads=0", threads.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Manager.builder(namespace, "n").serverThreads(65));
        assertThrows(IllegalArgumentException.class, () -> manager.dict(""));
        final IllegalStateException running = assertThrows(IllegalStateException.class,
            () -> Manager.start(namespace, "m"));
        assertTrue(running.getMessage().contains("already runs"), running.getMessage());
        final ManagerNotRunningException none = assertThrows(ManagerNotRunningException.class,
            () -> Manager.connect(namespace, "nothing"));
        assertTrue(none.getMessage().contains("no manager of that name"), none.getMessage());
    }

    @Test
    void shouldHandOutSharedPrimitivesNamedAfterTheManager() throws Exception
    {
        final Lock lock = manager.lock();
        assertTrue(lock.name().startsWith("m.obj-"), lock.name());
        lock.lock();
        lock.unlock();
        assertEquals(0, manager.event().isSet() ? 1 : 0);

        final RLock rlock = manager.rlock();
        rlock.lock();
        rlock.lock();
        assertEquals(2, rlock.getHoldCount());
        rlock.unlock();
        rlock.unlock();
        final Semaphore semaphore = manager.semaphore(2);
        assertTrue(semaphore.tryAcquire(2));
        assertFalse(semaphore.tryAcquire());
        semaphore.release(2);
        final BoundedSemaphore bounded = manager.boundedSemaphore(1);
        assertThrows(IllegalStateException.class, bounded::release, "a bounded semaphore refuses a release over its bound");
        final Condition condition = manager.condition();
        condition.lock().lock();
        assertFalse(condition.await(1, TimeUnit.MILLISECONDS), "no signal: the wait times out");
        condition.lock().unlock();
        assertEquals(0, manager.barrier(1).await(), "one party: the barrier trips at once");
        final SharedQueue<Object> queue = manager.queue();
        queue.put(List.of("x", 1));
        assertEquals(List.of("x", 1), queue.take());
        for (final SharedObject made : List.<SharedObject>of(rlock, semaphore, bounded, condition, queue))
        {
            assertTrue(made.name().startsWith("m.obj-"), made.name());
        }
    }

    @Test
    void shouldFailEveryCallWithAClearErrorAfterShutdown()
    {
        try (Namespace own = Namespace.temporary(); Manager other = Manager.start(own, "gone"))
        {
            final DictProxy<String, Integer> dict = other.dict();
            dict.put("a", 1);
            other.shutdown();
            final ManagerNotRunningException thrown = assertThrows(ManagerNotRunningException.class,
                () -> dict.get("a"));
            assertTrue(thrown.getMessage().contains("manager 'gone' was shut down"), thrown.getMessage());
            assertFalse(other.isRunning());
        }
    }

    /** A user exception, which comes back as a RemoteManagerException naming it. */
    static final class ArithmeticExceptionSubclass extends ArithmeticException
    {
        private static final long serialVersionUID = 1L;

        ArithmeticExceptionSubclass(final String message)
        {
            super(message);
        }
    }
}
