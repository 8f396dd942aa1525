package io.mproc.examples.inspect;

import io.mproc.inspect.ActionReport;
import io.mproc.inspect.Inspector;
import io.mproc.inspect.NamespaceReport;
import io.mproc.inspect.ObjectReport;
import io.mproc.journal.JournalInspection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The subcommands of {@link InspectCommand}, one class each; each prints its report and returns the exit code.
 */
final class InspectCommands
{
    private InspectCommands()
    {
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Lists namespaces (user, size, temporary or not, creator alive or dead), then objects (kind, " +
            "element type, size, creator and whether it is alive, live processes that map it, health).")
    static final class Ls implements Callable<Integer>
    {
        @Mixin
        InspectCommand.CommonOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "NAMESPACE", description = "only this namespace")
        String namespace;

        public Integer call()
        {
            final Inspector inspector = common.inspector();
            final List<NamespaceReport> namespaces = null == namespace ? inspector.namespaces() :
                List.of(inspector.namespace(namespace));
            final List<ObjectReport> objects = inspector.objects(namespaces);
            final Output output = common.output(spec);
            if (output.json())
            {
                final Map<String, Object> document = new LinkedHashMap<>();
                document.put("root", inspector.root().toString());
                document.put("namespaces", namespaces.stream().map(NamespaceReport::toMap).collect(Collectors.toList()));
                document.put("objects", objects.stream().map(ObjectReport::toMap).collect(Collectors.toList()));
                output.document(document);
                return InspectCommand.OK;
            }
            output.text("root: " + inspector.root());
            output.table(List.of("NAMESPACE", "USER", "BYTES", "TEMPORARY", "CREATOR", "OBJECTS"),
                namespaces.stream().map(Ls::row).collect(Collectors.toList()));
            output.text("");
            output.table(List.of("NAMESPACE", "NAME", "KIND", "TYPE", "BYTES", "CREATOR", "MAPPED BY", "HEALTH"),
                objects.stream().map(Ls::row).collect(Collectors.toList()));
            return InspectCommand.OK;
        }

        private static List<String> row(final NamespaceReport folder)
        {
            return List.of(folder.name(), folder.user(), Long.toString(folder.sizeBytes()),
                folder.temporary() ? "yes" : "no", folder.temporary() ? process(folder.creatorPid(),
                folder.creatorAlive()) : "-", Integer.toString(folder.objects()));
        }

        private static List<String> row(final ObjectReport object)
        {
            final boolean header = object.headerRead();
            return List.of(object.namespace(), object.name(), header ? object.kind() : "?",
                header ? object.elementType() : "?", Long.toString(object.fileBytes()),
                header ? process(object.creatorPid(), object.creatorAlive()) : "?",
                object.mappers().isEmpty() ? "-" : object.mappers().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")),
                object.health().name() + (object.orphan() ? " (orphan)" : ""));
        }

        private static String process(final long pid, final boolean alive)
        {
            return pid + (alive ? " (alive)" : " (dead)");
        }
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Prints an object's header and live state: a value; an array's length and first elements; a " +
            "queue's positions, depth, producers and claims, consumers; a lock's owner and whether it is alive; a " +
            "semaphore's permits and holders; an event; a condition's waiters; a barrier; a pipe's two ends; a " +
            "journal's cycle files, indexes, subscriber positions and consumer groups' claims (NAME: its directory).")
    static final class Dump implements Callable<Integer>
    {
        @Mixin
        InspectCommand.CommonOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "NAMESPACE/OBJECT, the absolute path of its file, or a " +
            "journal's directory")
        String name;

        public Integer call()
        {
            common.output(spec).document(dumpOf(common, name));
            return InspectCommand.OK;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Dumps an object again and again, as top does (with --json: one JSON document per line).")
    static final class Watch implements Callable<Integer>
    {
        @Mixin
        InspectCommand.CommonOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "NAMESPACE/OBJECT, or the absolute path of its file")
        String name;

        @Option(names = "--interval-ms", defaultValue = "1000", description = "time between dumps (default: " +
            "${DEFAULT-VALUE})")
        long intervalMs;

        @Option(names = "--count", defaultValue = "0", description = "dumps to print, 0 for no end (default: " +
            "${DEFAULT-VALUE})")
        long count;

        public Integer call() throws InterruptedException
        {
            if (intervalMs < 1 || count < 0)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--interval-ms must be at least 1 and " +
                    "--count at least 0: interval-ms=" + intervalMs + ", count=" + count);
            }
            final Inspector inspector = common.inspector();
            final Output output = common.output(spec);
            final boolean terminal = null != System.console() && !output.json();
            for (long i = 0; 0 == count || i < count; i++)
            {
                if (i > 0)
                {
                    Thread.sleep(intervalMs);
                }
                final Map<String, Object> dump = dumpOf(common, name);
                if (terminal)
                {
                    output.text("\033[H\033[2J" + "every " + intervalMs + " ms: " + name); // clear the screen first
                }
                else if (!output.json() && i > 0)
                {
                    output.text("---");
                }
                output.line(dump);
            }
            return InspectCommand.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Removes an object or a whole namespace; refuses while a live process maps it.")
    static final class Rm implements Callable<Integer>
    {
        @Mixin
        InspectCommand.CommonOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME|NAMESPACE", description = "NAMESPACE/OBJECT, NAMESPACE, or an absolute path")
        String target;

        @Option(names = "--force", description = "remove even what live processes map: they keep their memory, " +
            "but nobody can open it by name any more")
        boolean force;

        public Integer call()
        {
            print(common.output(spec), common.inspector().remove(target, force));
            return InspectCommand.OK;
        }
    }

    @Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Removes the orphans: objects whose creator is dead and that no live process maps, temporary " +
            "namespaces of dead processes, staging files of dead creators. Files whose header cannot be trusted " +
            "are kept and listed: remove them with rm.")
    static final class Gc implements Callable<Integer>
    {
        @Mixin
        InspectCommand.CommonOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dry-run", description = "list what would be removed, remove nothing")
        boolean dryRun;

        public Integer call()
        {
            print(common.output(spec), common.inspector().gc(dryRun));
            return InspectCommand.OK;
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Releases a lock whose owner process is dead (a LOCK, an RLOCK, or the lock of a VALUE or a " +
            "CONDITION), with the library's own recovery: the lock is taken over from the dead owner, counted as a " +
            "recovery, then released. Refused while the owner lives.")
    static final class Unlock implements Callable<Integer>
    {
        @Mixin
        InspectCommand.CommonOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "NAMESPACE/OBJECT of the lock, value or condition")
        String name;

        public Integer call()
        {
            print(common.output(spec), common.inspector().unlock(name));
            return InspectCommand.OK;
        }
    }

    /**
     * @return the dump of a shared object, or of a journal when {@code name} is a journal's directory (a journal
     * lives on disk, outside the namespaces: ipc-journal reads it, since ipc-core cannot depend on it).
     */
    private static Map<String, Object> dumpOf(final InspectCommand.CommonOptions common, final String name)
    {
        final Path path = Path.of(name);
        if (JournalInspection.isJournal(path))
        {
            return JournalInspection.dump(path);
        }
        return common.inspector().dump(name).toMap();
    }

    private static void print(final Output output, final ActionReport report)
    {
        if (output.json())
        {
            output.document(report.toMap());
            return;
        }
        output.text(report.message());
        if ("gc".equals(report.action())) // rm and unlock name what they did in their message
        {
            report.removed().forEach((path) -> output.text((report.dryRun() ? "  would remove " : "  removed ") + path));
        }
        report.kept().forEach((kept) -> output.text("  kept " + kept));
    }
}
