package io.mproc.examples.inspect;

import io.mproc.inspect.InspectException;
import io.mproc.inspect.Inspector;
import io.mproc.memory.Namespace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code inspect}: the command line over {@link Inspector}, run as
 * {@code java -jar ipc-examples/target/ipc-examples.jar inspect ls|dump|rm|gc|unlock|watch ...} or {@code bin/mproc}.
 * Exit codes: {@value #OK} ok, {@value #NOT_FOUND} not found, {@value #USAGE} usage, {@value #REFUSED} refused.
 * Errors are one line on stderr, never a stack trace.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
        "Inspects and cleans up mproc's shared objects: what is left in shared memory, who uses it, what is safe " +
            "to delete.",
        "Objects are named NAMESPACE/OBJECT (or by the absolute path of their file)."},
    subcommands = {
        InspectCommands.Ls.class,
        InspectCommands.Dump.class,
        InspectCommands.Watch.class,
        InspectCommands.Rm.class,
        InspectCommands.Gc.class,
        InspectCommands.Unlock.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:ok",
        "1:not found (no such namespace or object)",
        "2:usage (bad arguments)",
        "3:refused (a live process uses it, or the tool cannot tell that none does)"})
public final class InspectCommand implements Runnable
{
    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: no such namespace or object. */
    public static final int NOT_FOUND = 1;
    /** Exit code: bad arguments. */
    public static final int USAGE = 2;
    /** Exit code: refused, to protect a live process, or could not be done. */
    public static final int REFUSED = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command with the given arguments (those after {@code inspect}).
     *
     * @param args command line.
     * @param out  for the reports.
     * @param err  for errors and usage.
     * @return the exit code.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        final PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        final CommandLine commandLine = new CommandLine(new InspectCommand())
            .setOut(outWriter)
            .setErr(errWriter)
            .setExecutionExceptionHandler((ex, cmd, parseResult) -> failed(ex, cmd.getErr()));
        return commandLine.execute(args);
    }

    /**
     * With no subcommand: the usage, as a usage error.
     */
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: ls, dump, watch, rm, " +
            "gc or unlock");
    }

    private static int failed(final Exception ex, final PrintWriter err)
    {
        if (ex instanceof InspectException)
        {
            final InspectException failure = (InspectException)ex;
            err.println("mproc inspect: " + failure.getMessage());
            switch (failure.reason())
            {
                case NOT_FOUND: return NOT_FOUND;
                case USAGE: return USAGE;
                default: return REFUSED;
            }
        }
        err.println("mproc inspect: " + ex); // an I/O error or the like: said in one line, not a stack trace
        return REFUSED;
    }

    /**
     * The options every subcommand takes.
     */
    static final class CommonOptions
    {
        @Option(names = "--json", description = "print JSON instead of aligned text")
        boolean json;

        @Option(names = "--root", paramLabel = "FOLDER",
            description = "folder holding the namespaces (default: the library's: system property mproc.root, " +
                "else environment variable MPROC_ROOT, else /dev/shm/mproc-USER)")
        String root;

        Inspector inspector()
        {
            return new Inspector(null == root || root.isBlank() ? Namespace.defaultRoot() : Path.of(root));
        }

        Output output(final CommandLine.Model.CommandSpec spec)
        {
            return new Output(spec.commandLine().getOut(), json);
        }
    }
}
