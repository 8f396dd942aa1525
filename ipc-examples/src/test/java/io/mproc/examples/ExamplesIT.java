package io.mproc.examples;

import io.mproc.examples.ExampleJar.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.mproc.examples.OutputShape.assertBefore;
import static io.mproc.examples.OutputShape.assertLines;
import static io.mproc.examples.OutputShape.linesMatching;
import static io.mproc.examples.OutputShape.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs each process example as a user would, {@code java -jar ipc-examples/target/ipc-examples.jar <name>}
 * ({@link ExampleJar}, which also checks its exit code and that it leaves no JVM and no file), and compares its
 * output line by line with its Python original's, quoted above each test. The originals are chapter 5 of
 * github.com/bjpublic/pythonic ("소스 코드/05/multiprocessing" and "소스 코드/05/coroutine").
 */
@Timeout(120)
class ExamplesIT
{
    private static final long RUN_TIMEOUT_S = 60;
    private static final long ALL_TIMEOUT_S = 240;

    @TempDir
    Path root;

    /**
     * The original, basic_multiprocessing_function.py, run with Python 3.11 (the children in any order):
     * <pre>
     * name : process 0, argument : 0
     * parent pid : 11698, pid : 11739
     *
     * name : process 1, argument : 1
     * parent pid : 11698, pid : 11740
     *
     * ... the same for process 2, 3 and 4
     * </pre>
     */
    @Test
    void basicFunctionShouldPrintNameArgumentAndPidsOfFiveChildren() throws Exception
    {
        assertFiveWorkers(run("basic-function"));
    }

    /**
     * The original, basic_multiprocessing_class.py, prints the same as basic_multiprocessing_function.py.
     */
    @Test
    void basicClassShouldPrintNameArgumentAndPidsOfFiveChildren() throws Exception
    {
        assertFiveWorkers(run("basic-class"));
    }

    @Test
    void loggingShouldLogLifecycleOfEachChild() throws Exception
    {
        assertLogging(run("logging"));
    }

    static void assertLogging(final Run run)
    {
        final List<String> lines = new ArrayList<>(run.stdout());
        lines.addAll(run.stderr().lines().collect(Collectors.toList()));
        assertLoggingShape(lines, run);
    }

    /**
     * {@code all} runs each example in a JVM of its own, as Python runs each script in a fresh interpreter: the
     * logging example's children are numbered from Process-1 and its MainProcess lines appear, as when it runs alone;
     * the daemon example's child ends with its own parent.
     */
    @Test
    @Timeout(ALL_TIMEOUT_S + 60)
    void allShouldRunEachExampleAsWhenRunAlone() throws Exception
    {
        final Run run = ExampleJar.run(root, List.of("all"), List.of(), true, ALL_TIMEOUT_S);
        final List<String> headers = Example.all().stream()
            .map((example) -> "=== " + example.name() + ": " + example.description()).collect(Collectors.toList());
        assertEquals(headers, linesMatching(run.stdout(), "=== .*"), run.toString());
        assertLoggingShape(section(run.stdout(), "logging"), run);
        assertEquals(List.of("Start"), section(run.stdout(), "daemon"), run.toString());
    }

    /**
     * The original, logging_and_multiprocessing.py, sets the level to DEBUG; its extra DEBUG lines are about Python's
     * own "atexit" finalizers, which have no twin, so the example logs at INFO. Its INFO lines, each child's in this
     * order, the children's interleaved (Python 3.11, the pids aside):
     * <pre>
     * [INFO/Process-1] child process calling self.run()
     * count : 0
     * [INFO/Process-1] process shutting down
     * [INFO/Process-1] process exiting with exitcode 0
     * ... the same for Process-2 (count : 1) to Process-5 (count : 4)
     * [INFO/MainProcess] process shutting down
     * [INFO/MainProcess] calling join() for process Process-3     (one for each child still running then)
     * </pre>
     */
    private static void assertLoggingShape(final List<String> lines, final Run run)
    {
        final List<String> counts = linesMatching(lines, "count : \\d+");
        assertEquals(List.of("count : 0", "count : 1", "count : 2", "count : 3", "count : 4"),
            counts.stream().sorted().collect(Collectors.toList()), run.toString());
        int childLines = 0;
        for (int n = 1; n <= 5; n++)
        {
            final List<String> child = linesMatching(lines, "\\[INFO/Process-" + n + "] .*");
            assertEquals(List.of(
                "[INFO/Process-" + n + "] child process calling self.run()",
                "[INFO/Process-" + n + "] process shutting down",
                "[INFO/Process-" + n + "] process exiting with exitcode 0"), child, run.toString());
            childLines += child.size();
        }
        final List<String> main = linesMatching(lines, "\\[INFO/MainProcess] .*");
        assertTrue(main.size() >= 1, "no MainProcess line" + run);
        assertEquals("[INFO/MainProcess] process shutting down", main.get(0), run.toString());
        final List<String> joins = main.subList(1, main.size());
        assertEquals(joins.size(), linesMatching(joins, "\\[INFO/MainProcess] calling join\\(\\) for process Process-[1-5]")
            .stream().distinct().count(), run.toString());
        assertEquals(counts.size() + childLines + main.size(), lines.size(), "lines of no process: " + run);
    }

    /**
     * The original, daemon_process.py, prints {@code Start} (from its daemon child; here from the parent, see
     * DaemonMain) and never {@code Exit}.
     */
    @Test
    void daemonShouldEndWithItsParent() throws Exception
    {
        assertDaemon(run("daemon"));
    }

    static void assertDaemon(final Run run)
    {
        assertEquals(List.of("Start"), run.stdout(), run.toString()); // and run() checked that no child JVM is left
    }

    /**
     * The original, daemon_process_join.py: its daemon child prints {@code Start}, then {@code Exit}.
     */
    @Test
    void daemonJoinShouldPrintStartThenExit() throws Exception
    {
        assertDaemonJoin(run("daemon-join"));
    }

    static void assertDaemonJoin(final Run run)
    {
        assertEquals(List.of("Start", "Exit"), run.stdout(), run.toString());
    }

    /**
     * The original, process_exit.py, run with Python 3.11 (its children's Start lines come in order only because it
     * sleeps 0.3 s after each start; it reads kill_job's exit code without joining it, hence None):
     * <pre>
     * Process check : &lt;Process name='good_job' parent=1660 initial&gt;, False
     * Start name:good_job, pid:1734
     * Process check : &lt;Process name='fail_job' parent=1660 initial&gt;, False
     * Start name:fail_job, pid:1737
     * Process check : &lt;Process name='kill_job' parent=1660 initial&gt;, False
     * Start name:kill_job, pid:1761
     * Process check : &lt;Process name='good_job' pid=1734 parent=1660 started&gt;, True
     * Process check : &lt;Process name='fail_job' pid=1737 parent=1660 started&gt;, True
     * Process check : &lt;Process name='kill_job' pid=1761 parent=1660 started&gt;, True
     * Exit name:good_job, pid:1734
     * Exit name:fail_job, pid:1737
     * Process check : &lt;Process name='good_job' pid=1734 parent=1660 stopped exitcode=0&gt;, False
     * Process check : &lt;Process name='fail_job' pid=1737 parent=1660 stopped exitcode=1&gt;, False
     * Process check : &lt;Process name='kill_job' pid=1761 parent=1660 started&gt;, True
     * Terminate process : &lt;Process name='kill_job' pid=1761 parent=1660 started&gt;
     * Process name : good_job, exit code : 0
     * Process name : fail_job, exit code : 1
     * Process name : kill_job, exit code : None
     * </pre>
     */
    @Test
    void processExitShouldCheckEachProcessAtEachStageAndReportExitCodesAsPython() throws Exception
    {
        assertProcessExit(run("process-exit"));
    }

    static void assertProcessExit(final Run run)
    {
        final String parent = " parent=" + run.pid();
        final List<String> main = new ArrayList<>(run.stdout());
        final List<String> children = linesMatching(run.stdout(), "(Start|Exit) name:.*");
        main.removeAll(children);
        assertLines(main, List.of(
            check("good_job", parent + " initial", "False"),
            check("fail_job", parent + " initial", "False"),
            check("kill_job", parent + " initial", "False"),
            check("good_job", " pid=\\d+" + parent + " started", "True"),
            check("fail_job", " pid=\\d+" + parent + " started", "True"),
            check("kill_job", " pid=\\d+" + parent + " started", "True"),
            check("good_job", " pid=\\d+" + parent + " stopped exitcode=0", "False"),
            check("fail_job", " pid=\\d+" + parent + " stopped exitcode=1", "False"),
            check("kill_job", " pid=\\d+" + parent + " started", "True"),
            "Terminate process : <ChildProcess name='kill_job' pid=\\d+" + parent + " started>",
            check("good_job", " pid=\\d+" + parent + " stopped exitcode=0", "False"),
            check("fail_job", " pid=\\d+" + parent + " stopped exitcode=1", "False"),
            check("kill_job", " pid=\\d+" + parent + " stopped exitcode=143( signal=SIGTERM)?", "False"),
            "Process name : good_job, exit code : 0",
            "Process name : fail_job, exit code : 1",
            "Process name : kill_job, exit code : -15 \\(JVM exit status 143\\)"), run);

        for (final String job : List.of("good_job", "fail_job"))
        {
            final List<String> lines = linesMatching(children, "(Start|Exit) name:" + job + ", pid:\\d+");
            assertEquals(2, lines.size(), run.toString());
            assertEquals(lines.get(0).replace("Start", "Exit"), lines.get(1), "a Start line, then an Exit line" + run);
            assertBefore(run.stdout(), "Process check : <ChildProcess name='" + job + "'.* initial>, False",
                "Start name:" + job + ",.*", run);
            assertBefore(run.stdout(), "Exit name:" + job + ",.*",
                "Process check : <ChildProcess name='" + job + "'.* stopped .*", run);
        }
        // kill_job is terminated before it ends: its Start line only, unless its JVM was slower to start than
        // good_job's was to do its work, when it is terminated before its first line.
        assertTrue(linesMatching(children, ".*kill_job.*").stream().allMatch((line) -> line.startsWith("Start ")),
            run.toString());
        assertFalse(run.stderr().contains("Exception"), "fail_job exits as sys.exit(1), without a stack trace" + run);
    }

    private static String check(final String name, final String state, final String alive)
    {
        return "Process check : <ChildProcess name='" + name + "'" + state + ">, " + alive;
    }

    /**
     * The original, process_shared_memory.py:
     * <pre>
     * [worker] num : 5
     * [worker] num list[0] : 0
     * ... to [worker] num list[9] : 9
     * num : 50
     * num list[0] : 0
     * num list[1] : 10
     * ... to num list[9] : 90
     * </pre>
     */
    @Test
    void sharedMemoryShouldShowTheChildsUpdates() throws Exception
    {
        assertSharedMemory(run("shared-memory"));
    }

    static void assertSharedMemory(final Run run)
    {
        final List<String> expected = new ArrayList<>();
        expected.add("[worker] num : 5");
        for (int i = 0; i < 10; i++)
        {
            expected.add("[worker] num list[" + i + "] : " + i);
        }
        expected.add("num : 50");
        for (int i = 0; i < 10; i++)
        {
            expected.add("num list[" + i + "] : " + i * 10);
        }
        assertEquals(expected, run.stdout(), run.toString());
    }

    /**
     * The original, process_queue.py:
     * <pre>
     * [set_data] set queue data : Hello World
     * [get_data] get queue data : Hello World
     * </pre>
     */
    @Test
    void queueShouldPassHelloWorldFromOneChildToAnother() throws Exception
    {
        assertQueue(run("queue"));
    }

    static void assertQueue(final Run run)
    {
        assertEquals(List.of("[set_data] set queue data : Hello World", "[get_data] get queue data : Hello World"),
            run.stdout(), run.toString());
    }

    /**
     * The original, process_pipe.py ("Recieved" sic):
     * <pre>
     * [child] Send a message to pipe : Hello World
     * Recieved message : Hello World
     * </pre>
     */
    @Test
    void pipeShouldPrintTheChildsLineThenTheParents() throws Exception
    {
        assertPipe(run("pipe"));
    }

    static void assertPipe(final Run run)
    {
        assertEquals(List.of("[child] Send a message to pipe : Hello World", "Recieved message : Hello World"),
            run.stdout(), run.toString());
    }

    /**
     * The original, process_pool.py, run with Python 3.11 (its workers' lines in any order; Python names them
     * ForkPoolWorker-N where mproc says PoolWorker-N):
     * <pre>
     * Start process : ForkPoolWorker-1
     * Start process : ForkPoolWorker-2
     * Start process : ForkPoolWorker-3
     * Start process : ForkPoolWorker-4
     * Result : [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]
     * </pre>
     */
    @Test
    void poolShouldStartEachWorkerAndDoubleTheInputs() throws Exception
    {
        final Run run = run("pool");
        assertEquals(PoolMain.WORKERS + 1, run.stdout().size(), run.toString());
        final List<String> workers = run.stdout().subList(0, PoolMain.WORKERS).stream().sorted().collect(Collectors.toList());
        for (int n = 1; n <= PoolMain.WORKERS; n++)
        {
            assertEquals("Start process : PoolWorker-" + n, workers.get(n - 1), run.toString());
        }
        assertEquals("Result : [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]", run.stdout().get(PoolMain.WORKERS), run.toString());
    }

    /**
     * The original, return_coroutine.py, run with Python 3.11:
     * <pre>
     * == Get coroutine ==
     * &lt;generator object get_coroutine at 0x7f0ebdd54a00&gt;
     * == Get coroutine's return value ==
     * &lt;generator object return_one_to_ten at 0x7f0ebde18110&gt;
     * == Get values ==
     * 0
     * [1, 2, 3, 4, 5, 6, 7, 8, 9]
     * </pre>
     * The twin prints a pool's future where the original prints a generator (class and identity hash where Python
     * prints an address; still pending, in all likelihood, since a worker has yet to run it), and the value a worker
     * returned through it, a range, where the original prints the generator it yielded.
     */
    @Test
    void returnCoroutineShouldShowAWorkersReturnValueThenStreamValuesBack() throws Exception
    {
        assertReturnCoroutine(run("return-coroutine"));
    }

    static void assertReturnCoroutine(final Run run)
    {
        assertLines(run.stdout(), List.of(
            "== Get coroutine ==",
            "[\\w.$]+@\\p{XDigit}+\\[(Not completed.*|Completed normally)]",
            "== Get coroutine's return value ==",
            "range\\(0, 10\\)",
            "== Get values ==",
            "0",
            "\\[1, 2, 3, 4, 5, 6, 7, 8, 9]"), run);
    }

    @Test
    void serverProcessShouldShowTheWorkersChangesThroughTheManager() throws Exception
    {
        assertServerProcess(run("server-process"));
    }

    static void assertServerProcess(final Run run)
    {
        assertTrue(run.stdout().contains("[worker] value : 5, dict : Python2"), run.toString());
        assertTrue(run.stdout().contains("[main] value : 50, dict : Python3"), run.toString());
        for (int i = 0; i < 10; i++)
        {
            final String worker = "[worker] num list[" + i + "] : " + i;
            final String main = "[main] num list[" + i + "] : " + i * 10;
            assertEquals(2, run.stdout().stream().filter(worker::equals).count(), "list and array: " + run);
            assertEquals(2, run.stdout().stream().filter(main::equals).count(), "list and array: " + run);
        }
    }

    @Test
    void journalShouldReplayAfterTheWriterExitedThenShareEachTaskOnce() throws Exception
    {
        final Run run = run("journal");
        final List<String> replayed = linesMatching(run.stdout(), "\\[reader] .*");
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            expected.add("[reader] replayed message " + i);
        }
        assertEquals(expected, replayed, run.toString());
        assertBefore(run.stdout(), "\\[writer] appended 10 messages and exits", "\\[reader] .*", run);
        final List<String> tasks = linesMatching(run.stdout(), "\\[worker-[12]] task \\d+");
        assertEquals(20, tasks.size(), "each of the 20 tasks printed once: " + run);
        for (int i = 0; i < 20; i++)
        {
            final String task = " task " + i;
            assertEquals(1, tasks.stream().filter((line) -> line.endsWith(task)).count(), task + " once: " + run);
        }
    }

    @Test
    void sharedMemoryShouldMakeThenUseAnAppCdsArchive(@TempDir final Path cdsDirectory) throws Exception
    {
        final Path archive = cdsDirectory.resolve("children.jsa");
        // -Xshare:on: a child that cannot map the archive fails to start, so the second run proves it is used.
        final List<String> options = List.of("-Dmproc.cds=" + archive, "-Dmproc.child.jvmOptions=-Xshare:on");

        final Run first = run("shared-memory", options);
        assertTrue(Files.isRegularFile(archive), "no archive made by the first child: " + first);
        final Run second = run("shared-memory", options);

        assertTrue(second.stdout().contains("num : 50"), second.toString());
        try (Stream<Path> files = Files.list(cdsDirectory))
        {
            assertEquals(List.of(archive), files.collect(Collectors.toList()), "temporary dump files left behind");
        }
    }

    /**
     * The original, process_event.py, run with Python 3.11 (how many times each child sees its event still clear
     * depends on the timing):
     * <pre>
     * Wait ...
     * [first] Event status : (False)
     * [second] Event status : (False)
     * ...
     * Set e1
     * [first] Event status : (True)
     * [first] e1 is set.
     * [second] Event status : (False)
     * [first] Set e2
     * [second] Event status : (True)
     * [second] e2 is set.
     * Exit
     * </pre>
     */
    @Test
    void eventShouldPassEventsFromParentToFirstToSecondInTheOriginalsWords() throws Exception
    {
        assertEvent(run("event"));
    }

    static void assertEvent(final Run run)
    {
        final List<String> lines = run.stdout();
        final List<String> first = linesMatching(lines, "\\[first] .*");
        final List<String> second = linesMatching(lines, "\\[second] .*");
        final List<String> main = new ArrayList<>(lines);
        main.removeAll(first);
        main.removeAll(second);

        assertEquals(List.of("Wait ...", "Set e1", "Exit"), main, run.toString());
        assertJoinedMatches("(\\[first] Event status : \\(False\\)\n)*" +
            "\\[first] Event status : \\(True\\)\n\\[first] e1 is set\\.\n\\[first] Set e2", first, run);
        assertJoinedMatches("(\\[second] Event status : \\(False\\)\n)*" +
            "\\[second] Event status : \\(True\\)\n\\[second] e2 is set\\.", second, run);
        assertBefore(lines, "Set e1", "\\[first] Event status : \\(True\\)", run.toString());
        assertBefore(lines, "\\[first] Set e2", "\\[second] Event status : \\(True\\)", run.toString());
        assertEquals("Exit", lines.get(lines.size() - 1), run.toString());
    }

    private static void assertJoinedMatches(final String regex, final List<String> lines, final Run run)
    {
        final String text = String.join("\n", lines);
        assertTrue(Pattern.compile(regex).matcher(text).matches(), "'" + text + "' does not match '" + regex + "'" + run);
    }

    @Test
    void coworkShouldShareOutAllTheWorkExactly() throws Exception
    {
        assertCowork(run("cowork"));
    }

    static void assertCowork(final Run run)
    {
        final Pattern line = Pattern.compile("\\[(w1|w2)] Total : (\\d+), work : (\\d+)");
        long sum = 0;
        long lastTotal = CoworkMain.TOTAL;
        for (final String text : run.stdout())
        {
            final Matcher matcher = line.matcher(text);
            if (matcher.matches())
            {
                final long total = Long.parseLong(matcher.group(2));
                final long work = Long.parseLong(matcher.group(3));
                assertEquals(lastTotal - work, total, "each total follows the one before: " + run);
                lastTotal = total;
                sum += work;
            }
        }
        assertEquals(CoworkMain.TOTAL, sum, run.toString());
        assertEquals("Total : 0", run.stdout().get(run.stdout().size() - 1), run.toString());
    }

    static void assertFiveWorkers(final Run run)
    {
        assertEquals(15, run.stdout().size(), run.toString());
        final List<String> blocks = new ArrayList<>();
        for (int i = 0; i < run.stdout().size(); i += 3)
        {
            final List<String> block = run.stdout().subList(i, i + 3);
            assertLines(block, List.of("name : process (\\d), argument : \\d", "parent pid : " + run.pid() + ", pid : \\d+", ""),
                run);
            final String number = block.get(0).substring("name : process ".length(), "name : process ".length() + 1);
            assertTrue(block.get(0).endsWith("argument : " + number), "each child its own argument" + run);
            blocks.add(block.get(0));
        }
        assertEquals(List.of(0, 1, 2, 3, 4).stream().map((i) -> "name : process " + i + ", argument : " + i)
            .collect(Collectors.toList()), blocks.stream().sorted().collect(Collectors.toList()), run.toString());
    }

    private Run run(final String example) throws Exception
    {
        return run(example, List.of());
    }

    private Run run(final String example, final List<String> jvmOptions) throws Exception
    {
        return ExampleJar.run(root, List.of(example), jvmOptions, false, RUN_TIMEOUT_S);
    }
}
