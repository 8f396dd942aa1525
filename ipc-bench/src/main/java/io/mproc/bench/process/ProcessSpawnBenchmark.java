package io.mproc.bench.process;

import io.mproc.bench.baseline.TrivialMain;
import io.mproc.JvmFlags;
import io.mproc.process.ChildProcess;
import io.mproc.process.SerializableRunnable;
import io.mproc.process.WarmSpares;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Cost of starting a child JVM, beside the trivial JVM baseline, in the same run:
 * <ul>
 *     <li>{@code firstLine}: from {@code start()} until the child's first line of user code has run (it prints a
 *     line to a file, which this JVM polls every 100 us);</li>
 *     <li>{@code join}: from {@code start()} until {@code join()} returns, for an empty task.</li>
 * </ul>
 * Launchers: the bare {@code java -cp benchmarks.jar TrivialMain} through {@link ProcessBuilder}, the same with
 * mproc's JVM flags, and {@link ChildProcess} with a task (a static method reference, which travels as a static
 * call), with a task class (which travels by serialisation), with an entry class, with AppCDS, with C1 only and
 * with the serial GC, and with a warm spare ready ({@code CHILD_TASK_SPARE}: the start hands the task to an idle JVM
 * started before the clock, see {@link WarmSpares}). Each measured start is one JVM, so the mode is single-shot; the machine's noise is large
 * (compare only figures from one run).
 * <p>
 * {@code java -jar ipc-bench/target/benchmarks.jar ProcessSpawnBenchmark -f 1 -wi 3 -i 20}
 * <p>
 * Measured once (2-vCPU AMD EPYC VM shared with other work, OpenJDK 17.0.15, p50 of 20 single shots, ms); Python
 * 3.11 {@code spawn} right after on the same machine: ready 101.5, join 115.8 (fork 2.7 / 3.8).
 * <pre>
 *   launcher                   firstLine   join
 *   TRIVIAL_JVM                   48.8     50.6   the baseline
 *   TRIVIAL_JVM_MPROC_FLAGS       68.9     70.9   what the mproc flags alone cost
 *   CHILD_TASK                    86.6     87.5   1.77x the baseline
 *   CHILD_TASK_SERIALIZED        110.1    116.2   ObjectInputStream in a new JVM
 *   CHILD_MAIN                    87.9     85.9
 *   CHILD_TASK_APPCDS             73.5     67.7   1.5x / 1.34x the baseline
 *   CHILD_TASK_C1                 81.8     78.0
 *   CHILD_TASK_SERIAL_GC         101.4    148.5   slower: CDS heap objects need G1 on JDK 17
 * </pre>
 * A later run (p50 of 15, ms; Python 3.11 right after: fork 2.3 / 3.3, forkserver 27.8 / 30.2, spawn 73.9 / 92.7):
 * <pre>
 *   TRIVIAL_JVM                   57.3     80.3
 *   CHILD_TASK                    87.8    103.4
 *   CHILD_TASK_SPARE               3.7     16.1   1.6x Python's fork to the first line
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 20)
@Fork(1)
@State(Scope.Benchmark)
public class ProcessSpawnBenchmark
{
    /**
     * How the child is started.
     */
    public enum Launcher
    {
        /** {@code java -cp benchmarks.jar TrivialMain}, with no flags. */
        TRIVIAL_JVM,
        /** The same with {@link JvmFlags#required()}, which every mproc child gets. */
        TRIVIAL_JVM_MPROC_FLAGS,
        /** {@link ChildProcess} with a static method reference. */
        CHILD_TASK,
        /** {@link ChildProcess} with a task class, which goes by Java serialisation. */
        CHILD_TASK_SERIALIZED,
        /** {@link ChildProcess#ofMain(Class, String...)} of {@link TrivialMain}. */
        CHILD_MAIN,
        /** {@link #CHILD_TASK} with an AppCDS archive (made in the warm-up). */
        CHILD_TASK_APPCDS,
        /** {@link #CHILD_TASK} with {@code -XX:TieredStopAtLevel=1}. */
        CHILD_TASK_C1,
        /** {@link #CHILD_TASK} with {@code -XX:+UseSerialGC}. */
        CHILD_TASK_SERIAL_GC,
        /** {@link #CHILD_TASK} handed to a warm spare made ready before each start ({@link WarmSpares}). */
        CHILD_TASK_SPARE
    }

    @Param
    public Launcher launcher;

    private Path output;
    private Path cdsDirectory;
    private Process process;
    private ChildProcess child;
    private long startNs;

    @Setup(Level.Trial)
    public void setUpTrial() throws IOException
    {
        output = Files.createTempFile("mproc-spawn-bench", ".txt");
        cdsDirectory = Files.createTempDirectory("mproc-spawn-bench-cds");
        // Spares only where measured: elsewhere they would start in the background of the cold starts.
        WarmSpares.setCount(Launcher.CHILD_TASK_SPARE == launcher ? 1 : 0);
    }

    @TearDown(Level.Trial)
    public void tearDownTrial() throws IOException
    {
        Files.deleteIfExists(output);
        try (Stream<Path> files = Files.list(cdsDirectory))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(cdsDirectory);
    }

    @Setup(Level.Invocation)
    public void setUpInvocation() throws Exception
    {
        Files.write(output, new byte[0]);
        if (Launcher.CHILD_TASK_SPARE == launcher)
        {
            // A spare of the measured child's profile (where its output goes is part of it), ready before the clock.
            WarmSpares.prepare(new ChildProcess(Tasks::doNothing).redirectOutput(output)).get();
        }
    }

    @TearDown(Level.Invocation)
    public void tearDownInvocation() throws InterruptedException
    {
        if (null != child)
        {
            child.join();
            child.close();
            child = null;
        }
        if (null != process)
        {
            process.waitFor();
            process = null;
        }
    }

    /**
     * @return start to first line of the child, in ns, measured by the child's own clock (a check of the figure).
     * @throws Exception when the child cannot start.
     */
    @Benchmark
    public long firstLine() throws Exception
    {
        start(true);
        while (true)
        {
            final byte[] bytes = Files.readAllBytes(output);
            if (bytes.length > 0 && '\n' == bytes[bytes.length - 1])
            {
                return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII).trim()) - startNs;
            }
            if (null != process ? !process.isAlive() : !child.isAlive() && child.exitCode().orElse(0) != 0)
            {
                throw new IllegalStateException("child failed before its first line: launcher=" + launcher);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * @return the exit code (0).
     * @throws Exception when the child cannot start.
     */
    @Benchmark
    public int join() throws Exception
    {
        start(false);
        final int exitCode;
        if (null != process)
        {
            exitCode = process.waitFor();
        }
        else
        {
            child.join();
            exitCode = child.exitCode().getAsInt();
        }
        if (0 != exitCode)
        {
            throw new IllegalStateException("child failed: exitCode=" + exitCode + ", launcher=" + launcher);
        }
        return exitCode;
    }

    private void start(final boolean printFirstLine) throws IOException
    {
        startNs = System.nanoTime();
        switch (launcher)
        {
            case TRIVIAL_JVM:
            case TRIVIAL_JVM_MPROC_FLAGS:
                final List<String> command = new ArrayList<>();
                command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
                if (Launcher.TRIVIAL_JVM_MPROC_FLAGS == launcher)
                {
                    command.addAll(JvmFlags.required());
                }
                command.add("-cp");
                command.add(absoluteClassPath());
                command.add(TrivialMain.class.getName());
                process = new ProcessBuilder(command).redirectOutput(output.toFile()).start();
                return;
            case CHILD_MAIN:
                child = ChildProcess.ofMain(TrivialMain.class);
                break;
            case CHILD_TASK_SERIALIZED:
                child = new ChildProcess(printFirstLine ? new PrintNanoTime() : new DoNothing());
                break;
            default:
                child = new ChildProcess(printFirstLine ? Tasks::printNanoTime : Tasks::doNothing);
                break;
        }
        if (Launcher.CHILD_TASK_APPCDS == launcher)
        {
            child.classDataSharing(cdsDirectory.resolve("child.jsa"));
        }
        else if (Launcher.CHILD_TASK_C1 == launcher)
        {
            child.jvmOptions("-XX:TieredStopAtLevel=1");
        }
        else if (Launcher.CHILD_TASK_SERIAL_GC == launcher)
        {
            child.jvmOptions("-XX:+UseSerialGC");
        }
        child.redirectOutput(output).redirectError(Paths.get("/dev/null")).start();
    }

    private static String absoluteClassPath()
    {
        final StringBuilder classPath = new StringBuilder();
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            classPath.append(classPath.length() > 0 ? File.pathSeparator : "").append(Paths.get(entry).toAbsolutePath());
        }
        return classPath.toString();
    }

    /**
     * The tasks, as static methods: a method reference to one travels as a static call.
     */
    static final class Tasks
    {
        private Tasks()
        {
        }

        static void printNanoTime()
        {
            System.out.println(System.nanoTime());
        }

        static void doNothing()
        {
        }
    }

    /**
     * A task class: travels by Java serialisation.
     */
    static final class PrintNanoTime implements SerializableRunnable
    {
        private static final long serialVersionUID = 1L;

        public void run()
        {
            System.out.println(System.nanoTime());
        }
    }

    /**
     * An empty task class.
     */
    static final class DoNothing implements SerializableRunnable
    {
        private static final long serialVersionUID = 1L;

        public void run()
        {
        }
    }
}
