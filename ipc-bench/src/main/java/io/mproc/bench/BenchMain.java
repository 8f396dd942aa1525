package io.mproc.bench;

import io.mproc.JvmFlags;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmarks jar's entry point: JMH's own command line ({@code -h} lists it), plus mproc's JVM flags appended
 * to every forked JVM, since JMH forks do not inherit the Add-Exports/Add-Opens of this jar's manifest.
 * {@code idle-cpu} runs {@link IdleWaiterCpuMain} instead.
 * <pre>
 * java -jar ipc-bench/target/benchmarks.jar -l            # list
 * java -jar ipc-bench/target/benchmarks.jar ValueBenchmark # run by regex
 * java -jar ipc-bench/target/benchmarks.jar idle-cpu       # CPU of a JVM blocked on an Event
 * java -jar ipc-bench/target/benchmarks.jar backends       # shared memory beside a 3-node loopback Ignite cluster
 * </pre>
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    /**
     * @param args JMH command-line options.
     * @throws Exception when JMH fails.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && "backends".equals(args[0]))
        {
            io.mproc.bench.cluster.BackendComparisonMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && "idle-cpu".equals(args[0]))
        {
            IdleWaiterCpuMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        final CommandLineOptions commandLine = new CommandLineOptions(args);
        if (commandLine.shouldHelp() || commandLine.shouldList() || commandLine.shouldListWithParams() ||
            commandLine.shouldListProfilers() || commandLine.shouldListResultFormats())
        {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        final Options options = new OptionsBuilder()
            .parent(commandLine)
            .jvmArgsAppend(JvmFlags.required().toArray(new String[0]))
            .build();
        new Runner(options).run();
    }
}
