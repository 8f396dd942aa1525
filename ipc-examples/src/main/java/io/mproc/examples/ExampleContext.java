package io.mproc.examples;

import io.mproc.Context;
import io.mproc.ContextOptions;
import io.mproc.Multiprocessing;

/**
 * Where the examples make their shared objects: the context named by the runner's {@code --context URI} (passed on
 * to every example's JVM as the system property {@value #PROPERTY}), else a temporary shared-memory namespace,
 * deleted with its files when the example ends.
 */
final class ExampleContext
{
    /** The system property that carries {@code --context}. */
    static final String PROPERTY = "mproc.examples.context";

    private ExampleContext()
    {
    }

    /**
     * @return the examples' context; the caller closes it.
     */
    static Context open()
    {
        return open(ContextOptions.defaults());
    }

    /**
     * @param options for every object of the context.
     * @return the examples' context; the caller closes it.
     */
    static Context open(final ContextOptions options)
    {
        final String uri = System.getProperty(PROPERTY);
        return null == uri || uri.isBlank() ? Multiprocessing.context(options) : Multiprocessing.context(uri, options);
    }

    /**
     * @param base the name the example gives an object.
     * @return the name to use: {@code base} in a temporary namespace of its own; in a context given by URI, which
     * outlives the run and may hold a former run's objects, {@code base} and this process's pid.
     */
    static String name(final String base)
    {
        final String uri = System.getProperty(PROPERTY);
        return null == uri || uri.isBlank() ? base : base + '-' + ProcessHandle.current().pid();
    }
}
