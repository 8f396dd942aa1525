package io.mproc;

import java.util.Collection;

/**
 * A context URI that {@link Multiprocessing#context(String)} cannot open: malformed, or of a scheme no backend on the
 * class path serves. The message names the URI, what is wrong with it, the schemes available and what to do.
 */
public final class ContextUriException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String uri;

    ContextUriException(final String uri, final String problem, final Collection<String> schemes, final String advice)
    {
        super(problem + ": uri=" + uri + " (schemes available: " + String.join(", ", schemes) + "; " + advice + ')');
        this.uri = uri;
    }

    /**
     * @return the URI as given.
     */
    public String uri()
    {
        return uri;
    }
}
