package io.mproc;

import io.mproc.memory.Namespace;
import io.mproc.spi.ContextProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The entry to mproc, as Python's {@code multiprocessing} module and its {@code get_context()}: opens a
 * {@link Context}, from which a program gets every shared primitive.
 * <pre>{@code
 * try (Context mp = Multiprocessing.context("shm:orders"))   // or "ignite://127.0.0.1:47500..47509/orders"
 * {
 *     SharedLong counter = mp.longValue("counter", 0);
 *     Lock lock = mp.lock("books");
 *     BlockingQueue<String> jobs = mp.queue("jobs");
 *     try (Pool pool = mp.pool(4))
 *     {
 *         List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 *     }
 * }
 * }</pre>
 * <b>URIs.</b> {@code shm:NAME} is the shared-memory namespace of that name under {@link Namespace#defaultRoot()};
 * {@code shm:/absolute/folder} the namespace in that folder. Every other scheme is served by a
 * {@link ContextProvider} found with {@link ServiceLoader}: {@code ignite://hosts/name} by the {@code ipc-cluster}
 * module. A malformed URI, or one of a scheme nobody serves, fails with a {@link ContextUriException} that names it,
 * the schemes available and what to add.
 */
public final class Multiprocessing
{
    /** The scheme of the shared-memory backend. */
    public static final String SHM_SCHEME = "shm";

    /** What to add to the class path for the schemes mproc's own modules serve. */
    private static final Map<String, String> KNOWN_MODULES = Map.of("ignite", "io.mproc:ipc-cluster");

    private Multiprocessing()
    {
    }

    /**
     * @return a context on a fresh temporary namespace, deleted with its files when the context closes (Python's
     * default context, for one program and its children).
     */
    public static LocalContext context()
    {
        return LocalContext.temporary(ContextOptions.defaults());
    }

    /**
     * @param options for every object of the context.
     * @return a context on a fresh temporary namespace, deleted with its files when the context closes.
     */
    public static LocalContext context(final ContextOptions options)
    {
        return LocalContext.temporary(Objects.requireNonNull(options, "options"));
    }

    /**
     * @param namespace to make the objects in; stays the caller's: closing the context leaves it open.
     * @return a context on that namespace.
     */
    public static LocalContext context(final Namespace namespace)
    {
        return context(namespace, ContextOptions.defaults());
    }

    /**
     * @param namespace to make the objects in; stays the caller's: closing the context leaves it open.
     * @param options   for every object of the context.
     * @return a context on that namespace.
     */
    public static LocalContext context(final Namespace namespace, final ContextOptions options)
    {
        return LocalContext.on(Objects.requireNonNull(namespace, "namespace"),
            Objects.requireNonNull(options, "options"));
    }

    /**
     * @param uri such as {@code shm:app}, {@code shm:/dev/shm/mine/app} or {@code ignite://127.0.0.1:47500/app}.
     * @return the context; the caller closes it.
     * @throws ContextUriException when the URI is malformed or no backend serves its scheme.
     */
    public static Context context(final String uri)
    {
        return context(uri, ContextOptions.defaults());
    }

    /**
     * @param uri     such as {@code shm:app}, {@code shm:/dev/shm/mine/app} or {@code ignite://127.0.0.1:47500/app}.
     * @param options for every object of the context.
     * @return the context; the caller closes it.
     * @throws ContextUriException when the URI is malformed or no backend serves its scheme.
     */
    public static Context context(final String uri, final ContextOptions options)
    {
        Objects.requireNonNull(options, "options");
        final URI parsed = parse(uri);
        final String scheme = parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (SHM_SCHEME.equals(scheme))
        {
            return LocalContext.owning(openShmNamespace(uri, parsed), options, uri);
        }
        final Map<String, ContextProvider> providers = providers();
        final ContextProvider provider = providers.get(scheme);
        if (null == provider)
        {
            final String module = KNOWN_MODULES.get(scheme);
            throw new ContextUriException(uri, "no backend on the class path serves the scheme '" + scheme + "'",
                providers.keySet(), null == module ?
                "add the module whose ContextProvider serves '" + scheme + "' to the class path, or use shm:NAME" :
                "add " + module + " to the class path for " + scheme + "://");
        }
        return provider.open(parsed, options);
    }

    /**
     * @return the schemes this class path serves: {@code shm} and every provider's, sorted.
     */
    public static java.util.Set<String> schemes()
    {
        return providers().keySet();
    }

    private static URI parse(final String uri)
    {
        if (null == uri || uri.isBlank())
        {
            throw new ContextUriException(String.valueOf(uri), "a context URI must not be empty", schemes(),
                "give one such as shm:NAME or shm:/absolute/folder");
        }
        final URI parsed;
        try
        {
            parsed = new URI(uri);
        }
        catch (final URISyntaxException ex)
        {
            final ContextUriException failure = new ContextUriException(uri, "malformed context URI (" +
                ex.getReason() + " at index " + ex.getIndex() + ')', schemes(),
                "write it as scheme:..., such as shm:NAME or shm:/absolute/folder");
            failure.initCause(ex);
            throw failure;
        }
        if (null == parsed.getScheme())
        {
            throw new ContextUriException(uri, "a context URI needs a scheme", schemes(),
                "write shm:" + uri + " for the shared-memory namespace of that name");
        }
        return parsed;
    }

    private static Namespace openShmNamespace(final String uri, final URI parsed)
    {
        if (null != parsed.getQuery() || null != parsed.getFragment() ||
            (!parsed.isOpaque() && null != parsed.getAuthority()))
        {
            throw new ContextUriException(uri, "a shm URI takes no host, query or fragment", schemes(),
                "write shm:NAME or shm:/absolute/folder");
        }
        if (parsed.isOpaque())
        {
            final String name = parsed.getSchemeSpecificPart();
            try
            {
                Namespace.validateName(name);
            }
            catch (final IllegalArgumentException ex)
            {
                final ContextUriException failure = new ContextUriException(uri, "not a namespace name (" +
                    ex.getMessage() + ')', schemes(), "write shm:NAME or shm:/absolute/folder");
                failure.initCause(ex);
                throw failure;
            }
            return Namespace.open(name);
        }
        final String path = parsed.getPath();
        if (null == path || path.isEmpty() || "/".equals(path))
        {
            throw new ContextUriException(uri, "a shm URI needs a namespace name or folder", schemes(),
                "write shm:NAME or shm:/absolute/folder");
        }
        return Namespace.open(Paths.get(path));
    }

    private static Map<String, ContextProvider> providers()
    {
        final Map<String, ContextProvider> providers = new TreeMap<>();
        providers.put(SHM_SCHEME, null);
        for (final ContextProvider provider : ServiceLoader.load(ContextProvider.class))
        {
            providers.putIfAbsent(provider.scheme().toLowerCase(java.util.Locale.ROOT), provider);
        }
        return providers;
    }
}
