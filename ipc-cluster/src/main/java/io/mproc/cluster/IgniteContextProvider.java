package io.mproc.cluster;

import io.mproc.Context;
import io.mproc.ContextOptions;
import io.mproc.spi.ContextProvider;

import java.net.URI;

/**
 * The {@code ignite://} backend of the front door, found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.mproc.spi.ContextProvider}: with {@code ipc-cluster} on the class path,
 * {@code Multiprocessing.context("ignite://127.0.0.1:47500..47509/app")} opens an {@link IgniteContext}.
 */
public final class IgniteContextProvider implements ContextProvider
{
    @Override
    public String scheme()
    {
        return ClusterUri.SCHEME;
    }

    @Override
    public Context open(final URI uri, final ContextOptions options)
    {
        return IgniteContext.open(ClusterUri.parse(uri), options);
    }
}
