package io.mproc;

import io.mproc.spi.ContextProvider;

import java.net.URI;

/**
 * A backend found by {@link java.util.ServiceLoader} on the test class path (scheme {@code fake}): it opens a
 * temporary shared-memory context and remembers the URI and options it was given.
 */
public final class FakeContextProvider implements ContextProvider
{
    static volatile URI lastUri;
    static volatile ContextOptions lastOptions;

    @Override
    public String scheme()
    {
        return "fake";
    }

    @Override
    public Context open(final URI uri, final ContextOptions options)
    {
        lastUri = uri;
        lastOptions = options;
        return Multiprocessing.context(options);
    }
}
