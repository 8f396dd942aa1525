package io.mproc.spi;

import io.mproc.Context;
import io.mproc.ContextOptions;

import java.net.URI;

/**
 * A backend for {@link io.mproc.Multiprocessing#context(String)}, found with {@link java.util.ServiceLoader}:
 * a module such as {@code ipc-cluster} lists its provider in
 * {@code META-INF/services/io.mproc.spi.ContextProvider}, so that {@code ipc-core} never depends on it.
 */
public interface ContextProvider
{
    /** @return the URI scheme this provider serves, e.g. {@code "ignite"}. */
    String scheme();

    /**
     * Opens a context on the URI.
     *
     * @param uri     a URI of this provider's {@link #scheme()}.
     * @param options the options for every object of the context.
     * @return the open context; the caller closes it.
     */
    Context open(URI uri, ContextOptions options);
}
