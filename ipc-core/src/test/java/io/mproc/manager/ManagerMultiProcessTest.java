package io.mproc.manager;

import io.mproc.memory.Namespace;
import io.mproc.pool.ProcessPool;
import io.mproc.sync.Event;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A manager served to client JVMs: exact totals from concurrent clients (one thread each, and several threads each),
 * nested proxies mutated from two processes, proxies inside pool tasks, the server SIGKILLed mid-call, a client
 * SIGKILLed mid-call, shutdown with clients connected.
 */
@Timeout(120)
class ManagerMultiProcessTest extends MultiProcessTest
{
    static final Duration GUARD = Duration.ofSeconds(60);
    Manager manager;

    /**
     * @return server threads of the managers these tests start: 1, the default; more in a subclass.
     */
    int serverThreads()
    {
        return 1;
    }

    Manager.Builder builder()
    {
        return Manager.builder(namespace, "m").serverThreads(serverThreads());
    }

    @AfterEach
    void closeManager()
    {
        children.forEach(ChildJvm::close); // before the fixture deletes the namespace
        if (null != manager)
        {
            manager.close();
        }
    }

    @Test
    void shouldCountExactlyFromFourClientJvms()
    {
        manager = builder().start();
        final DictProxy<String, Integer> counts = manager.dict("counts");
        final ListProxy<String> log = manager.list("log");
        final int perClient = 2_000;
        for (int i = 0; i < 4; i++)
        {
            children.add(ChildJvm.start(IncrementMain.class, namespace.directory().toString(), "c" + i,
                Integer.toString(perClient)));
        }
        children.forEach((c) -> c.assertSuccess(GUARD));

        assertEquals(4 * perClient, counts.get("k"), "no merge lost");
        assertEquals(4 * perClient, log.size(), "no append lost");
        final Set<String> entries = new HashSet<>(log.snapshot());
        assertEquals(4 * perClient, entries.size(), "every append is there once");
    }

    @Test
    void shouldCountExactlyFromManyThreadsOfTwoClientJvms()
    {
        manager = builder().start();
        final DictProxy<String, Integer> counts = manager.dict("counts");
        final ListProxy<String> log = manager.list("log");
        final int threads = 4;
        final int perThread = 500;
        for (int i = 0; i < 2; i++)
        {
            children.add(ChildJvm.start(ThreadsIncrementMain.class, namespace.directory().toString(), "c" + i,
                Integer.toString(threads), Integer.toString(perThread)));
        }
        children.forEach((c) -> c.assertSuccess(GUARD));

        final int total = 2 * threads * perThread;
        assertEquals(total, counts.get("k"), "no merge lost");
        assertEquals(total, log.size(), "no append lost");
        assertEquals(total, new HashSet<>(log.snapshot()).size(), "every append is there once");
    }

    @Test
    void shouldNotLoseMutationsOfANestedListFromTwoProcesses()
    {
        manager = builder().start();
        final DictProxy<String, Object> dict = manager.dict("d");
        dict.put("k", manager.list());
        for (int i = 0; i < 2; i++)
        {
            children.add(ChildJvm.start(NestedAppendMain.class, namespace.directory().toString(), "p" + i, "1000"));
        }
        children.forEach((c) -> c.assertSuccess(GUARD));

        @SuppressWarnings("unchecked")
        final List<String> nested = (List<String>)dict.get("k");
        assertEquals(2000, nested.size(), "d.get(\"k\").add(x) from two processes: nothing lost");
    }

    @Test
    void shouldWorkInsidePoolTasks() throws Exception
    {
        manager = builder().start();
        final DictProxy<String, Integer> counts = manager.dict();
        final ListProxy<Integer> seen = manager.list();
        final List<Integer> items = IntStream.rangeClosed(1, 100).boxed().collect(Collectors.toList());
        try (ProcessPool pool = ProcessPool.create(2))
        {
            final List<Long> pids = pool.map((Integer x) ->
            {
                counts.merge("sum", x, Integer::sum);
                seen.add(x);
                return ProcessHandle.current().pid();
            }, items, 5);
            assertFalse(pids.contains(ProcessHandle.current().pid()), "ran in worker JVMs");
        }
        assertEquals(5050, counts.get("sum"));
        assertEquals(100, seen.size());
    }

    @Test
    void shouldFailEveryClientWithAClearErrorWhenTheManagerIsKilledMidCall() throws Exception
    {
        manager = builder().start();
        manager.dict("d");
        final Event inCall = Event.create(namespace, "inCall");
        final Event never = Event.create(namespace, "never");
        // The looping client first: once the blocked call holds the server (one thread, or the exclusive lock of
        // several: it runs a function), a client's first call waits behind it, and the loop would never say CALLING.
        children.add(ChildJvm.start(LoopMain.class, namespace.directory().toString()));
        children.get(0).awaitLine("CALLING", GUARD);
        children.add(ChildJvm.start(BlockedCallMain.class, namespace.directory().toString()));
        assertTrue(inCall.await(GUARD.toSeconds(), TimeUnit.SECONDS), "the blocked call runs in the server");

        final ProcessHandle server = ProcessHandle.of(manager.serverPid()).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(GUARD.toSeconds(), TimeUnit.SECONDS);

        for (final ChildJvm client : children)
        {
            final String line = client.awaitLine("NOT_RUNNING", GUARD);
            assertTrue(line.contains("manager 'm' is not running: its server process"), line);
            client.assertSuccess(GUARD);
        }
        assertFalse(never.isSet());
    }

    @Test
    void shouldCloseEvenWhileACallBlocksTheServerAndTellTheBlockedClient() throws Exception
    {
        manager = builder().start();
        manager.dict("d");
        final Event inCall = Event.create(namespace, "inCall");
        final Event never = Event.create(namespace, "never");
        final ChildJvm client = ChildJvm.start(BlockedCallMain.class, namespace.directory().toString());
        children.add(client);
        assertTrue(inCall.await(GUARD.toSeconds(), TimeUnit.SECONDS), "the blocked call runs in the server");

        final long serverPid = manager.serverPid();
        manager.close(); // the server cannot answer its shutdown: close stops it rather than waiting for ever
        manager = null;

        assertFalse(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false), "server stopped");
        final String line = client.awaitLine("NOT_RUNNING", GUARD);
        assertTrue(line.contains("manager 'm'"), line);
        client.assertSuccess(GUARD);
        assertFalse(never.isSet());
    }

    @Test
    void shouldCarryOnWhenAClientIsKilledMidCall() throws Exception
    {
        manager = builder().clientSlots(2).start();
        final DictProxy<String, Integer> counts = manager.dict("counts");
        final Event inCall = Event.create(namespace, "inCall");
        final Event release = Event.create(namespace, "release");
        final ChildJvm victim = ChildJvm.start(KilledInCallMain.class, namespace.directory().toString());
        children.add(victim);
        assertTrue(inCall.await(GUARD.toSeconds(), TimeUnit.SECONDS), "the victim's call runs in the server");
        victim.kill();
        release.set(); // the server finishes the dead client's call and replies into its ring

        // both slots are taken (this thread's and the dead victim's): the next client takes the dead one over
        final ChildJvm next = ChildJvm.start(IncrementMain.class, namespace.directory().toString(), "n", "500");
        children.add(next);
        next.assertSuccess(GUARD);
        assertEquals(500 + 1, counts.get("k"), "the next client's merges, after the victim's one");
        counts.merge("k", 1, Integer::sum);
        assertEquals(502, counts.get("k"), "this client carries on");
    }

    @Test
    void shouldShutDownWithClientsConnected()
    {
        manager = builder().start();
        manager.dict("d");
        for (int i = 0; i < 2; i++)
        {
            children.add(ChildJvm.start(LoopMain.class, namespace.directory().toString()));
        }
        children.forEach((c) -> c.awaitLine("CALLING", GUARD));
        manager.close();
        for (final ChildJvm client : children)
        {
            final String line = client.awaitLine("NOT_RUNNING", GUARD);
            assertTrue(line.contains("manager 'm' was shut down"), line);
            client.assertSuccess(GUARD);
        }
        manager = null;
    }

    static Manager connect(final String folder)
    {
        ChildJvm.exitWhenParentDies();
        return Manager.connect(Namespace.open(Paths.get(folder)), "m");
    }

    /** Client: merges 1 into "k" and appends to "log", n times. */
    public static final class IncrementMain
    {
        public static void main(final String[] args)
        {
            final Manager manager = connect(args[0]);
            final DictProxy<String, Integer> counts = manager.dict("counts");
            final ListProxy<String> log = manager.list("log");
            final int n = Integer.parseInt(args[2]);
            for (int i = 0; i < n; i++)
            {
                counts.merge("k", 1, Integer::sum);
                log.add(args[1] + "-" + i);
            }
            manager.close();
        }
    }

    /**
     * Client: as {@link IncrementMain} from several threads at once (a reply slot each); fails when any thread
     * fails.
     */
    public static final class ThreadsIncrementMain
    {
        public static void main(final String[] args) throws Exception
        {
            final Manager manager = connect(args[0]);
            final DictProxy<String, Integer> counts = manager.dict("counts");
            final ListProxy<String> log = manager.list("log");
            final int threadCount = Integer.parseInt(args[2]);
            final int n = Integer.parseInt(args[3]);
            final List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            final Thread[] threads = new Thread[threadCount];
            for (int t = 0; t < threadCount; t++)
            {
                final String tag = args[1] + "-t" + t;
                threads[t] = new Thread(() ->
                {
                    try
                    {
                        for (int i = 0; i < n; i++)
                        {
                            counts.merge("k", 1, Integer::sum);
                            log.add(tag + "-" + i);
                        }
                    }
                    catch (final Throwable ex)
                    {
                        failures.add(ex);
                    }
                });
                threads[t].start();
            }
            for (final Thread thread : threads)
            {
                thread.join();
            }
            if (!failures.isEmpty())
            {
                throw new AssertionError("a client thread failed", failures.get(0));
            }
            manager.close();
        }
    }

    /** Client: appends to the list nested in dict "d" under "k", through the nested proxy. */
    public static final class NestedAppendMain
    {
        public static void main(final String[] args)
        {
            final Manager manager = connect(args[0]);
            final DictProxy<String, Object> dict = manager.dict("d");
            final int n = Integer.parseInt(args[2]);
            for (int i = 0; i < n; i++)
            {
                @SuppressWarnings("unchecked")
                final List<String> nested = (List<String>)dict.get("k");
                nested.add(args[1] + "-" + i);
            }
            manager.close();
        }
    }

    /** Client: a call that blocks in the server (until the server is killed); prints NOT_RUNNING and the error. */
    public static final class BlockedCallMain
    {
        public static void main(final String[] args)
        {
            final Manager manager = connect(args[0]);
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final Event inCall = Event.open(namespace, "inCall");
            final Event never = Event.open(namespace, "never");
            final DictProxy<String, Object> dict = manager.dict("d");
            try
            {
                dict.compute("k", (k, v) ->
                {
                    inCall.set();
                    try
                    {
                        never.await();
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                    return v;
                });
                System.out.println("RETURNED");
            }
            catch (final ManagerNotRunningException ex)
            {
                System.out.println("NOT_RUNNING " + ex.getMessage());
            }
        }
    }

    /** Client: puts in a loop until the manager is gone; prints CALLING once, then NOT_RUNNING and the error. */
    public static final class LoopMain
    {
        public static void main(final String[] args)
        {
            final Manager manager = connect(args[0]);
            final DictProxy<String, Object> dict = manager.dict("d");
            try
            {
                dict.put("x", 0);
                System.out.println("CALLING");
                for (int i = 0; ; i++)
                {
                    dict.put("x", i);
                }
            }
            catch (final ManagerNotRunningException ex)
            {
                System.out.println("NOT_RUNNING " + ex.getMessage());
            }
        }
    }

    /** Client: merges once, in a call that the test kills while the server runs it. */
    public static final class KilledInCallMain
    {
        public static void main(final String[] args) throws Exception
        {
            final Manager manager = connect(args[0]);
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final Event inCall = Event.open(namespace, "inCall");
            final Event release = Event.open(namespace, "release");
            final DictProxy<String, Integer> counts = manager.dict("counts");
            counts.compute("k", (k, v) ->
            {
                inCall.set();
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                return null == v ? 1 : v + 1;
            });
            ChildJvm.blockUntilKilled();
        }
    }
}
