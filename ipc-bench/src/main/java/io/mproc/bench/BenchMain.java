package io.mproc.bench;

import io.mproc.internal.JvmFlags;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of {@code benchmarks.jar}: JMH's own command line ({@code -h} lists the options), plus the JVM flags
 * mproc needs ({@link JvmFlags#required()}) appended to every forked benchmark JVM, since {@code @Fork} annotations
 * can only hold constants.
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    /**
     * @param args JMH command line, e.g. {@code ProcessSpawnBenchmark -f 1 -wi 3 -i 20}.
     * @throws Exception when the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final CommandLineOptions commandLine = new CommandLineOptions(args);
        if (commandLine.shouldHelp() || commandLine.shouldList() || commandLine.shouldListWithParams() ||
            commandLine.shouldListProfilers() || commandLine.shouldListResultFormats())
        {
            Main.main(args);
            return;
        }
        final List<String> append = new ArrayList<>(JvmFlags.required());
        if (commandLine.getJvmArgsAppend().hasValue())
        {
            append.addAll(commandLine.getJvmArgsAppend().get());
        }
        final Options options = new OptionsBuilder()
            .parent(commandLine)
            .jvmArgsAppend(append.toArray(new String[0]))
            .build();
        new Runner(options).run();
    }
}
