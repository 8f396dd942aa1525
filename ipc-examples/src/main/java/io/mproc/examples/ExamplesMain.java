package io.mproc.examples;

import io.mproc.ContextUriException;
import io.mproc.JvmFlags;
import io.mproc.Multiprocessing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs one example by name: {@code java -jar ipc-examples/target/ipc-examples.jar <name>}, or all of them with
 * {@code all}, each in a JVM of its own. With no name it prints its usage and the list. Exits non-zero when an
 * example fails. With {@code --context URI} (or its alias {@code --cluster}) the examples make their shared objects
 * there: {@code ignite://...?mode=client} runs them on a cluster, unchanged; one that needs an object only shared
 * memory has is refused at once, with why and what to use (exit code 2), rather than run on shared memory anyway.
 */
@Command(
    name = "ipc-examples",
    mixinStandardHelpOptions = true,
    description = "Runs an mproc example: a Java twin of a Python multiprocessing example.")
public final class ExamplesMain implements Callable<Integer>
{
    private static final String MPROC_PROPERTY_PREFIX = "mproc.";
    private static final String SHARED_MEMORY = "shm";

    @Option(names = {"--context", "--cluster"}, paramLabel = "URI", description = "where the examples make their " +
        "shared objects: shm:NAME or shm:/folder (shared memory on this machine), or a cluster: " +
        "ignite://HOST:PORTS/APP?mode=client joins the servers that bin/mproc-node started (e.g. " +
        "ignite://127.0.0.1:47500..47509/app?mode=client); without mode=client this JVM is a server node of its own. " +
        "Default: a temporary shared-memory namespace per example. An example that needs an object only shared " +
        "memory has (the journal) is refused on a cluster, saying why. --cluster is the same option.")
    private String context;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the example to run, or 'all' to run every one")
    private String name;

    /**
     * @param args an example name, or none for the list.
     */
    public static void main(final String[] args)
    {
        if (args.length > 0 && "inspect".equals(args[0])) // the inspector CLI: its own command tree and exit codes
        {
            System.exit(io.mproc.examples.inspect.InspectCommand.run(
                java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        System.exit(new CommandLine(new ExamplesMain()).execute(args));
    }

    public Integer call() throws Exception
    {
        if (null == name)
        {
            CommandLine.usage(this, System.out);
            printList(System.out);
            return 0;
        }
        String backend = SHARED_MEMORY;
        if (null != context)
        {
            try
            {
                backend = Multiprocessing.validate(context).getScheme(); // a bad URI fails here, once, with what to do
            }
            catch (final ContextUriException ex)
            {
                System.err.println(ex.getMessage());
                return 2;
            }
            System.setProperty(ExampleContext.PROPERTY, context); // every example's JVM inherits mproc.* properties
        }
        if ("all".equals(name))
        {
            return runAll(backend);
        }
        final Example example = Example.byName(name);
        if (null == example)
        {
            System.err.println("unknown example: " + name);
            CommandLine.usage(this, System.err);
            printList(System.err);
            return 2;
        }
        if (!runsOn(example, backend))
        {
            System.err.println(refusal(example, backend));
            return 2;
        }
        run(example);
        return 0;
    }

    private static boolean runsOn(final Example example, final String backend)
    {
        return SHARED_MEMORY.equals(backend) || null == example.sharedMemoryOnly();
    }

    private String refusal(final Example example, final String backend)
    {
        return "example '" + example.name() + "' cannot run on the " + backend + " backend (--context " + context +
            "): " + example.sharedMemoryOnly() + ". Run it without --context, on shared memory.";
    }

    /**
     * Runs every example in turn, each in a JVM of its own, as Python runs each script in a fresh interpreter: an
     * example's end is its JVM's exit (a daemon child ends with it, the exit function joins the children and logs
     * {@code [INFO/MainProcess] process shutting down}), and no state of one example (the {@code Process-N} counter,
     * the logging switch) reaches the next.
     * <p>
     * On a backend other than shared memory, the examples that cannot run there are skipped, each with a line that
     * says why.
     *
     * @return 0, or 1 when an example failed (the others still run).
     */
    private int runAll(final String backend) throws IOException, InterruptedException
    {
        final List<String> failed = new ArrayList<>();
        for (final Example example : Example.all())
        {
            System.out.println("=== " + example.name() + ": " + example.description());
            System.out.flush();
            if (!runsOn(example, backend))
            {
                System.out.println("skipped: " + refusal(example, backend));
                System.out.println();
                continue;
            }
            final int exitCode = runInFreshJvm(example, backend);
            if (0 != exitCode)
            {
                failed.add(example.name() + " (exit code " + exitCode + ")");
            }
            System.out.println();
        }
        if (!failed.isEmpty())
        {
            System.err.println("failed examples: " + failed);
            return 1;
        }
        return 0;
    }

    /**
     * Runs {@code java <mproc's flags, or a cluster's> <this JVM's mproc.* properties> -cp <this class path>
     * ExamplesMain NAME}, its output going straight to this JVM's. Should this JVM be stopped meanwhile, the example's JVM is stopped too.
     *
     * @return the example JVM's exit code.
     */
    private static int runInFreshJvm(final Example example, final String backend)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // A jar's manifest gives its flags to `java -jar` only: say them here; a cluster's node needs Ignite's too.
        command.addAll(SHARED_MEMORY.equals(backend) ? JvmFlags.required() : JvmFlags.cluster());
        for (final String key : System.getProperties().stringPropertyNames())
        {
            if (key.startsWith(MPROC_PROPERTY_PREFIX))
            {
                command.add("-D" + key + "=" + System.getProperty(key)); // -Dmproc.root and the like
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ExamplesMain.class.getName(), example.name()));
        final Process process = new ProcessBuilder(command).inheritIO().start();
        final Thread stopExample = new Thread(process::destroy, "stop-example-" + example.name());
        Runtime.getRuntime().addShutdownHook(stopExample);
        try
        {
            return process.waitFor();
        }
        finally
        {
            Runtime.getRuntime().removeShutdownHook(stopExample);
        }
    }

    private static void run(final Example example) throws Exception
    {
        try
        {
            example.mainClass().getMethod("main", String[].class).invoke(null, (Object)new String[0]);
        }
        catch (final InvocationTargetException ex)
        {
            if (ex.getCause() instanceof Exception)
            {
                throw (Exception)ex.getCause();
            }
            throw ex;
        }
    }

    private static void printList(final PrintStream out)
    {
        out.println();
        out.println("Examples:");
        for (final Example example : Example.all())
        {
            out.printf("  %-16s %s%n", example.name(), example.description());
        }
        out.printf("  %-16s %s%n", "all", "runs every example above in turn, each in a JVM of its own");
        out.printf("%nOn a cluster (Apache Ignite), the same examples with one flag, e.g. on 3 nodes of this machine:%n" +
            "  bin/mproc-node ignite://127.0.0.1:47500..47509/app    (once per node, each in its own terminal)%n" +
            "  java -jar ipc-examples.jar --context 'ignite://127.0.0.1:47500..47509/app?mode=client' queue%n");
        out.printf("%nInspector: inspect ls|dump|watch|rm|gc|unlock ... (inspect --help)%n");
    }
}
