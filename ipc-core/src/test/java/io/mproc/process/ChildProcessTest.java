package io.mproc.process;

import io.mproc.internal.ProcessIdentity;
import io.mproc.memory.Namespace;
import io.mproc.test.Await;
import io.mproc.value.IntArray;
import io.mproc.value.LongArray;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real child JVMs: exit codes, signals, pids, names, shared handles, daemons, output, logging and bad input. Every
 * child is closed (killed if still running) after each test, and every namespace is deleted, even when a test fails.
 * Children start cold here; {@link ChildProcessFromSpareTest} runs every test again with children from warm spares.
 */
@Timeout(60)
class ChildProcessTest
{
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int PID = 0;
    private static final int PARENT_PID = 1;
    private static final int READY = 2;

    /** Every child a test started; {@link ChildProcessFromSpareTest} reads which came from spares. */
    final List<ChildProcess> children = new ArrayList<>();
    private final List<Long> strayPids = new ArrayList<>();
    private Namespace namespace;

    @BeforeEach
    void setUp()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void tearDown() throws InterruptedException
    {
        ProcessLogging.disable();
        for (final ChildProcess child : children)
        {
            ChildProcesses.stopAndClose(child);
        }
        for (final long pid : strayPids)
        {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        namespace.close();
    }

    @Test
    void shouldExitWithZeroAndShowStatesWhenTaskReturns() throws Exception
    {
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::doNothing));
        assertTrue(child.toString().matches("<ChildProcess name='Process-\\d+' parent=\\d+ initial>"), child.toString());
        assertEquals(ChildProcess.NO_PID, child.pid());
        assertFalse(child.isAlive());

        child.start();
        assertTrue(child.toString().matches("<ChildProcess name='Process-\\d+' pid=\\d+ parent=\\d+ (started|stopped exitcode=0)>"),
            child.toString());
        join(child);

        assertEquals(OptionalInt.of(0), child.exitCode());
        assertEquals(OptionalInt.empty(), child.signal());
        assertFalse(child.isAlive());
        assertTrue(child.toString().matches(
            "<ChildProcess name='Process-\\d+' pid=" + child.pid() + " parent=" + ProcessHandle.current().pid() +
            " stopped exitcode=0>"), child.toString());
        child.close();
        assertTrue(child.toString().endsWith(" closed>"), child.toString());
    }

    @Test
    void shouldExitWithOneAndPrintStackTraceWhenTaskThrows(@TempDir final Path dir) throws Exception
    {
        final Path stderr = dir.resolve("stderr.txt");
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::throwWith, "boom")).redirectError(stderr);

        child.start();
        join(child);

        assertEquals(OptionalInt.of(ChildProcess.EXIT_CODE_EXCEPTION), child.exitCode());
        final String text = Files.readString(stderr);
        assertTrue(text.startsWith("Process " + child.name() + ":\n"), text);
        assertTrue(text.contains("java.lang.IllegalStateException: boom"), text);
        assertTrue(text.contains("at io.mproc.process.ChildProcessTest.throwWith("), text);
    }

    @Test
    void shouldReportExitCodeGivenToSystemExit() throws Exception
    {
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::exit, 3)).start();
        join(child);

        assertEquals(OptionalInt.of(3), child.exitCode());
        assertEquals(OptionalInt.empty(), child.signal());
    }

    @Test
    void shouldReportSigtermWhenTerminated() throws Exception
    {
        final LongArray state = LongArray.create(namespace, "state", 3);
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::reportAndWait, state)).start();
        awaitReady(child, state);

        child.terminate();
        join(child);

        assertEquals(OptionalInt.of(143), child.exitCode());
        assertEquals(OptionalInt.of(15), child.signal());
        assertTrue(child.toString().endsWith("stopped exitcode=143 signal=SIGTERM>"), child.toString());
    }

    @Test
    void shouldReportSigkillWhenKilled() throws Exception
    {
        final LongArray state = LongArray.create(namespace, "state", 3);
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::reportAndWait, state)).start();
        awaitReady(child, state);

        child.kill();
        join(child);

        assertEquals(OptionalInt.of(137), child.exitCode());
        assertEquals(OptionalInt.of(9), child.signal());
        assertTrue(child.toString().endsWith("stopped exitcode=137 signal=SIGKILL>"), child.toString());
    }

    @Test
    void shouldReturnFalseFromJoinWhenTimeoutPassesFirst() throws Exception
    {
        final LongArray state = LongArray.create(namespace, "state", 3);
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::reportAndWait, state)).start();
        awaitReady(child, state);

        final long startNs = System.nanoTime();
        assertFalse(child.join(Duration.ofMillis(200)));
        final long waitedMs = (System.nanoTime() - startNs) / 1_000_000;

        assertTrue(waitedMs >= 190, "join returned early: waitedMs=" + waitedMs);
        assertTrue(child.isAlive());
        assertEquals(OptionalInt.empty(), child.exitCode());
        assertTrue(child.toString().endsWith(" started>"), child.toString());
        child.kill();
        assertTrue(child.join(JOIN_TIMEOUT));
    }

    @Test
    void shouldGiveChildItsNameAndPidsAndAnEmptyStdin(@TempDir final Path dir) throws Exception
    {
        final LongArray state = LongArray.create(namespace, "state", 3);
        final Path stdout = dir.resolve("stdout.txt");
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::describeSelf, state))
            .name("worker one").redirectOutput(stdout).start();
        join(child);

        assertEquals(OptionalInt.of(0), child.exitCode());
        assertEquals(child.pid(), state.get(PID));
        assertEquals(ProcessHandle.current().pid(), state.get(PARENT_PID));
        assertEquals(ProcessHandle.current().pid(), child.parentPid());
        assertEquals(List.of("name=worker one", "child=true", "daemon=false", "stdin=-1"), Files.readAllLines(stdout));
    }

    @Test
    void shouldPassSharedObjectsAsLiveHandles() throws Exception
    {
        final LongValue counter = LongValue.create(namespace, "counter", 5);
        final IntArray numbers = IntArray.create(namespace, "numbers", new int[]{0, 1, 2, 3});
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::multiplyByTen, counter, numbers)).start();
        join(child);

        assertEquals(OptionalInt.of(0), child.exitCode());
        assertEquals(50, counter.get());
        for (int i = 0; i < numbers.length(); i++)
        {
            assertEquals(i * 10, numbers.get(i));
        }
    }

    @Test
    void shouldRunTaskClassSentBySerializationWithLiveHandles() throws Exception
    {
        final LongValue total = LongValue.create(namespace, "total", 0);
        final ChildProcess child = track(new ChildProcess(new SumTask(total, List.of(1L, 2L, 39L)))).start();
        join(child);

        assertEquals(OptionalInt.of(0), child.exitCode());
        assertEquals(42, total.get());
    }

    @Test
    void shouldRunEntryClassWithArguments(@TempDir final Path dir) throws Exception
    {
        final Path stdout = dir.resolve("stdout.txt");
        final ChildProcess child = track(ChildProcess.ofMain(EchoMain.class, "a", "b c")).redirectOutput(stdout).start();
        join(child);

        assertEquals(OptionalInt.of(0), child.exitCode());
        assertEquals(List.of(child.name() + " [a, b c]"), Files.readAllLines(stdout));
    }

    @Test
    void shouldCopyOutputLinesPrefixedWithProcessName() throws Exception
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::printTwoLines)).output(OutputMode.PREFIXED);
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            child.start();
            join(child);
        }
        finally
        {
            System.setOut(original);
        }

        assertEquals("[" + child.name() + "] first\n[" + child.name() + "] second\n",
            captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldLogLifecycleEventsWhenSwitchedOn(@TempDir final Path dir) throws Exception
    {
        final Path stderr = dir.resolve("stderr.txt");
        ProcessLogging.logToStderr(Level.INFO);
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::doNothing)).redirectError(stderr).start();
        join(child);

        final String tag = "[INFO/" + child.name() + "] ";
        assertEquals(List.of(
            tag + "child process calling self.run()",
            tag + "process shutting down",
            tag + "process exiting with exitcode 0"), Files.readAllLines(stderr));
    }

    @Test
    void shouldJoinNonDaemonAndTerminateDaemonChildrenWhenTaskReturns() throws Exception
    {
        final LongArray state = LongArray.create(namespace, "state", 3);
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::startTwoGrandchildren, state)).start();
        join(child);

        assertEquals(OptionalInt.of(0), child.exitCode());
        final long daemonPid = state.get(PID);
        strayPids.add(daemonPid);
        assertEquals(1, state.get(READY), "the non-daemon grandchild must have finished before its parent exited");
        awaitCondition(() -> !isRunning(daemonPid), JOIN_TIMEOUT, "daemon grandchild still runs: pid=" + daemonPid);
    }

    /**
     * What the task registered with {@link CurrentProcess#closeAtExit} is closed when the task returns, before the
     * child waits for the threads the task left running: a resource whose close ends such a thread (a cluster client
     * node, whose threads are not daemons) does not keep the child alive.
     */
    @Test
    void shouldCloseWhatWasRegisteredToCloseAtExitBeforeWaitingForTheTasksThreads() throws Exception
    {
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::leaveAThreadThatClosingEnds)).start();
        join(child);

        assertEquals(OptionalInt.of(0), child.exitCode());
    }

    @Test
    void shouldEndDaemonChildWhenItsParentIsKilled() throws Exception
    {
        final LongArray state = LongArray.create(namespace, "state", 3);
        final ChildProcess parent = track(new ChildProcess(ChildProcessTest::startDaemonAndWait, state)).start();
        awaitCondition(() -> 1 == state.get(READY) || !parent.isAlive(), JOIN_TIMEOUT, "daemon grandchild never ran");
        final long daemonPid = state.get(PID);
        strayPids.add(daemonPid);
        assertTrue(parent.isAlive(), "parent exited early: " + parent);
        assertTrue(isRunning(daemonPid), "daemon grandchild not running: pid=" + daemonPid);

        parent.kill();
        join(parent);

        // No wall-clock bound: the daemon checks its parent every 100 ms, but a loaded machine may delay it.
        awaitCondition(() -> !isRunning(daemonPid), JOIN_TIMEOUT,
            "daemon grandchild outlived its SIGKILLed parent: pid=" + daemonPid);
    }

    /**
     * Python's terminate(): SIGTERM ends the child at once; its non-daemon child is neither waited for nor stopped,
     * it runs on, orphaned.
     */
    @Test
    void shouldEndAtOnceOnTerminateLeavingItsNonDaemonChildRunningOrphaned() throws Exception
    {
        final LongArray state = LongArray.create(namespace, "state", 3);
        final ChildProcess parent = track(new ChildProcess(ChildProcessTest::startNonDaemonAndWait, state)).start();
        awaitCondition(() -> 1 == state.get(READY) || !parent.isAlive(), JOIN_TIMEOUT, "grandchild never ran");
        final long grandchildPid = state.get(PID);
        strayPids.add(grandchildPid);
        assertTrue(parent.isAlive(), "parent exited early: " + parent);

        parent.terminate();
        assertTrue(parent.join(JOIN_TIMEOUT), "terminate() must not wait for the non-daemon grandchild: " + parent);
        assertEquals(OptionalInt.of(143), parent.exitCode());
        assertTrue(isRunning(grandchildPid), "the non-daemon grandchild runs on, orphaned: pid=" + grandchildPid);
    }

    @Test
    void shouldRejectMissingEntryClass()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ChildProcess.ofMain("io.mproc.NoSuchMain"));
        assertEquals("entry class not found on the class path: mainClass=io.mproc.NoSuchMain", ex.getMessage());
    }

    @Test
    void shouldRejectEntryClassWithoutMain()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ChildProcess.ofMain(NoMain.class));
        assertEquals("entry class has no public static void main(String[]): mainClass=" + NoMain.class.getName(),
            ex.getMessage());
    }

    @Test
    void shouldRejectTaskThatIsNotSerializableBeforeStartingAJvm()
    {
        final Object notSerializable = new Object();
        final ChildProcess child = track(new ChildProcess(() -> System.out.println(notSerializable)));

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, child::start);
        assertTrue(ex.getMessage().startsWith("task is not serializable: java.lang.Object does not implement"),
            ex.getMessage());
        assertEquals(ChildProcess.NO_PID, child.pid());
        assertTrue(child.toString().endsWith(" initial>"), child.toString());
    }

    @Test
    void shouldRejectSecondStart() throws Exception
    {
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::doNothing)).start();

        final IllegalStateException ex = assertThrows(IllegalStateException.class, child::start);
        assertTrue(ex.getMessage().startsWith("cannot start a process twice: <ChildProcess"), ex.getMessage());
        join(child);
    }

    @Test
    void shouldRejectJoinTerminateAndKillBeforeStart()
    {
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::doNothing));

        final IllegalStateException ex = assertThrows(IllegalStateException.class, child::join);
        assertTrue(ex.getMessage().startsWith("can only join a started process: <ChildProcess"), ex.getMessage());
        assertThrows(IllegalStateException.class, () -> child.join(Duration.ofMillis(1)));
        assertThrows(IllegalStateException.class, child::terminate);
        assertThrows(IllegalStateException.class, child::kill);
    }

    @Test
    void shouldRejectOptionsAfterStartAndClassPathOptions() throws Exception
    {
        final ChildProcess child = track(new ChildProcess(ChildProcessTest::doNothing));
        assertThrows(IllegalArgumentException.class, () -> child.jvmOptions("-cp", "x"));
        assertThrows(IllegalArgumentException.class, () -> child.jvmOptions("Xmx64m"));
        child.start();

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> child.daemon(true));
        assertTrue(ex.getMessage().startsWith("cannot set the daemon flag after start: "), ex.getMessage());
        join(child);
    }

    private ChildProcess track(final ChildProcess child)
    {
        children.add(child);
        return child.output(OutputMode.PIPE); // through System.out/err: surefire's channel must not see raw bytes
    }

    private static void join(final ChildProcess child) throws InterruptedException
    {
        if (!child.join(JOIN_TIMEOUT))
        {
            fail("child did not exit within " + JOIN_TIMEOUT + ": " + child);
        }
    }

    private static void awaitReady(final ChildProcess child, final LongArray state)
    {
        awaitCondition(() -> 1 == state.get(READY) || !child.isAlive(), JOIN_TIMEOUT, "child never became ready");
        assertTrue(child.isAlive(), "child exited before it was ready: " + child);
    }

    private static void awaitCondition(final BooleanSupplier condition, final Duration timeout, final String message)
    {
        Await.until(message, timeout, condition);
    }

    private static boolean isRunning(final long pid)
    {
        return ProcessIdentity.NOT_RUNNING != ProcessIdentity.startTimeOf(pid); // a zombie counts as gone
    }

    // ---------------------------------------------------------------- tasks, run in the children

    static void doNothing()
    {
    }

    static void throwWith(final String message)
    {
        throw new IllegalStateException(message);
    }

    static void exit(final int code)
    {
        System.exit(code);
    }

    static void printTwoLines()
    {
        System.out.println("first");
        System.out.println("second");
    }

    static void reportAndWait(final LongArray state) throws InterruptedException
    {
        state.set(PID, ProcessHandle.current().pid());
        state.set(READY, 1);
        ChildProcesses.blockUntilKilled();
    }

    static void describeSelf(final LongArray state) throws Exception
    {
        final CurrentProcess self = ChildProcess.current();
        state.set(PID, self.pid());
        state.set(PARENT_PID, self.parentPid());
        System.out.println("name=" + self.name());
        System.out.println("child=" + self.isChild());
        System.out.println("daemon=" + self.isDaemon());
        System.out.println("stdin=" + System.in.read());
    }

    static void multiplyByTen(final LongValue counter, final IntArray numbers)
    {
        counter.set(counter.get() * 10);
        for (int i = 0; i < numbers.length(); i++)
        {
            numbers.set(i, numbers.get(i) * 10);
        }
    }

    /** A non-daemon thread that runs until a resource registered to be closed at exit is closed. */
    static void leaveAThreadThatClosingEnds()
    {
        final CountDownLatch closed = new CountDownLatch(1);
        final Thread service = new Thread(() ->
        {
            try
            {
                closed.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "service-until-closed");
        service.start();
        CurrentProcess.closeAtExit(closed::countDown);
    }

    static void startTwoGrandchildren(final LongArray state)
    {
        new ChildProcess(ChildProcessTest::sleepThenMarkReady, state).start(); // non-daemon: joined at exit
        final ChildProcess daemon = new ChildProcess(ChildProcessTest::sleepLong).daemon(true).start();
        state.set(PID, daemon.pid());
    }

    static void sleepThenMarkReady(final LongArray state) throws InterruptedException
    {
        Thread.sleep(500);
        state.set(READY, 1);
    }

    static void sleepLong() throws InterruptedException
    {
        ChildProcesses.blockUntilKilled();
    }

    static void startNonDaemonAndWait(final LongArray state) throws InterruptedException
    {
        new ChildProcess(ChildProcessTest::reportAndWait, state).start(); // reports its pid, then ready; runs until killed
        ChildProcesses.blockUntilKilled();
    }

    static void startDaemonAndWait(final LongArray state) throws InterruptedException
    {
        new ChildProcess(ChildProcessTest::reportAndWait, state).daemon(true).start(); // reports its pid, then ready
        ChildProcesses.blockUntilKilled();
    }

    /**
     * A task class: it and its fields (a shared handle, a list) travel by serialisation.
     */
    static final class SumTask implements SerializableRunnable
    {
        private static final long serialVersionUID = 1L;
        private final LongValue total;
        private final List<Long> values;

        SumTask(final LongValue total, final List<Long> values)
        {
            this.total = total;
            this.values = new ArrayList<>(values);
        }

        public void run()
        {
            for (final long value : values)
            {
                total.getAndAdd(value);
            }
        }
    }

    /**
     * Entry class: prints its process name and arguments.
     */
    public static final class EchoMain
    {
        public static void main(final String[] args)
        {
            System.out.println(ChildProcess.current().name() + " " + List.of(args));
        }
    }

    /**
     * An entry class without a main.
     */
    public static final class NoMain
    {
    }
}
