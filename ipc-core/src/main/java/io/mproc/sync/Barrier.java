package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionSpec;
import io.mproc.memory.SharedObject;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.mproc.sync.BarrierDescriptor.count;
import static io.mproc.sync.BarrierDescriptor.generation;
import static io.mproc.sync.BarrierDescriptor.history;
import static io.mproc.sync.BarrierDescriptor.state;

/**
 * A cyclic barrier for a fixed number of parties in any processes, shared by name: Python's
 * {@code multiprocessing.Barrier}, with the behaviour of {@link java.util.concurrent.CyclicBarrier}. Thread-safe
 * and process-safe; waiting follows the handle's {@link WaitStrategy}.
 * <p>
 * {@link #await()} returns once {@code parties} threads have arrived; the barrier then starts its next generation.
 * A wait that times out or is interrupted <i>breaks</i> the barrier: every other waiter of that generation, and every
 * later arrival until {@link #reset()}, gets {@link BrokenBarrierException}; so does {@link #abort()}. The handle's
 * optional action runs in the last party to arrive before the others are released; if it throws, the barrier
 * breaks and the exception reaches that party.
 * <p>
 * <b>Parties that die.</b> The barrier counts arrivals; it does not know which processes are meant to arrive.
 * <ul>
 *     <li>A party whose process dies <i>after arriving</i> (while waiting in {@code await}) still counts: the barrier
 *     passes once the other parties arrive, as if the dead party had passed and then died, and nobody is told.</li>
 *     <li>A party that dies <i>before arriving</i> cannot be told from a late one: the others wait for it until their
 *     timeouts, the first timeout breaks the barrier, and the rest get {@link BrokenBarrierException}. An
 *     {@link #await()} without timeout waits until someone calls {@link #abort()} or {@link #reset()}, unless the
 *     barrier was created with a default timeout.</li>
 * </ul>
 * So where a party may die, use timed waits, create the barrier with a <b>default timeout</b> (Python's
 * {@code Barrier(parties, action, timeout)}: stored in the barrier, it bounds every {@link #await()} without a timeout
 * of its own, in every process that opens it), or have whoever watches the processes (a parent joining its children)
 * call {@link #abort()} when one dies.
 */
public final class Barrier extends SharedObject implements SharedBarrier
{
    private static final long serialVersionUID = 1L;

    private final transient int stateIndex;
    private final transient int parties;
    private final transient WaitWord word;
    private final transient WaitStrategy strategy;
    private final transient Runnable action;
    private final transient long defaultTimeoutNs;

    private Barrier(final MappedRegion region, final WaitStrategy strategy, final Runnable action)
    {
        super(region);
        this.stateIndex = region.bodyOffset() + BarrierDescriptor.STATE_OFFSET;
        this.parties = buffer.getInt(region.bodyOffset() + BarrierDescriptor.PARTIES_OFFSET);
        if (parties < 1 || parties > BarrierDescriptor.MAX_PARTIES || parties != region.length())
        {
            throw new IllegalStateException("barrier parties out of range or not as its header records: parties=" +
                parties + ", length=" + region.length() + ", barrier=" + region.path());
        }
        this.word = new WaitWord(buffer, region.bodyOffset() + BarrierDescriptor.WAIT_WORD_OFFSET);
        this.defaultTimeoutNs = buffer.getLong(region.bodyOffset() + BarrierDescriptor.DEFAULT_TIMEOUT_OFFSET);
        if (defaultTimeoutNs < 0)
        {
            throw new IllegalStateException("barrier default timeout is negative: defaultTimeoutNs=" +
                defaultTimeoutNs + ", barrier=" + region.path());
        }
        this.strategy = strategy;
        this.action = action;
    }

    /**
     * Creates a new barrier with the namespace's default wait strategy and no action; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the barrier.
     * @param parties   that must arrive to trip it.
     * @return the barrier.
     */
    public static Barrier create(final Namespace namespace, final String name, final int parties)
    {
        return create(namespace, name, parties, WaitStrategies.defaultFor(namespace), null);
    }

    /**
     * Creates a new barrier; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the barrier.
     * @param parties   that must arrive to trip it.
     * @param strategy  how this handle waits; it also decides whether the last party wakes sleepers.
     * @param action    run by the last party to arrive through this handle, or null.
     * @return the barrier.
     */
    public static Barrier create(
        final Namespace namespace,
        final String name,
        final int parties,
        final WaitStrategy strategy,
        final Runnable action)
    {
        return create(namespace, name, parties, strategy, action, null);
    }

    /**
     * Creates a new barrier with a default timeout (Python's {@code Barrier(parties, action, timeout)}); fails if the
     * name exists.
     *
     * @param namespace      to create it in.
     * @param name           of the barrier.
     * @param parties        that must arrive to trip it.
     * @param strategy       how this handle waits; it also decides whether the last party wakes sleepers.
     * @param action         run by the last party to arrive through this handle, or null.
     * @param defaultTimeout how long an {@link #await()} without a timeout of its own waits, in any process, before
     *                       the barrier breaks; null for no limit. Stored in the barrier.
     * @return the barrier.
     * @throws IllegalArgumentException when the default timeout is zero or negative.
     */
    public static Barrier create(
        final Namespace namespace,
        final String name,
        final int parties,
        final WaitStrategy strategy,
        final Runnable action,
        final Duration defaultTimeout)
    {
        final long defaultTimeoutNs = defaultTimeoutNs(defaultTimeout);
        return of(namespace.create(name, BarrierDescriptor.spec(parties), (buffer, offset, length) ->
            initialise(buffer, offset, parties, defaultTimeoutNs, strategy)), strategy, action);
    }

    /**
     * Opens the barrier of that name, creating it if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the barrier.
     * @param parties   that must arrive to trip it; must match an existing barrier's.
     * @return the barrier.
     */
    public static Barrier createOrOpen(final Namespace namespace, final String name, final int parties)
    {
        return createOrOpen(namespace, name, parties, WaitStrategies.defaultFor(namespace), null);
    }

    /**
     * Opens the barrier of that name, creating it if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the barrier.
     * @param parties   that must arrive to trip it; must match an existing barrier's.
     * @param strategy  how this handle waits.
     * @param action    run by the last party to arrive through this handle, or null.
     * @return the barrier.
     */
    public static Barrier createOrOpen(
        final Namespace namespace,
        final String name,
        final int parties,
        final WaitStrategy strategy,
        final Runnable action)
    {
        return of(namespace.createOrOpen(name, BarrierDescriptor.spec(parties), (buffer, offset, length) ->
            initialise(buffer, offset, parties, BarrierDescriptor.NO_DEFAULT_TIMEOUT, strategy)), strategy, action);
    }

    /**
     * Opens an existing barrier with the namespace's default wait strategy and no action.
     *
     * @param namespace to open it in.
     * @param name      of the barrier.
     * @return the barrier.
     */
    public static Barrier open(final Namespace namespace, final String name)
    {
        return open(namespace, name, WaitStrategies.defaultFor(namespace), null);
    }

    /**
     * Opens an existing barrier.
     *
     * @param namespace to open it in.
     * @param name      of the barrier.
     * @param strategy  how this handle waits.
     * @param action    run by the last party to arrive through this handle, or null.
     * @return the barrier.
     */
    public static Barrier open(
        final Namespace namespace, final String name, final WaitStrategy strategy, final Runnable action)
    {
        return of(namespace.open(name, BarrierDescriptor.spec(RegionSpec.ANY_LENGTH)), strategy, action);
    }

    /**
     * Waits until every party has arrived, or for the barrier's default timeout if it has one; without one, forever
     * if a party died before arriving and nobody calls {@link #abort()} (see the class comment).
     *
     * @return the arrival index: 0 for the first party to arrive, {@code parties - 1} for the last (Python's).
     * @throws BrokenBarrierException when the barrier is or becomes broken while waiting, or when the default
     *                                timeout passes first (it breaks the barrier, as Python's {@code wait()} does;
     *                                the cause is then a {@link TimeoutException}).
     * @throws InterruptedException   when interrupted before or while waiting (the barrier breaks).
     */
    public int await() throws InterruptedException, BrokenBarrierException
    {
        try
        {
            return awaitGeneration(BarrierDescriptor.NO_DEFAULT_TIMEOUT == defaultTimeoutNs ?
                WaitStrategy.FOREVER : defaultTimeoutNs);
        }
        catch (final TimeoutException ex)
        {
            final BrokenBarrierException broken = new BrokenBarrierException("the barrier's default timeout of " +
                TimeUnit.NANOSECONDS.toMillis(defaultTimeoutNs) + " ms passed: " + path());
            broken.initCause(ex);
            throw broken;
        }
    }

    /**
     * @return the default timeout an {@link #await()} without a timeout of its own waits, or null when it has none.
     */
    public Duration defaultTimeout()
    {
        return BarrierDescriptor.NO_DEFAULT_TIMEOUT == defaultTimeoutNs ? null : Duration.ofNanos(defaultTimeoutNs);
    }

    /**
     * Waits until every party has arrived or the timeout passes.
     *
     * @param time longest wait.
     * @param unit of {@code time}.
     * @return the arrival index: 0 for the first party to arrive, {@code parties - 1} for the last (Python's).
     * @throws BrokenBarrierException when the barrier is or becomes broken while waiting.
     * @throws InterruptedException   when interrupted before or while waiting (the barrier breaks).
     * @throws TimeoutException       when the timeout passed first (the barrier breaks).
     */
    public int await(final long time, final TimeUnit unit)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        return awaitGeneration(Math.max(0, unit.toNanos(time)));
    }

    /**
     * Puts the barrier back to its empty state. Parties waiting now get {@link BrokenBarrierException}; a broken
     * barrier becomes usable again.
     */
    public void reset()
    {
        ensureOpen();
        while (true)
        {
            final long current = buffer.getLongVolatile(stateIndex);
            if (0 == count(current) && !BarrierDescriptor.isBroken(current))
            {
                return;
            }
            final int history = (history(current) << 1) | 1;
            if (buffer.compareAndSetLong(stateIndex, current, state(generation(current) + 1, history, false, 0)))
            {
                word.wake(Integer.MAX_VALUE);
                return;
            }
        }
    }

    /**
     * Breaks the barrier: parties waiting now and arriving later get {@link BrokenBarrierException} until
     * {@link #reset()}. Python's {@code abort()}.
     */
    public void abort()
    {
        ensureOpen();
        breakGeneration(-1);
    }

    /**
     * @return true while the current generation is broken.
     */
    public boolean isBroken()
    {
        ensureOpen();
        return BarrierDescriptor.isBroken(buffer.getLongVolatile(stateIndex));
    }

    /**
     * @return the parties needed to trip the barrier.
     */
    public int parties()
    {
        return parties;
    }

    /**
     * @return parties waiting now: Python's {@code n_waiting}.
     */
    public int numberWaiting()
    {
        ensureOpen();
        final int count = count(buffer.getLongVolatile(stateIndex));
        return Math.min(count, parties - 1);
    }

    /**
     * @return this handle's wait strategy.
     */
    public WaitStrategy waitStrategy()
    {
        return strategy;
    }

    public String toString()
    {
        if (isClosed())
        {
            return "Barrier{name=" + name() + ", closed}";
        }
        final long state = buffer.getLongVolatile(stateIndex);
        return "Barrier{name=" + name() + ", parties=" + parties +
            (BarrierDescriptor.NO_DEFAULT_TIMEOUT == defaultTimeoutNs ? "" : ", defaultTimeout=" + defaultTimeout()) +
            ", generation=" + generation(state) +
            ", arrived=" + count(state) + (BarrierDescriptor.isBroken(state) ? ", broken" : "") + '}';
    }

    private static long defaultTimeoutNs(final Duration defaultTimeout)
    {
        if (null == defaultTimeout)
        {
            return BarrierDescriptor.NO_DEFAULT_TIMEOUT;
        }
        if (defaultTimeout.isZero() || defaultTimeout.isNegative())
        {
            throw new IllegalArgumentException("default timeout must be positive, or null for none: defaultTimeout=" +
                defaultTimeout);
        }
        try
        {
            return defaultTimeout.toNanos();
        }
        catch (final ArithmeticException ex)
        {
            return Long.MAX_VALUE; // ~292 years: no limit in practice
        }
    }

    private static void initialise(
        final org.agrona.concurrent.AtomicBuffer buffer,
        final int offset,
        final int parties,
        final long defaultTimeoutNs,
        final WaitStrategy strategy)
    {
        buffer.putInt(offset + BarrierDescriptor.PARTIES_OFFSET, parties);
        buffer.putLong(offset + BarrierDescriptor.DEFAULT_TIMEOUT_OFFSET, defaultTimeoutNs);
        WaitWord.initialise(buffer, offset + BarrierDescriptor.WAIT_WORD_OFFSET, strategy);
    }

    private static Barrier of(final MappedRegion region, final WaitStrategy strategy, final Runnable action)
    {
        try
        {
            return new Barrier(region, strategy, action);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    private int awaitGeneration(final long timeoutNs)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        ensureOpen();
        if (Thread.interrupted())
        {
            breakGeneration(-1);
            throw new InterruptedException();
        }
        final long startNs = System.nanoTime();
        while (true)
        {
            final long current = buffer.getLongVolatile(stateIndex);
            if (BarrierDescriptor.isBroken(current))
            {
                throw new BrokenBarrierException();
            }
            final int generation = generation(current);
            final int arrived = count(current);
            if (arrived >= parties)
            {
                // The last party is running the action: wait for the next generation, then arrive in it.
                if (!awaitChange(generation, arrived, startNs, timeoutNs))
                {
                    throw new TimeoutException("barrier did not start its next generation in time: " + path());
                }
                continue;
            }
            final int index = arrived;
            if (!buffer.compareAndSetLong(stateIndex, current, state(generation, history(current), false, index + 1)))
            {
                continue;
            }
            if (index + 1 == parties)
            {
                trip(generation);
                return index;
            }
            return awaitTrip(generation, index, startNs, timeoutNs);
        }
    }

    private void trip(final int generation) throws BrokenBarrierException
    {
        if (null != action)
        {
            try
            {
                action.run();
            }
            catch (final RuntimeException | Error ex)
            {
                breakGeneration(generation);
                throw ex;
            }
        }
        while (true)
        {
            final long current = buffer.getLongVolatile(stateIndex);
            if (generation(current) != generation || BarrierDescriptor.isBroken(current))
            {
                // reset or aborted while the action ran
                throw new BrokenBarrierException();
            }
            if (buffer.compareAndSetLong(stateIndex, current, state(generation + 1, history(current) << 1, false, 0)))
            {
                word.wake(Integer.MAX_VALUE);
                return;
            }
        }
    }

    private int awaitTrip(final int generation, final int index, final long startNs, final long timeoutNs)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        final WaitCondition moved = () ->
        {
            final long state = buffer.getLongVolatile(stateIndex);
            return generation(state) != generation || BarrierDescriptor.isBroken(state);
        };
        boolean done;
        try
        {
            done = strategy.await(word, moved, Waits.remainingNs(startNs, timeoutNs), true);
        }
        catch (final InterruptedException ex)
        {
            if (breakGeneration(generation))
            {
                throw ex;
            }
            done = true; // tripped just before the interrupt: keep the interrupt for the caller
            Thread.currentThread().interrupt();
        }
        if (!done)
        {
            if (breakGeneration(generation))
            {
                throw new TimeoutException("barrier timed out: parties=" + parties + ", barrier=" + path());
            }
        }
        final long state = buffer.getLongVolatile(stateIndex);
        final int passed = generation(state) - generation;
        if (0 == passed)
        {
            throw new BrokenBarrierException(); // broken in our generation
        }
        if (passed > BarrierDescriptor.HISTORY_BITS)
        {
            throw new BrokenBarrierException(); // too long ago to tell: report the safe outcome
        }
        if (0 != (history(state) & (1 << (passed - 1))))
        {
            throw new BrokenBarrierException(); // our generation was ended by a reset
        }
        return index;
    }

    /**
     * Sets the broken bit of {@code generation} (of the current one when -1), unless it has already ended.
     *
     * @return true when the generation is broken now, false when it had tripped or been reset.
     */
    private boolean breakGeneration(final int generation)
    {
        while (true)
        {
            final long current = buffer.getLongVolatile(stateIndex);
            if (-1 != generation && generation(current) != generation)
            {
                return false;
            }
            if (BarrierDescriptor.isBroken(current))
            {
                return true;
            }
            if (buffer.compareAndSetLong(stateIndex, current,
                state(generation(current), history(current), true, count(current))))
            {
                word.wake(Integer.MAX_VALUE);
                return true;
            }
        }
    }

    private boolean awaitChange(final int generation, final int arrived, final long startNs, final long timeoutNs)
        throws InterruptedException
    {
        final WaitCondition changed = () ->
        {
            final long state = buffer.getLongVolatile(stateIndex);
            return generation(state) != generation || count(state) != arrived || BarrierDescriptor.isBroken(state);
        };
        return strategy.await(word, changed, Waits.remainingNs(startNs, timeoutNs), true);
    }
}
