package io.mproc;

import io.mproc.memory.Namespace;
import io.mproc.pool.ProcessPool;
import io.mproc.process.ChildProcess;
import io.mproc.queue.AllowList;
import io.mproc.queue.SharedQueue;
import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongValue;
import net.openhft.chronicle.bytes.BytesMarshallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM started by a user without mproc's flags gets one clear exception naming the flag, and one started with only
 * the documented minimal flags can use shared values and start child processes and pools, whose JVMs get what they
 * need without the user repeating it.
 */
class JvmFlagsMultiProcessTest extends MultiProcessTest
{
    private static final String EXPORT_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    private static final String OPEN_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    private static final String CHRONICLE_ERROR = "Chronicle products may require command line arguments";
    /** Keep Chronicle from phoning home in the children given fewer than all of mproc's flags. */
    private static final List<String> CHRONICLE_QUIET =
        List.of("-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true");
    private static final Duration GUARD = Duration.ofSeconds(60);

    @Test
    @Timeout(120)
    void shouldThrowMissingJvmFlagsExceptionNamingTheExportWhenStartedWithoutFlags()
    {
        child = ChildJvm.startWithFlags(List.of(), List.of(), CreateValueMain.class, namespace.directory().toString());

        final int exitCode = child.waitFor(GUARD);

        final String stderr = child.stderr();
        assertNotEquals(0, exitCode, stderr);
        assertTrue(stderr.contains("io.mproc.memory.MissingJvmFlagsException"), stderr);
        assertTrue(stderr.contains(EXPORT_MISC), stderr);
        assertTrue(stderr.contains("<argLine>") && stderr.contains("jvmArgs") && stderr.contains("Add-Exports") &&
            stderr.contains(".mvn/jvm.config"), "says where to put the flags: " + stderr);
        assertFalse(stderr.contains("IllegalAccessError"), stderr);
        assertFalse(child.stdout().contains("CREATED"), "no object may be created");
    }

    @Test
    @Timeout(120)
    void shouldListTheMissingExportAndFailCheckWhenStartedWithoutFlags()
    {
        child = ChildJvm.startWithFlags(List.of(), List.of(), CheckMain.class);

        final int exitCode = child.waitFor(GUARD);

        assertNotEquals(0, exitCode, child.stderr());
        assertTrue(child.stdout().contains("MISSING " + JvmFlags.minimal()), child.stdout() + child.stderr());
        assertTrue(child.stderr().contains("io.mproc.memory.MissingJvmFlagsException") &&
            child.stderr().contains(EXPORT_MISC), child.stderr());
    }

    @Test
    @Timeout(120)
    void shouldShareValueWithOnlyTheMinimalFlags()
    {
        child = ChildJvm.startWithFlags(JvmFlags.minimal(), List.of(), CreateValueMain.class,
            namespace.directory().toString());

        child.assertSuccess(GUARD);

        assertTrue(child.stdout().contains("CREATED"), child.stderr());
        assertEquals(42, LongValue.open(namespace, "value").get());
    }

    @Test
    @Timeout(180)
    void shouldStartChildProcessAndPoolFromParentWithOnlyTheMinimalFlags()
    {
        final LongValue counter = LongValue.create(namespace, "counter", 0);
        child = ChildJvm.startWithFlags(JvmFlags.minimal(), List.of(), StartChildrenMain.class,
            namespace.directory().toString());

        child.assertSuccess(Duration.ofSeconds(120));

        assertTrue(child.stdout().contains("POOL [2, 4, 6]"), child.stdout() + "\n" + child.stderr());
        assertEquals(1, counter.get(), "the child process incremented the shared counter");
    }

    @Test
    @Timeout(120)
    void shouldNameTheMissingOpensFlagWhenChronicleMarshallingIsFirstUsed()
    {
        child = ChildJvm.startWithFlags(JvmFlags.minimal(), CHRONICLE_QUIET, ChronicleValueMain.class,
            namespace.directory().toString());

        child.assertSuccess(GUARD);

        assertTrue(child.stdout().contains("POINT 3 4"), child.stderr());
        assertTrue(child.stderr().contains("WARN io.mproc.internal.ChronicleFlagCheck") &&
            child.stderr().contains(OPEN_REFLECT), child.stderr());
    }

    @Test
    @Timeout(120)
    void shouldMarshalChronicleValuesQuietlyWithTheDocumentedFlags()
    {
        final List<String> flags = new ArrayList<>(JvmFlags.minimal());
        flags.add(OPEN_REFLECT);
        if (Runtime.version().feature() >= 23)
        {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        child = ChildJvm.startWithFlags(flags, CHRONICLE_QUIET, ChronicleValueMain.class,
            namespace.directory().toString());

        child.assertSuccess(GUARD);

        assertTrue(child.stdout().contains("POINT 3 4"), child.stderr());
        assertFalse(child.stderr().contains("ChronicleFlagCheck"), child.stderr());
        assertFalse(child.stderr().contains(CHRONICLE_ERROR), child.stderr());
        assertFalse(child.stderr().contains("WARNING"), "no JDK warning: " + child.stderr());
    }

    @Test
    void shouldListTheMinimalFlagsAndFindNoneMissingInTheTestJvm()
    {
        assertEquals(EXPORT_MISC, JvmFlags.minimal().get(0));
        assertTrue(JvmFlags.required().containsAll(JvmFlags.minimal()), JvmFlags.required().toString());
        assertEquals(List.of(), JvmFlags.missing(), "the build starts tests with every flag");
        JvmFlags.check();
    }

    /**
     * Child: prints what {@link JvmFlags#missing()} finds, then {@link JvmFlags#check()}s.
     */
    public static final class CheckMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            System.out.println("MISSING " + JvmFlags.missing());
            JvmFlags.check();
        }
    }

    /**
     * Child: opens the namespace and creates a shared long.
     */
    public static final class CreateValueMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            LongValue.create(namespace, "value", 42);
            System.out.println("CREATED");
        }
    }

    /**
     * Child: a Chronicle {@code BytesMarshallable} value through a queue.
     */
    public static final class ChronicleValueMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final SharedQueue<Object> queue = SharedQueue.builder(namespace, "points")
                .allowList(AllowList.of(Point.class)).create();
            final Point sent = new Point();
            sent.x = 3;
            sent.y = 4;
            queue.put(sent);
            final Point received = (Point)queue.take();
            System.out.println("POINT " + received.x + " " + received.y);
        }
    }

    /**
     * A user type that Chronicle marshals field by field (its default, reflective marshalling).
     */
    public static final class Point implements BytesMarshallable
    {
        public int x;
        public long y;
    }

    /**
     * Child: starts a child process that increments a shared counter, then maps over a pool of one worker.
     */
    public static final class StartChildrenMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            ChildJvm.exitWhenParentDies();
            final String directory = args[0];
            final ChildProcess process = new ChildProcess(() -> incrementCounter(directory)).start();
            process.join();
            if (0 != process.exitCode().orElse(-1))
            {
                throw new AssertionError("child process failed: " + process);
            }
            try (ProcessPool pool = ProcessPool.create(1))
            {
                System.out.println("POOL " + pool.map(StartChildrenMain::twice, List.of(1, 2, 3)));
            }
        }

        static void incrementCounter(final String directory)
        {
            LongValue.open(Namespace.open(Paths.get(directory)), "counter").incrementAndGet();
        }

        static int twice(final int x)
        {
            return 2 * x;
        }
    }
}
