package io.mproc.bench;

import io.mproc.JvmFlags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the second JVM of a cross-process benchmark: same class path, mproc's flags, and a marker line on stdout
 * once it is ready.
 */
public final class BenchSupport
{
    /** The file to which {@link #writeResult(String, double)} appends. */
    public static final String RESULT_FILE_PROPERTY = "mproc.bench.resultFile";

    private BenchSupport()
    {
    }

    /**
     * Starts {@code mainClass} and waits until it prints {@code READY}.
     *
     * @param mainClass with a {@code main}.
     * @param args      for it.
     * @return the running peer; stop it with {@link #stop(Process)}.
     */
    public static Process startPeer(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try
        {
            final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            final BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (null != (line = reader.readLine()))
            {
                if ("READY".equals(line))
                {
                    return process;
                }
            }
            throw new IllegalStateException("peer exited before READY: " + mainClass.getName());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Kills the peer and waits for it.
     *
     * @param process of the peer, or null.
     */
    public static void stop(final Process process)
    {
        if (null != process)
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * For a benchmark whose result is not JMH's score (an interleaved one computes its own medians): appends
     * {@code key=value} to the file named by the system property {@value #RESULT_FILE_PROPERTY}, which the report
     * ({@code io.mproc.bench.Report}) sets and reads. Does nothing when the property is not set.
     *
     * @param key   what was measured.
     * @param value the figure.
     */
    public static void writeResult(final String key, final double value)
    {
        final String file = System.getProperty(RESULT_FILE_PROPERTY);
        if (null == file)
        {
            return;
        }
        try
        {
            Files.writeString(Path.of(file), key + "=" + value + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * For peers: halt when the parent (the benchmark fork) goes away, signalled by EOF on stdin.
     */
    public static void exitWhenParentDies()
    {
        final Thread watcher = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // only EOF matters
                }
            }
            catch (final IOException ignore)
            {
                // treat as EOF
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * @param values in any order (not changed).
     * @return their median (the mean of the middle two for an even count).
     */
    public static double median(final double[] values)
    {
        return quantile(values, 0.5);
    }

    /**
     * @param values in any order (not changed), at least one.
     * @param q      0 to 1.
     * @return the q-quantile, linear between the two nearest ranks (q = 0.5 is the median).
     */
    public static double quantile(final double[] values, final double q)
    {
        final double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        final double position = q * (sorted.length - 1);
        final int below = (int)Math.floor(position);
        final int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
