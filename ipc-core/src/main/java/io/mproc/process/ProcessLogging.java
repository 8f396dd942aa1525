package io.mproc.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.Locale;

/**
 * The switch for lifecycle logging: the events of Python's {@code multiprocessing.log_to_stderr()} ("child process
 * calling self.run()", "process shutting down", "process exiting with exitcode N", "calling join() for process
 * Process-N", "calling terminate() for daemon Process-N"), plus a few DEBUG events of mproc's own.
 * <p>
 * Off by default. Turn it on with one of:
 * <ul>
 *     <li>{@link #enable(Level)}: events go to SLF4J, logger {@value #LOGGER_NAME}, as {@code [Process-1] message};
 *     the SLF4J backend's own level for that logger must let them through too;</li>
 *     <li>{@link #logToStderr(Level)}: Python's twin, {@code [INFO/Process-1] message} straight on {@code System.err},
 *     whatever the SLF4J backend;</li>
 *     <li>the system property {@value #LOG_PROPERTY}: {@code INFO} or {@code DEBUG} (SLF4J), {@code stderr} or
 *     {@code stderr:DEBUG} (stderr), {@code off}.</li>
 * </ul>
 * Children started after the switch inherit it. SLF4J is only loaded when its sink is chosen, so a child
 * without logging does not pay for it at start-up. Thread-safe.
 */
public final class ProcessLogging
{
    /** System property that turns lifecycle logging on: {@code INFO}, {@code DEBUG}, {@code stderr[:LEVEL]}, {@code off}. */
    public static final String LOG_PROPERTY = "mproc.log";
    /** Name of the SLF4J logger that receives the events. */
    public static final String LOGGER_NAME = "io.mproc.process";

    private static final String OFF = "off";
    private static final String STDERR = "stderr";

    private static volatile Level level;
    private static volatile boolean toStderr;

    static
    {
        configure(System.getProperty(LOG_PROPERTY, OFF));
    }

    private ProcessLogging()
    {
    }

    /**
     * Sends lifecycle events at {@code level} or above to SLF4J.
     *
     * @param level {@link Level#INFO} for Python's events, {@link Level#DEBUG} for more.
     */
    public static void enable(final Level level)
    {
        set(level, false);
    }

    /**
     * Prints lifecycle events at {@code level} or above on {@code System.err} as Python's {@code log_to_stderr()}
     * does: {@code [INFO/Process-1] child process calling self.run()}.
     *
     * @param level {@link Level#INFO} for Python's events, {@link Level#DEBUG} for more.
     */
    public static void logToStderr(final Level level)
    {
        set(level, true);
    }

    /**
     * Turns lifecycle logging off (the default).
     */
    public static void disable()
    {
        level = null;
        toStderr = false;
    }

    /**
     * @param eventLevel of an event.
     * @return true when events of that level are logged.
     */
    public static boolean isEnabled(final Level eventLevel)
    {
        final Level threshold = level;
        return null != threshold && eventLevel.toInt() >= threshold.toInt();
    }

    /**
     * @return the current setting in the syntax of {@value #LOG_PROPERTY}, which is how children inherit it.
     */
    static String setting()
    {
        final Level threshold = level;
        if (null == threshold)
        {
            return OFF;
        }
        return toStderr ? STDERR + ":" + threshold : threshold.toString();
    }

    /**
     * @param setting in the syntax of {@value #LOG_PROPERTY}.
     * @throws IllegalArgumentException naming the setting when it cannot be parsed.
     */
    static void configure(final String setting)
    {
        final String trimmed = null == setting ? OFF : setting.trim();
        if (trimmed.isEmpty() || OFF.equalsIgnoreCase(trimmed))
        {
            disable();
            return;
        }
        final String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(STDERR))
        {
            final String rest = trimmed.substring(STDERR.length());
            set(rest.isEmpty() ? Level.INFO : parseLevel(rest.startsWith(":") ? rest.substring(1) : rest, setting), true);
        }
        else
        {
            set(parseLevel(trimmed, setting), false);
        }
    }

    static void info(final String message)
    {
        log(Level.INFO, message, null);
    }

    /**
     * Logs {@code message + detail}, concatenated only when the event is logged: a child that logs nothing never
     * bootstraps {@code StringConcatFactory}, which costs it ~10 ms at start-up.
     */
    static void info(final String message, final Object detail)
    {
        log(Level.INFO, message, detail);
    }

    static void debug(final String message)
    {
        log(Level.DEBUG, message, null);
    }

    static void debug(final String message, final Object detail)
    {
        log(Level.DEBUG, message, detail);
    }

    private static void log(final Level eventLevel, final String message, final Object detail)
    {
        if (!isEnabled(eventLevel))
        {
            return;
        }
        final StringBuilder text = new StringBuilder(message);
        if (null != detail)
        {
            text.append(detail);
        }
        final String processName = CurrentProcess.get().name();
        if (toStderr)
        {
            System.err.println(new StringBuilder(text.length() + 32)
                .append('[').append(eventLevel).append('/').append(processName).append("] ").append(text));
        }
        else
        {
            Slf4j.LOGGER.atLevel(eventLevel).log("[{}] {}", processName, text);
        }
    }

    private static void set(final Level newLevel, final boolean newToStderr)
    {
        if (null == newLevel)
        {
            throw new IllegalArgumentException("level must not be null; use disable() to turn logging off");
        }
        toStderr = newToStderr;
        level = newLevel;
    }

    private static Level parseLevel(final String name, final String setting)
    {
        try
        {
            return Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown " + LOG_PROPERTY +
                " setting, expected INFO, DEBUG, stderr[:LEVEL] or off: setting=" + setting, ex);
        }
    }

    /**
     * Holder, so that SLF4J (and its provider lookup) is only loaded when its sink is used.
     */
    private static final class Slf4j
    {
        static final Logger LOGGER = LoggerFactory.getLogger(LOGGER_NAME);
    }
}
