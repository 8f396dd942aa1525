package io.mproc.bench.cluster;

import io.mproc.Context;
import io.mproc.ContextOptions;
import io.mproc.JvmFlags;
import io.mproc.Multiprocessing;
import io.mproc.pool.Pool;
import io.mproc.pool.SerializableFunction;
import io.mproc.value.SharedLong;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;

/**
 * The same operations on both backends, in one run: shared memory on this machine ({@code Multiprocessing.context()})
 * and a 3-node Apache Ignite cluster on loopback (three server nodes in JVMs of their own, this JVM a client).
 * Value increments, lock/unlock by two threads taking turns, queue put then take, and pool tasks of 1 ms and 10 ms
 * of CPU. A plain timed loop, not JMH: a cluster has to be started around the measurement. Prints a Markdown table.
 * <pre>
 * java -jar ipc-bench/target/benchmarks.jar backends [--quick]
 * </pre>
 */
public final class BackendComparisonMain
{
    private static final int NODES = 3;

    private BackendComparisonMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final boolean quick = Arrays.asList(args).contains("--quick");
        final int scale = quick ? 1 : 5;
        final int first = 20000 + ThreadLocalRandom.current().nextInt(1000) * 30;
        final String uri = "ignite://127.0.0.1:" + first + ".." + (first + 9) + "/bench?comm=" + (first + 10) + ".." +
            (first + 29);
        final List<String> rows = new ArrayList<>();
        try (Context shm = Multiprocessing.context(ContextOptions.builder().workers(2).build()))
        {
            rows.addAll(measure("shm", shm, scale));
        }
        final List<Process> nodes = startNodes(uri);
        try (Context cluster = Multiprocessing.context(uri.replace("?", "?mode=client&"),
            ContextOptions.builder().workers(2).build()))
        {
            rows.addAll(measure("ignite, 3 nodes", cluster, scale));
        }
        finally
        {
            nodes.forEach(Process::destroyForcibly);
        }
        System.out.println("| backend | operation | ops/s | mean latency (us) |");
        System.out.println("|---|---|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static List<String> measure(final String backend, final Context context, final int scale)
        throws Exception
    {
        final List<String> rows = new ArrayList<>();
        final boolean shm = "shm".equals(context.backend());
        final int small = shm ? 200_000 * scale : 500 * scale;
        final SharedLong counter = context.longValue("counter", 0);
        rows.add(row(backend, "value incrementAndGet, 1 thread", small, time(() ->
        {
            for (int i = 0; i < small; i++)
            {
                counter.incrementAndGet();
            }
        })));
        final Lock lock = context.lock("lock");
        final int turns = small / 2;
        rows.add(row(backend, "lock+unlock, 2 threads contending", 2L * turns, time(() -> contend(lock, turns))));
        final BlockingQueue<Integer> queue = context.queue("queue");
        final int messages = shm ? 100_000 * scale : 300 * scale;
        rows.add(row(backend, "queue put+take, 1 producer 1 consumer thread", messages, time(() ->
            produceAndConsume(queue, messages))));
        try (Pool pool = context.pool(2))
        {
            pool.map((Integer x) -> x, List.of(1, 2, 3, 4)); // warm: workers started, function classes loaded
            for (final int millis : new int[]{1, 10})
            {
                final int tasks = (millis == 1 ? 200 : 40) * scale;
                final List<Integer> items = new ArrayList<>();
                for (int i = 0; i < tasks; i++)
                {
                    items.add(millis);
                }
                final SerializableFunction<Integer, Long> spin = BackendComparisonMain::spin;
                rows.add(row(backend, "pool map, 2 workers, " + millis + " ms tasks", tasks, time(() ->
                    pool.map(spin, items, 1))));
            }
        }
        return rows;
    }

    private static void contend(final Lock lock, final int turns) throws InterruptedException
    {
        final Thread other = new Thread(() ->
        {
            for (int i = 0; i < turns; i++)
            {
                lock.lock();
                lock.unlock();
            }
        });
        other.start();
        for (int i = 0; i < turns; i++)
        {
            lock.lock();
            lock.unlock();
        }
        other.join();
    }

    private static void produceAndConsume(final BlockingQueue<Integer> queue, final int messages)
        throws InterruptedException
    {
        final Thread producer = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < messages; i++)
                {
                    queue.put(i);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        for (int i = 0; i < messages; i++)
        {
            queue.take();
        }
        producer.join();
    }

    /** Busy for {@code millis} of CPU, as a task of real work. */
    static long spin(final int millis)
    {
        final long end = System.nanoTime() + millis * 1_000_000L;
        long spins = 0;
        while (System.nanoTime() < end)
        {
            spins++;
        }
        return spins;
    }

    private static String row(final String backend, final String operation, final long ops, final long nanos)
    {
        final double seconds = nanos / 1e9;
        return String.format("| %s | %s | %,.0f | %,.1f |", backend, operation, ops / seconds, nanos / 1e3 / ops);
    }

    private interface Body
    {
        void run() throws Exception;
    }

    private static long time(final Body body) throws Exception
    {
        final long start = System.nanoTime();
        body.run();
        return System.nanoTime() - start;
    }

    private static List<Process> startNodes(final String uri) throws IOException
    {
        final List<Process> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++)
        {
            final List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JvmFlags.cluster());
            command.add("-Xmx256m");
            command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("io.mproc.cluster.NodeMain");
            command.add(uri);
            nodes.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (final Process node : nodes)
        {
            final BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8));
            final String line = out.readLine();
            if (null == line || !line.startsWith("mproc node "))
            {
                nodes.forEach(Process::destroyForcibly);
                throw new IllegalStateException("a cluster node did not start: " + line);
            }
        }
        return nodes;
    }
}
