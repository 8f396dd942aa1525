package io.mproc.journal;

import net.openhft.chronicle.queue.RollCycle;

/**
 * Converts between a message's append time (epoch ms) and what its header stores: milliseconds since the start of
 * the Chronicle cycle the message lies in ({@link JournalDescriptor}). The cycle is known from the message's index,
 * so an int within the cycle gives back the exact epoch time while the header stays 8 bytes.
 */
final class CycleTime
{
    /**
     * Longest cycle accepted: the offset within a cycle must fit an int, with room to spare for a clock that
     * moves between Chronicle choosing the cycle and the append reading the time (about 12.4 days).
     */
    static final long MAX_CYCLE_LENGTH_MS = 1L << 30;

    private final RollCycle rollCycle;
    private final long epochMs;
    private final long cycleLengthMs;

    /**
     * @param rollCycle the journal's roll cycle.
     * @param epochMs   the time cycle 0 starts at (Chronicle's queue epoch).
     */
    CycleTime(final RollCycle rollCycle, final long epochMs)
    {
        this.rollCycle = rollCycle;
        this.epochMs = epochMs;
        this.cycleLengthMs = rollCycle.lengthInMillis();
    }

    /**
     * @return the start of {@code cycle}, epoch ms.
     */
    long cycleStartMs(final int cycle)
    {
        return epochMs + cycle * cycleLengthMs;
    }

    /**
     * @return the cycle holding {@code timeMs}, epoch ms.
     */
    int cycleOf(final long timeMs)
    {
        return (int)Math.floorDiv(timeMs - epochMs, cycleLengthMs);
    }

    /**
     * @param timeMs an append time, epoch ms.
     * @param cycle  the cycle the message is written in.
     * @return the time as stored in the header (saturated, should the clock have jumped by weeks in between).
     */
    int timeInCycleMs(final long timeMs, final int cycle)
    {
        final long offset = timeMs - cycleStartMs(cycle);
        return (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, offset));
    }

    /**
     * @param index        a message's journal index.
     * @param timeInCycleMs its header's time.
     * @return its append time, epoch ms.
     */
    long appendTimeMs(final long index, final int timeInCycleMs)
    {
        return cycleStartMs(rollCycle.toCycle(index)) + timeInCycleMs;
    }
}
