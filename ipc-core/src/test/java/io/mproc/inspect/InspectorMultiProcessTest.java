package io.mproc.inspect;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inspector against objects held by a live child JVM and objects whose creator was SIGKILLed: listing, dumping
 * every kind's live state, unlocking a dead owner's lock, removing and collecting orphans. Each test inspects a root
 * of its own inside the test's temporary namespace, so nothing else on the machine is looked at or removed.
 */
@Timeout(120)
class InspectorMultiProcessTest extends MultiProcessTest
{
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> MADE = List.of(
        "array", "barrier", "condition", "counter", "event", "guarded", "lock", "pipe", "queue", "rlock", "semaphore");

    private Path root;
    private Inspector inspector;

    @BeforeEach
    void createRoot() throws IOException
    {
        root = Files.createDirectories(namespace.directory().resolve("root"));
        inspector = new Inspector(root);
    }

    @Test
    void shouldListAndDumpTheLiveStateOfEveryKindHeldByAChild()
    {
        child = startAndAwait("make", root.resolve("ns").toString());

        final List<ObjectReport> objects = inspector.objects("ns");
        assertEquals(MADE, names(objects));
        for (final ObjectReport object : objects)
        {
            assertEquals(Health.OK, object.health(), object.toString());
            assertEquals(child.pid(), object.creatorPid(), object.name());
            assertTrue(object.creatorAlive(), object.name());
            assertEquals(List.of(child.pid()), object.mappers(), object.name());
            assertFalse(object.orphan(), object.name());
        }
        assertEquals(42, state("ns/counter").get("value"));
        assertEquals(List.of(1L, 2L, 3L), state("ns/array").get("first"));
        assertOwner(child.pid(), true, state("ns/lock"));
        assertEquals(1, state("ns/lock").get("holdCount"));
        assertEquals(2, state("ns/rlock").get("holdCount"));
        final Map<String, Object> semaphore = state("ns/semaphore");
        assertEquals(2, semaphore.get("permits"));
        assertEquals(List.of(Map.of("pid", child.pid(), "alive", true, "permits", 1)), semaphore.get("holders"));
        assertEquals(true, state("ns/event").get("set"));
        assertEquals(1, state("ns/barrier").get("waiting"));
        assertEquals(2, state("ns/barrier").get("parties"));
        final List<?> waiters = (List<?>)state("ns/condition").get("waiters");
        assertEquals(1, waiters.size());
        assertEquals(child.pid(), ((Map<?, ?>)waiters.get(0)).get("pid"));
        final Map<String, Object> queue = state("ns/queue");
        assertEquals(2L, queue.get("messages"));
        assertEquals(1L, queue.get("liveProducers"));
        assertEquals(0L, queue.get("openClaims"));
        final Map<?, ?> toA = (Map<?, ?>)state("ns/pipe").get("bToA");
        assertEquals(1L, toA.get("messages"));
        assertOwner(child.pid(), true, (Map<?, ?>)((Map<?, ?>)state("ns/pipe").get("endB")).get("holder"));

        final NamespaceReport folder = inspector.namespace("ns");
        assertFalse(folder.temporary());
        assertEquals(MADE.size(), folder.objects());
        assertTrue(folder.sizeBytes() > 0);
    }

    @Test
    void shouldReportADeadCreatorAndUnlockItsLocksWithTheLibrarysRecovery()
    {
        child = startAndAwait("make", root.resolve("ns").toString());
        final long deadPid = child.pid();
        child.kill();

        for (final ObjectReport object : inspector.objects("ns"))
        {
            assertFalse(object.creatorAlive(), object.name());
            assertEquals(List.of(), object.mappers(), object.name());
            assertTrue(object.orphan(), object.name());
        }
        assertOwner(deadPid, false, state("ns/lock"));

        final ActionReport unlocked = inspector.unlock("ns/lock");
        assertTrue(unlocked.message().startsWith("recovered "), unlocked.message());
        assertEquals(false, state("ns/lock").get("locked"));
        assertEquals(1L, state("ns/lock").get("recoveries"));
        inspector.unlock("ns/rlock");
        assertEquals(false, state("ns/rlock").get("locked"));
        assertTrue(inspector.unlock("ns/lock").message().startsWith("lock is free"));
        assertOwner(deadPid, false, (Map<?, ?>)state("ns/guarded").get("lock"));
        assertTrue(inspector.unlock("ns/guarded").message().startsWith("recovered "));
        assertEquals(false, ((Map<?, ?>)state("ns/guarded").get("lock")).get("locked"));
        assertTrue(inspector.unlock("ns/condition").message().startsWith("lock is free"));
        assertEquals(InspectException.Reason.REFUSED,
            assertThrows(InspectException.class, () -> inspector.unlock("ns/event")).reason());
    }

    @Test
    void shouldRefuseToUnlockALockWhoseOwnerIsAlive()
    {
        child = startAndAwait("make", root.resolve("ns").toString());

        final InspectException refused = assertThrows(InspectException.class, () -> inspector.unlock("ns/lock"));

        assertEquals(InspectException.Reason.REFUSED, refused.reason());
        assertTrue(refused.getMessage().contains("pid " + child.pid() + ", is alive"), refused.getMessage());
        assertOwner(child.pid(), true, state("ns/lock"));
        assertEquals(0L, state("ns/lock").get("recoveries"));
    }

    @Test
    void shouldRefuseToRemoveAMappedObjectOrNamespaceUnlessForced()
    {
        child = startAndAwait("make", root.resolve("ns").toString());

        final InspectException refused =
            assertThrows(InspectException.class, () -> inspector.remove("ns/counter", false));
        assertEquals(InspectException.Reason.REFUSED, refused.reason());
        assertTrue(refused.getMessage().contains("by pid [" + child.pid() + "]"), refused.getMessage());
        assertTrue(Files.exists(root.resolve("ns/counter")));
        assertEquals(InspectException.Reason.REFUSED,
            assertThrows(InspectException.class, () -> inspector.remove("ns", false)).reason());

        inspector.remove("ns/counter", true);
        assertFalse(Files.exists(root.resolve("ns/counter")));

        child.kill();
        inspector.remove("ns", false);
        assertFalse(Files.exists(root.resolve("ns")));
        assertEquals(InspectException.Reason.NOT_FOUND,
            assertThrows(InspectException.class, () -> inspector.remove("ns", false)).reason());
    }

    @Test
    void shouldCollectExactlyTheOrphansAfterListingThemInADryRun() throws IOException
    {
        final ChildJvm dead = startAndAwait("make", root.resolve("dead").toString());
        final ChildJvm mapper = startAndAwait("open", root.resolve("dead").toString(), "counter");
        final ChildJvm temporaryMaker = startAndAwait("temp", root.toString());
        final Path temporary = Path.of(temporaryMaker.stdout().get(0).substring("READY ".length()));
        startAndAwait("make", root.resolve("live").toString());
        Files.write(root.resolve("dead/foreign"), new byte[256]);
        final NamespaceReport live = inspector.namespace(temporary.getFileName().toString());
        assertTrue(live.temporary());
        assertEquals(temporaryMaker.pid(), live.creatorPid());
        assertTrue(live.creatorAlive());
        dead.kill();
        temporaryMaker.kill();
        assertFalse(inspector.namespace(temporary.toString()).creatorAlive());

        final List<String> orphans = new ArrayList<>();
        MADE.stream().filter((name) -> !"counter".equals(name)) // counter: creator dead, but mapped by a live child
            .forEach((name) -> orphans.add(root.resolve("dead").resolve(name).toString()));
        orphans.add(temporary.toString());
        orphans.sort(null);

        final ActionReport dryRun = inspector.gc(true);
        assertEquals(orphans, sorted(dryRun.removed()));
        assertTrue(dryRun.dryRun());
        orphans.forEach((orphan) -> assertTrue(Files.exists(Path.of(orphan)), orphan));
        assertEquals(2, dryRun.kept().size(), dryRun.kept().toString());

        final ActionReport collected = inspector.gc(false);
        assertEquals(orphans, sorted(collected.removed()));
        orphans.forEach((orphan) -> assertFalse(Files.exists(Path.of(orphan)), orphan));
        assertTrue(Files.exists(root.resolve("dead/counter")));
        assertTrue(Files.exists(root.resolve("dead/foreign")));
        assertEquals(MADE, names(inspector.objects("live")));
        assertTrue(collected.kept().stream().anyMatch((kept) -> kept.contains("counter: mapped by live processes")),
            collected.kept().toString());
        assertTrue(collected.kept().stream().anyMatch((kept) -> kept.contains("foreign: FOREIGN")),
            collected.kept().toString());
        assertTrue(mapper.process().isAlive());
    }

    private ChildJvm startAndAwait(final String... args)
    {
        final ChildJvm started = ChildJvm.start(InspectChildMain.class, args);
        children.add(started);
        started.awaitLine("READY", READY_TIMEOUT);
        return started;
    }

    private Map<String, Object> state(final String target)
    {
        final ObjectReport report = inspector.dump(target);
        assertEquals(Health.OK, report.health(), report.toString());
        return report.state();
    }

    private static void assertOwner(final long pid, final boolean alive, final Map<?, ?> lockOrOwner)
    {
        final Map<?, ?> owner = lockOrOwner.containsKey("owner") ? (Map<?, ?>)lockOrOwner.get("owner") : lockOrOwner;
        assertEquals(pid, owner.get("pid"), lockOrOwner.toString());
        assertEquals(alive, owner.get("alive"), lockOrOwner.toString());
    }

    private static List<String> names(final List<ObjectReport> objects)
    {
        final List<String> names = new ArrayList<>();
        objects.forEach((object) -> names.add(object.name()));
        return names;
    }

    private static List<String> sorted(final List<String> paths)
    {
        final List<String> copy = new ArrayList<>(paths);
        copy.sort(null);
        return copy;
    }
}
