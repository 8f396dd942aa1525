package io.mproc.sync;

import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.SharedObject;

import java.util.concurrent.TimeUnit;

/**
 * A flag that processes wait for, shared by name: Python's {@code multiprocessing.Event}. {@link #set()} wakes every
 * waiter; {@link #clear()} resets it; {@link #await(long, TimeUnit)} returns at once while it is set. Thread-safe
 * and process-safe. Waiting follows the handle's {@link WaitStrategy}.
 * <p>
 * No ownership: an event has no owner to die, so it needs no recovery.
 */
public final class Event extends SharedObject implements SharedEvent
{
    private static final long serialVersionUID = 1L;
    private final transient int setIndex;
    private final transient int clearIndex;
    private final transient WaitWord word;
    private final transient WaitStrategy strategy;
    private final transient WaitCondition isSetCondition = this::isSetVolatile;

    private Event(final MappedRegion region, final WaitStrategy strategy)
    {
        super(region);
        this.setIndex = region.bodyOffset() + EventDescriptor.SET_SEQUENCE_OFFSET;
        this.clearIndex = region.bodyOffset() + EventDescriptor.CLEAR_SEQUENCE_OFFSET;
        this.word = new WaitWord(buffer, region.bodyOffset() + EventDescriptor.WAIT_WORD_OFFSET);
        this.strategy = strategy;
    }

    /**
     * Creates a new event, clear, with the namespace's default wait strategy; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the event.
     * @return the event.
     */
    public static Event create(final Namespace namespace, final String name)
    {
        return create(namespace, name, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Creates a new event, clear; fails if the name exists.
     *
     * @param namespace to create it in.
     * @param name      of the event.
     * @param strategy  how this handle waits; it also decides whether setters wake sleepers ({@link WaitWord}).
     * @return the event.
     */
    public static Event create(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return of(namespace.create(name, EventDescriptor.SPEC, (buffer, offset, length) ->
            WaitWord.initialise(buffer, offset + EventDescriptor.WAIT_WORD_OFFSET, strategy)), strategy);
    }

    /**
     * Opens the event of that name, creating it clear if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the event.
     * @return the event.
     */
    public static Event createOrOpen(final Namespace namespace, final String name)
    {
        return createOrOpen(namespace, name, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens the event of that name, creating it clear if it does not exist.
     *
     * @param namespace to open it in.
     * @param name      of the event.
     * @param strategy  how this handle waits.
     * @return the event.
     */
    public static Event createOrOpen(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return of(namespace.createOrOpen(name, EventDescriptor.SPEC, (buffer, offset, length) ->
            WaitWord.initialise(buffer, offset + EventDescriptor.WAIT_WORD_OFFSET, strategy)), strategy);
    }

    /**
     * Opens an existing event with the namespace's default wait strategy.
     *
     * @param namespace to open it in.
     * @param name      of the event.
     * @return the event.
     */
    public static Event open(final Namespace namespace, final String name)
    {
        return open(namespace, name, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens an existing event.
     *
     * @param namespace to open it in.
     * @param name      of the event.
     * @param strategy  how this handle waits.
     * @return the event.
     */
    public static Event open(final Namespace namespace, final String name, final WaitStrategy strategy)
    {
        return of(namespace.open(name, EventDescriptor.SPEC), strategy);
    }

    /**
     * Sets the flag and wakes every waiter. Costs one atomic increment (plus one load where waiters may sleep) when
     * nobody sleeps.
     */
    public void set()
    {
        ensureOpen();
        // Atomic, so that the sequence only grows whatever the setters; also the full fence that pairs with a
        // sleeper's announcement before the wake check (see WaitWord).
        buffer.getAndAddLong(setIndex, 1);
        word.wake(Integer.MAX_VALUE);
    }

    /**
     * Clears the flag; later waits block until the next {@link #set()}.
     */
    public void clear()
    {
        ensureOpen();
        final long set = buffer.getLongVolatile(setIndex);
        long cleared = buffer.getLongVolatile(clearIndex);
        while (cleared < set)
        {
            if (buffer.compareAndSetLong(clearIndex, cleared, set))
            {
                return;
            }
            cleared = buffer.getLongVolatile(clearIndex);
        }
    }

    /**
     * @return true while the flag is set.
     */
    public boolean isSet()
    {
        ensureOpen();
        return isSetVolatile();
    }

    /**
     * Waits until the flag is set.
     *
     * @throws InterruptedException when interrupted before or while waiting.
     */
    public void await() throws InterruptedException
    {
        await(WaitStrategy.FOREVER, TimeUnit.NANOSECONDS);
    }

    /**
     * Waits until the flag is set or the timeout passes: Python's {@code Event.wait(timeout)}.
     *
     * @param time to wait.
     * @param unit of {@code time}.
     * @return true when the flag is set, false on timeout.
     * @throws InterruptedException when interrupted before or while waiting.
     */
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        ensureOpen();
        if (isSetVolatile())
        {
            return true;
        }
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        return strategy.await(word, isSetCondition, unit.toNanos(time), true);
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
        return "Event{name=" + name() + (isClosed() ? ", closed" : ", set=" + isSetVolatile()) + '}';
    }

    private boolean isSetVolatile()
    {
        final long cleared = buffer.getLongVolatile(clearIndex);
        return buffer.getLongVolatile(setIndex) > cleared;
    }

    private static Event of(final MappedRegion region, final WaitStrategy strategy)
    {
        try
        {
            return new Event(region, strategy);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * @return the wait word its waiters sleep on; for tests.
     */
    WaitWord waitWord()
    {
        return word;
    }
}
