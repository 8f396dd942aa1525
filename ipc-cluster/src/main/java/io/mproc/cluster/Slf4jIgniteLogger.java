package io.mproc.cluster;

import org.apache.ignite.IgniteLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ignite's log, through SLF4J like the rest of mproc (Ignite's own SLF4J bridge is a separate artifact; this is all
 * of it that mproc needs). {@link #isQuiet()} is true, so Ignite prints nothing on the console by itself.
 */
final class Slf4jIgniteLogger implements IgniteLogger
{
    private final Logger logger;

    Slf4jIgniteLogger()
    {
        this(LoggerFactory.getLogger("org.apache.ignite"));
    }

    private Slf4jIgniteLogger(final Logger logger)
    {
        this.logger = logger;
    }

    @Override
    public IgniteLogger getLogger(final Object category)
    {
        if (null == category)
        {
            return this;
        }
        final String name = category instanceof Class ? ((Class<?>)category).getName() : String.valueOf(category);
        return new Slf4jIgniteLogger(LoggerFactory.getLogger(name));
    }

    @Override
    public void trace(final String message)
    {
        logger.trace(message);
    }

    @Override
    public void debug(final String message)
    {
        logger.debug(message);
    }

    @Override
    public void info(final String message)
    {
        logger.info(message);
    }

    @Override
    public void warning(final String message, final Throwable error)
    {
        logger.warn(message, error);
    }

    @Override
    public void error(final String message, final Throwable error)
    {
        logger.error(message, error);
    }

    @Override
    public boolean isTraceEnabled()
    {
        return logger.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled()
    {
        return logger.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled()
    {
        return logger.isInfoEnabled();
    }

    @Override
    public boolean isQuiet()
    {
        return false;
    }

    @Override
    public String fileName()
    {
        return null;
    }
}
