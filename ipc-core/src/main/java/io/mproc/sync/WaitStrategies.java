package io.mproc.sync;

import io.mproc.memory.Namespace;

import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which {@link WaitStrategy} a synchronisation object gets when its factory is not given one: the namespace's
 * default if one was set in this process, else the process default, which is {@link SpinThenBlockWaitStrategy} unless
 * the system property {@value #PROPERTY} names another ({@code spin-then-block}, {@code blocking}, {@code backoff},
 * {@code busy-spin}). Thread-safe.
 */
public final class WaitStrategies
{
    /** System property naming the process default. */
    public static final String PROPERTY = "mproc.sync.waitStrategy";

    private static final Map<Namespace, WaitStrategy> BY_NAMESPACE = new WeakHashMap<>();
    private static final WaitStrategy PROCESS_DEFAULT = byName(System.getProperty(PROPERTY, "spin-then-block"));

    private WaitStrategies()
    {
    }

    /**
     * @param name {@code spin-then-block}, {@code blocking}, {@code backoff} or {@code busy-spin} (case and
     *             {@code _}/{@code -} ignored).
     * @return the strategy with its defaults.
     * @throws IllegalArgumentException for another name.
     */
    public static WaitStrategy byName(final String name)
    {
        switch (name.trim().toLowerCase(Locale.ROOT).replace('_', '-'))
        {
            case "spin-then-block":
                return SpinThenBlockWaitStrategy.DEFAULT;
            case "blocking":
                return BlockingWaitStrategy.INSTANCE;
            case "backoff":
                return new BackoffWaitStrategy();
            case "busy-spin":
                return BusySpinWaitStrategy.INSTANCE;
            default:
                throw new IllegalArgumentException(
                    "unknown wait strategy, expected spin-then-block|blocking|backoff|busy-spin: name=" + name);
        }
    }

    /**
     * @return the process default.
     */
    public static WaitStrategy processDefault()
    {
        return PROCESS_DEFAULT;
    }

    /**
     * Sets the strategy that objects created or opened through {@code namespace} in this process get by default.
     *
     * @param namespace to set it for.
     * @param strategy  the default, or null to fall back to the process default.
     */
    public static void setDefault(final Namespace namespace, final WaitStrategy strategy)
    {
        synchronized (BY_NAMESPACE)
        {
            if (null == strategy)
            {
                BY_NAMESPACE.remove(namespace);
            }
            else
            {
                BY_NAMESPACE.put(namespace, strategy);
            }
        }
    }

    /**
     * @param namespace an object is created or opened in.
     * @return the strategy it gets by default.
     */
    public static WaitStrategy defaultFor(final Namespace namespace)
    {
        synchronized (BY_NAMESPACE)
        {
            final WaitStrategy strategy = BY_NAMESPACE.get(namespace);
            return null == strategy ? PROCESS_DEFAULT : strategy;
        }
    }
}
