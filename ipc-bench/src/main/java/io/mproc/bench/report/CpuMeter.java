package io.mproc.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How much CPU other processes burnt while the report ran: the whole machine's busy time ({@code /proc/stat}) less
 * this JVM's and its waited-for children's (the JMH forks, their peers, the Python peer: {@code /proc/self/stat}).
 * A large figure means the run was disturbed and its numbers are worth less. Linux only; elsewhere null.
 */
public final class CpuMeter
{
    private final double machineStart;
    private final double ownStart;

    private CpuMeter(final double machineStart, final double ownStart)
    {
        this.machineStart = machineStart;
        this.ownStart = ownStart;
    }

    /**
     * @return a meter started now.
     */
    public static CpuMeter start()
    {
        return new CpuMeter(machineBusySeconds(), ownSeconds());
    }

    /**
     * @return CPU seconds used by other processes since {@link #start()}, or null where it cannot be read.
     */
    public Double otherSeconds()
    {
        final double machine = machineBusySeconds();
        final double own = ownSeconds();
        if (Double.isNaN(machine) || Double.isNaN(own) || Double.isNaN(machineStart) || Double.isNaN(ownStart))
        {
            return null;
        }
        return Math.max(0, (machine - machineStart) - (own - ownStart));
    }

    private static double machineBusySeconds()
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            final String[] fields = lines.get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8 && i < fields.length; i++)
            {
                // user nice system idle iowait irq softirq steal: all but idle (4) and iowait (5)
                busy += 4 == i || 5 == i ? 0 : Long.parseLong(fields[i]);
            }
            return busy / 100.0;
        }
        catch (final IOException | RuntimeException ex)
        {
            return Double.NaN;
        }
    }

    private static double ownSeconds()
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which may hold spaces) start at state, field 3.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = 0;
            for (int field = 14; field <= 17; field++)
            {
                ticks += Long.parseLong(fields[field - 3]);
            }
            return ticks / 100.0;
        }
        catch (final IOException | RuntimeException ex)
        {
            return Double.NaN;
        }
    }
}
