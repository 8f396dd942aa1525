package io.mproc.examples;

import io.mproc.process.ChildProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;

/**
 * Runs one example by name: {@code java -jar ipc-examples/target/ipc-examples.jar <name>}, or all of them with
 * {@code all}. With no name it prints its usage and the list. Exits non-zero when an example fails.
 */
@Command(
    name = "ipc-examples",
    mixinStandardHelpOptions = true,
    description = "Runs an mproc example: a Java twin of a Python multiprocessing example.")
public final class ExamplesMain implements Callable<Integer>
{
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
        if ("all".equals(name))
        {
            for (final Example example : Example.all())
            {
                System.out.println("=== " + example.name() + ": " + example.description());
                run(example);
                endChildren();
                io.mproc.process.ProcessLogging.disable(); // the logging example turns it on: not for the rest
                System.out.println();
            }
            return 0;
        }
        final Example example = Example.byName(name);
        if (null == example)
        {
            System.err.println("unknown example: " + name);
            CommandLine.usage(this, System.err);
            printList(System.err);
            return 2;
        }
        run(example);
        return 0;
    }

    /**
     * What the end of a Python script does, between two examples: terminate the daemon children left running, join
     * the others, so that each example starts alone. A single example leaves this to the JVM's exit.
     */
    private static void endChildren() throws InterruptedException
    {
        for (final ChildProcess child : ChildProcess.activeChildren())
        {
            if (child.isDaemon())
            {
                child.terminate();
            }
        }
        for (final ChildProcess child : ChildProcess.activeChildren())
        {
            child.join();
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
        out.printf("  %-16s %s%n", "all", "runs every example above in turn");
        out.printf("%nInspector: inspect ls|dump|watch|rm|gc|unlock ... (inspect --help)%n");
    }
}
