package io.mproc.process;

import io.mproc.memory.Namespace;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Warm spares across real JVMs: a child from a spare, a spare never used for a child of another profile, spares
 * that cost no CPU while they wait, and spares that die with a SIGKILLed parent.
 */
@Timeout(120)
class WarmSpareTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** CPU clock ticks per second of /proc/[pid]/stat (USER_HZ, 100 on Linux). */
    private static final int TICKS_PER_SECOND = 100;

    private final List<ChildProcess> children = new ArrayList<>();

    @BeforeEach
    void switchSparesOn()
    {
        WarmSpares.setCount(2);
    }

    @AfterEach
    void switchSparesOff() throws InterruptedException
    {
        WarmSpares.setCount(0);
        for (final ChildProcess child : children)
        {
            ChildProcesses.stopAndClose(child);
        }
    }

    @Test
    void shouldHandTaskToReadySpare(@TempDir final Path dir) throws Exception
    {
        final Path out = dir.resolve("out.txt");
        // Where stdout goes is set when a JVM starts: a spare for this child must have it too.
        WarmSpares.prepare(new ChildProcess(WarmSpareTest::doNothing).redirectOutput(out)).get();
        final List<Long> spares = WarmSpares.readyPids();
        assertEquals(2, spares.size(), spares.toString());

        final ChildProcess child = track(new ChildProcess(WarmSpareTest::printNameAndExit, 7).name("warm-one")
            .redirectOutput(out)).start();

        assertTrue(child.startedFromSpare(), child.toString());
        assertTrue(spares.contains(child.pid()), "pid " + child.pid() + " not one of the spares " + spares);
        assertTrue(child.join(TIMEOUT));
        assertEquals(OptionalInt.of(7), child.exitCode());
        assertEquals("warm-one " + ProcessHandle.current().pid() + "\n", Files.readString(out));
        assertFalse(WarmSpares.readyPids().contains(child.pid()));
    }

    @Test
    void shouldNeverUseSpareForChildOfOtherOptions(@TempDir final Path dir) throws Exception
    {
        WarmSpares.prepare(new ChildProcess(WarmSpareTest::doNothing)).get();
        final List<Long> spares = WarmSpares.readyPids();

        final Path out = dir.resolve("out.txt");
        final ChildProcess child = track(new ChildProcess(WarmSpareTest::printProperty, "mproc.test.colour")
            .systemProperty("mproc.test.colour", "green").redirectOutput(out)).start();
        assertTrue(child.join(TIMEOUT));

        assertFalse(child.startedFromSpare(), child.toString());
        assertFalse(spares.contains(child.pid()));
        assertEquals("green\n", Files.readString(out));

        final ChildProcess other = track(new ChildProcess(WarmSpareTest::doNothing).jvmOptions("-Xmx97m")).start();
        assertFalse(other.startedFromSpare(), other.toString());
        final ChildProcess piped = track(new ChildProcess(WarmSpareTest::doNothing).output(OutputMode.PIPE)).start();
        assertFalse(piped.startedFromSpare(), piped.toString());
    }

    @Test
    void shouldUseNoMoreCpuWhileWaitingThanSleepingJvm() throws Exception
    {
        WarmSpares.setCount(0); // the sleeping JVM must start cold
        final ChildProcess sleeper = track(new ChildProcess(ChildProcesses::blockUntilKilled)).start();
        WarmSpares.setCount(2);
        WarmSpares.prepare(new ChildProcess(WarmSpareTest::doNothing)).get();
        final List<Long> spares = WarmSpares.readyPids();
        assertEquals(2, spares.size(), spares.toString());
        // Both kinds of JVM have finished starting (the spares said so; the sleeper runs its task): now they idle.
        final long[] before = new long[spares.size() + 1];
        for (int i = 0; i < spares.size(); i++)
        {
            before[i] = cpuTicks(spares.get(i));
        }
        before[spares.size()] = cpuTicks(sleeper.pid());

        TimeUnit.SECONDS.sleep(2); // the measured interval, not a wait for a state

        final long sleeperTicks = cpuTicks(sleeper.pid()) - before[spares.size()];
        for (int i = 0; i < spares.size(); i++)
        {
            assertTrue(before[i] >= 0 && cpuTicks(spares.get(i)) >= 0, "spare " + spares.get(i) + " is gone");
            final long spareTicks = cpuTicks(spares.get(i)) - before[i];
            System.out.println("idle CPU over 2 s: spare " + spares.get(i) + " " + spareTicks * 1000 / TICKS_PER_SECOND +
                " ms, sleeping JVM " + sleeperTicks * 1000 / TICKS_PER_SECOND + " ms; resident memory: spare " +
                residentKib(spares.get(i)) + " KiB, sleeping JVM " + residentKib(sleeper.pid()) + " KiB");
            // A sleeping JVM costs 5-10 ms per 2 s here (its GC and compiler threads wake now and then); a tick is 10 ms.
            assertTrue(spareTicks <= Math.max(2, 2 * sleeperTicks),
                "spare " + spares.get(i) + " used " + spareTicks + " ticks, a sleeping JVM " + sleeperTicks);
        }
    }

    @Test
    void shouldDieWithSigkilledParent() throws Exception
    {
        final List<ProcessHandle> spares = new ArrayList<>();
        try (ChildJvm parent = ChildJvm.start(SpareParentMain.class, "2"))
        {
            final String line = parent.awaitLine("spares", TIMEOUT);
            for (final String pid : line.substring("spares".length()).trim().split(" "))
            {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(spares::add);
            }
            assertEquals(2, spares.size(), line);
            parent.process().destroyForcibly().waitFor();
            final long killedNs = System.nanoTime();
            for (final ProcessHandle spare : spares)
            {
                ChildProcesses.await(() -> !isRunning(spare.pid()), "spare outlived its parent: " + spare.pid());
            }
            System.out.println("spares gone " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNs) +
                " ms after their parent was SIGKILLed");
        }
        finally
        {
            spares.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void shouldKeepNoSharedFileMappedAfterRehearsals() throws Exception
    {
        // A spare rehearses a pool worker's start-up (SpareRehearsal) in a temporary namespace, deleted after it.
        WarmSpares.prepare(new ChildProcess(WarmSpareTest::doNothing)).get();
        final String root = Namespace.defaultRoot().toString();
        final List<Long> spares = WarmSpares.readyPids();
        assertEquals(2, spares.size(), spares.toString());
        for (final long spare : spares)
        {
            final List<String> mapped = new ArrayList<>();
            for (final String line : Files.readAllLines(Paths.get("/proc", Long.toString(spare), "maps")))
            {
                if (line.contains(root))
                {
                    mapped.add(line);
                }
            }
            assertTrue(mapped.isEmpty(), "spare " + spare + " keeps shared files mapped: " + mapped);
        }
    }

    @Test
    void shouldRejectNegativeCount()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> WarmSpares.setCount(-1));
        assertTrue(ex.getMessage().contains("count=-1"), ex.getMessage());
    }

    @Test
    void shouldRejectCountPropertyThatIsNotNumber()
    {
        WarmSpares.setCountUnset();
        System.setProperty(WarmSpares.SPARES_PROPERTY, "many");
        try
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, WarmSpares::count);
            assertTrue(ex.getMessage().contains("mproc.spares=many"), ex.getMessage());
        }
        finally
        {
            System.clearProperty(WarmSpares.SPARES_PROPERTY);
        }
    }

    private ChildProcess track(final ChildProcess child)
    {
        children.add(child);
        return child;
    }

    /**
     * @return utime + stime of a process, in clock ticks, or -1 when it has no /proc entry.
     */
    static long cpuTicks(final long pid)
    {
        try
        {
            final String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat(5)
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * @return VmRSS of a process, in KiB, or -1 when it has no /proc entry.
     */
    static long residentKib(final long pid)
    {
        try
        {
            for (final String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                }
            }
            return -1;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * @return true while the process exists and is not a zombie (the spare of a dead parent is reaped by whoever
     * adopts it, which in a container may be never).
     */
    static boolean isRunning(final long pid)
    {
        try
        {
            final String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            return 'Z' != stat.charAt(stat.lastIndexOf(')') + 2);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    static void doNothing()
    {
    }

    static void printNameAndExit(final int exitCode)
    {
        System.out.println(ChildProcess.current().name() + " " + ChildProcess.current().parentPid());
        System.exit(exitCode);
    }

    static void printProperty(final String key)
    {
        System.out.println(System.getProperty(key));
    }
}
