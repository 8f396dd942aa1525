package io.mproc.bench;

import io.mproc.memory.Namespace;
import io.mproc.sync.Event;
import io.mproc.sync.WaitStrategies;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * CPU used by a JVM whose only thread of work is blocked on an {@link Event}, beside a JVM asleep in
 * {@link Thread#sleep}, over the same window, from the scheduler's per-thread accounting
 * ({@code /proc/<pid>/task/*}{@code /schedstat}, nanoseconds). {@code java -jar benchmarks.jar idle-cpu [seconds]
 * [strategy]}.
 */
public final class IdleWaiterCpuMain
{
    private IdleWaiterCpuMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        final String strategy = args.length > 1 ? args[1] : "spin-then-block";
        try (Namespace namespace = Namespace.temporary())
        {
            final Event event = Event.create(namespace, "e", WaitStrategies.byName(strategy));
            final Process waiter = BenchSupport.startPeer(
                ChildMain.class, namespace.directory().toString(), "wait", strategy);
            final Process sleeper = BenchSupport.startPeer(
                ChildMain.class, namespace.directory().toString(), "sleep", strategy);
            Thread.sleep(1000); // both past start-up work and, for the waiter, past its spin
            final long waiterStartNs = cpuNs(waiter.pid());
            final long sleeperStartNs = cpuNs(sleeper.pid());
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            final long waiterNs = cpuNs(waiter.pid()) - waiterStartNs;
            final long sleeperNs = cpuNs(sleeper.pid()) - sleeperStartNs;
            event.set();
            BenchSupport.stop(waiter);
            BenchSupport.stop(sleeper);
            System.out.printf("idle CPU over %d s (%s): blocked-on-Event JVM %.2f ms, Thread.sleep JVM %.2f ms, " +
                "difference %.2f ms%n", seconds, strategy, waiterNs / 1e6, sleeperNs / 1e6, (waiterNs - sleeperNs) / 1e6);
        }
    }

    static long cpuNs(final long pid) throws IOException
    {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc", Long.toString(pid), "task")))
        {
            for (final Path task : tasks)
            {
                try
                {
                    final String schedstat = Files.readString(task.resolve("schedstat")).trim();
                    total += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                }
                catch (final IOException ignore)
                {
                    // thread ended meanwhile
                }
            }
        }
        return total;
    }

    /**
     * {@code wait}: blocks on event "e" until set; {@code sleep}: sleeps until killed. Both open the same objects.
     */
    public static final class ChildMain
    {
        public static void main(final String[] args) throws InterruptedException
        {
            BenchSupport.exitWhenParentDies();
            try (Namespace namespace = Namespace.open(Paths.get(args[0])))
            {
                final Event event = Event.open(namespace, "e", WaitStrategies.byName(args[2]));
                System.out.println("READY");
                System.out.flush();
                if ("wait".equals(args[1]))
                {
                    event.await(1, TimeUnit.MINUTES);
                }
                else
                {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(1));
                }
            }
        }
    }
}
