package io.mproc.queue;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ordinary Java values travel between JVMs with no configuration, and nothing else is ever instantiated: JDK values
 * and collections, records and enums put by a child JVM are equal when the parent takes them; user classes the
 * receiver does not allow are refused without running any of their code.
 */
class DefaultValuesMultiProcessTest extends MultiProcessTest
{
    @Test
    @Timeout(60)
    void shouldCarryJdkValuesCollectionsRecordsAndEnumsFromAnotherJvmWithoutConfiguration() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "values");
        child = ChildJvm.start(PutValuesMain.class, namespace.directory().toString());
        for (final Object expected : values())
        {
            final Object taken = queue.poll(30, TimeUnit.SECONDS);
            assertEquals(expected, taken, () -> "stderr of child: " + child.stderr());
            if (!(expected instanceof Map || expected instanceof Set) ||
                !expected.getClass().getName().startsWith("java.util.ImmutableCollections"))
            {
                assertEquals(expected.getClass(), taken.getClass(), "same class");
            }
        }
        final Object[] array = (Object[])queue.poll(30, TimeUnit.SECONDS);
        assertInstanceOf(Order[].class, array);
        assertArrayEquals(new Order[]{order(1), null, order(2)}, array);
        assertArrayEquals(new long[]{1, -2, Long.MAX_VALUE}, (long[])queue.poll(30, TimeUnit.SECONDS));
        final Map<?, ?> immutable = (Map<?, ?>)queue.poll(30, TimeUnit.SECONDS);
        assertEquals(Map.of("a", List.of(1, 2), "b", List.of()), immutable);
        assertThrows(UnsupportedOperationException.class, () -> immutable.clear(), "immutable stays immutable");
        child.assertSuccess(Duration.ofSeconds(30));
    }

    @Test
    @Timeout(60)
    void shouldNeverInstantiateAUserClassTheReceiverDoesNotAllow() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "tripwires");
        child = ChildJvm.start(PutTripwiresMain.class, namespace.directory().toString());
        child.awaitLine("PUT", Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++)
        {
            final MessageDecodingException ex = assertThrows(MessageDecodingException.class, queue::take);
            assertTrue(ex.getMessage().contains(Tripwire.class.getName()), ex.getMessage());
        }
        assertEquals("after", queue.take(), "each refused message is consumed, the queue goes on");
        assertEquals(0, TripwireLog.STATIC_INITS.get(), "static initialiser ran");
        assertEquals(0, TripwireLog.READ_OBJECTS.get(), "readObject ran");
        assertEquals(0, TripwireLog.RECORD_CONSTRUCTIONS.get(), "the record holding it was built");
        child.assertSuccess(Duration.ofSeconds(30));
    }

    @Test
    void shouldRefuseAnUnsendableValueAtThePutNamingClassPlaceAndCall() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "q");
        final Map<String, List<Object>> value = Map.of("k", List.of(1, new Unlisted()));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> queue.put(value));
        assertInstanceOf(UnsendableValueException.class, ex);
        final String message = ex.getMessage();
        assertTrue(message.startsWith("cannot send " + Unlisted.class.getName() + " on queue 'q' ("), message);
        assertTrue(message.contains("at value.get(\"k\")[1]"), message);
        assertTrue(message.contains("SharedQueue.builder(namespace, \"q\").allowList(AllowList.of(" +
            Unlisted.class.getName().replace('$', '.') + ".class))"), message);
        assertEquals(0, queue.size(), "nothing was sent");

        final UnsendableValueException top = assertThrows(UnsendableValueException.class, () -> queue.offer(new Object()));
        assertEquals("java.lang.Object", top.refusedClass());
        assertEquals("value", top.path());
        assertEquals(0, queue.size());
    }

    @Test
    void shouldRefuseAnUnsendableValueAtThePipeSendNamingThePipeAndItsCall() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "p"))
        {
            final UnsendableValueException ex = assertThrows(UnsendableValueException.class,
                () -> pipe.left().send(List.of(new Unlisted())));
            assertEquals("value[0]", ex.path());
            assertTrue(ex.getMessage().contains(" on pipe 'p' end "), ex.getMessage());
            assertTrue(ex.getMessage().contains("Connection.open(namespace, \"p\", End."), ex.getMessage());
            pipe.left().send(Map.of("ok", Level.LOW));
            assertEquals(Map.of("ok", Level.LOW), pipe.right().recv());
        }
    }

    @Test
    void shouldRefuseARecordWithAComponentThatIsNotAllowed() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.create(namespace, "holders");
        final UnsendableValueException ex = assertThrows(UnsendableValueException.class,
            () -> queue.put(new Holder("x", new Unlisted())));
        assertEquals(Unlisted.class.getName(), ex.refusedClass());
        assertEquals("value.payload()", ex.path());
        assertEquals(0, queue.size());
        queue.put(new Holder("x", List.of(Level.HIGH)));
        assertEquals(new Holder("x", List.of(Level.HIGH)), queue.poll());
    }

    @Test
    void shouldRefuseASortedMapWhoseComparatorIsNotAllowedAndCarryItWhenItIs() throws Exception
    {
        final SharedQueue<Object> plain = SharedQueue.create(namespace, "sorted");
        final TreeMap<String, Integer> reversed = new TreeMap<>(new ByLength());
        reversed.put("ccc", 3);
        reversed.put("a", 1);
        final UnsendableValueException ex = assertThrows(UnsendableValueException.class, () -> plain.put(reversed));
        assertEquals(ByLength.class.getName(), ex.refusedClass());
        assertEquals("value.comparator()", ex.path());

        final SharedQueue<Object> allowing = SharedQueue.builder(namespace, "sorted")
            .allowList(AllowList.of(ByLength.class)).open();
        allowing.put(reversed);
        final TreeMap<?, ?> copy = (TreeMap<?, ?>)allowing.take();
        assertEquals(reversed, copy);
        assertInstanceOf(ByLength.class, copy.comparator());
        assertEquals(List.of("a", "ccc"), new ArrayList<>(copy.keySet()));
    }

    @Test
    void shouldRefuseAClassInsideAnAllowedSerializableObjectAtThePut() throws Exception
    {
        final SharedQueue<Object> queue = SharedQueue.builder(namespace, "boxes")
            .allowList(AllowList.of(Box.class)).create();
        final UnsendableValueException ex = assertThrows(UnsendableValueException.class,
            () -> queue.put(new Box(new Unlisted())));
        assertEquals(Unlisted.class.getName(), ex.refusedClass());
        assertEquals(0, queue.size());
        queue.put(new Box(new ArrayList<>(List.of("ok"))));
        assertEquals(List.of("ok"), ((Box)queue.poll()).content);
        // JDK collections inside a serialised user object pass the receiver's filter (HashMap checks Map.Entry[]).
        queue.put(new Box(new HashMap<>(Map.of("a", new HashSet<>(Set.of(1))))));
        assertEquals(Map.of("a", Set.of(1)), ((Box)queue.poll()).content);
    }

    static List<Object> values()
    {
        final Map<String, List<Integer>> mapOfLists = new HashMap<>();
        mapOfLists.put("primes", new ArrayList<>(List.of(2, 3, 5, 7)));
        mapOfLists.put("empty", new LinkedList<>());
        final Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("set", new HashSet<>(Set.of("x", "y")));
        nested.put("ordered", new LinkedHashSet<>(List.of(3, 1, 2)));
        nested.put("sorted", new TreeSet<>(List.of("b", "a")));
        nested.put("tree", new TreeMap<>(Map.of(2, "two", 1, "one")));
        nested.put("maps", List.of(Map.of(), Map.of("k", Map.of("deep", List.of(List.of(1L, 2.5, 'c', (short)1))))));
        nested.put("nothing", null);
        nested.put("asList", Arrays.asList("p", null));
        nested.put("unmodifiable", Collections.unmodifiableList(new ArrayList<>(List.of(true, false))));
        nested.put("deque", new ArrayList<>(new ArrayDeque<>(List.of(1, 2))));
        return List.of(
            mapOfLists,
            nested,
            order(7),
            new Holder("orders", List.of(order(1), order(2))),
            Level.HIGH,
            Level.LOW,
            new BigDecimal("12345678901234567890.000123"),
            new BigInteger("-98765432109876543210"),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
            Duration.ofMillis(1500),
            LocalDate.of(2026, 12, 3),
            LocalTime.of(9, 56, 38, 1),
            LocalDateTime.of(2026, 12, 3, 9, 56),
            OffsetDateTime.of(2026, 12, 3, 9, 56, 0, 0, ZoneOffset.ofHours(2)),
            ZonedDateTime.of(2026, 3, 29, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
            ZoneId.of("America/New_York"),
            ZoneOffset.ofHoursMinutes(5, 30),
            Period.of(1, 2, 3),
            List.of(1, "two", 3.0));
    }

    static Order order(final int id)
    {
        return new Order(id, "ACME", new BigDecimal("10." + id), Level.HIGH, Instant.ofEpochSecond(id));
    }

    /**
     * Child: puts the values with a queue opened with no configuration at all.
     */
    public static final class PutValuesMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final SharedQueue<Object> queue = SharedQueue.open(Namespace.open(Paths.get(args[0])), "values");
            for (final Object value : values())
            {
                queue.put(value);
            }
            queue.put(new Order[]{order(1), null, order(2)});
            queue.put(new long[]{1, -2, Long.MAX_VALUE});
            queue.put(Map.of("a", List.of(1, 2), "b", List.of()));
            System.out.println("PUT");
        }
    }

    /**
     * Child: allows {@link Tripwire} on its side and sends it three ways, then a string.
     */
    public static final class PutTripwiresMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final SharedQueue<Object> queue = SharedQueue.builder(Namespace.open(Paths.get(args[0])), "tripwires")
                .allowList(AllowList.of(Tripwire.class)).open();
            queue.put(new Tripwire());
            queue.put(Map.of("inside", List.of(new Tripwire())));
            queue.put(new Holder("record", new Tripwire()));
            queue.put("after");
            System.out.println("PUT");
        }
    }

    /** Counts any code of {@link Tripwire} (or a record holding one) that runs in this JVM. */
    static final class TripwireLog
    {
        static final AtomicInteger STATIC_INITS = new AtomicInteger();
        static final AtomicInteger READ_OBJECTS = new AtomicInteger();
        static final AtomicInteger RECORD_CONSTRUCTIONS = new AtomicInteger();
    }

    /**
     * A user class that is not a record: allowed only by name. Records any of its code running.
     */
    public static final class Tripwire implements Serializable
    {
        private static final long serialVersionUID = 1L;

        static
        {
            TripwireLog.STATIC_INITS.incrementAndGet();
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            TripwireLog.READ_OBJECTS.incrementAndGet();
            in.defaultReadObject();
        }
    }

    /** A user class that is not a record, for the tests in this JVM (Tripwire must never run here). */
    public static final class Unlisted implements Serializable
    {
        private static final long serialVersionUID = 1L;
    }

    /** An allowed user class holding anything. */
    public static final class Box implements Serializable
    {
        private static final long serialVersionUID = 1L;
        final Object content;

        Box(final Object content)
        {
            this.content = content;
        }
    }

    /** Sorts strings by length: a custom comparator must be allowed by name. */
    public static final class ByLength implements java.util.Comparator<String>, Serializable
    {
        private static final long serialVersionUID = 1L;

        public int compare(final String a, final String b)
        {
            return Integer.compare(a.length(), b.length());
        }
    }

    enum Level
    {
        LOW, HIGH
        {
            public String toString()
            {
                return "high, with a body";
            }
        }
    }

    record Order(long id, String symbol, BigDecimal price, Level level, Instant at)
    {
    }

    record Holder(String name, Object payload)
    {
        Holder
        {
            if (payload instanceof Tripwire)
            {
                TripwireLog.RECORD_CONSTRUCTIONS.incrementAndGet();
            }
        }
    }
}
