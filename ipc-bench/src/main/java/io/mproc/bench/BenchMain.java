package io.mproc.bench;

import io.mproc.internal.JvmFlags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code benchmarks.jar}: JMH's own command line ({@code org.openjdk.jmh.Main}), with mproc's JVM
 * flags appended to every fork unless {@code -jvmArgsAppend} is given; or {@code idle-cpu} for
 * {@link IdleWaiterCpuMain}.
 * <pre>
 *   java -jar ipc-bench/target/benchmarks.jar -l
 *   java -jar ipc-bench/target/benchmarks.jar PingPong -f 1 -wi 2 -i 3
 *   java -jar ipc-bench/target/benchmarks.jar idle-cpu
 * </pre>
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && "idle-cpu".equals(args[0]))
        {
            IdleWaiterCpuMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        final List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        if (!jmhArgs.contains("-jvmArgsAppend"))
        {
            // The manifest's Add-Exports/Add-Opens reach only this JVM; JMH forks need the flags spelled out.
            jmhArgs.add("-jvmArgsAppend");
            jmhArgs.add(String.join(" ", JvmFlags.required()));
        }
        org.openjdk.jmh.Main.main(jmhArgs.toArray(new String[0]));
    }
}
