package io.mproc.process;

import io.mproc.internal.JvmFlags;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The command line and process set-up of a child JVM: java executable, the flags mproc needs, inherited
 * {@code mproc.*} properties, global and per-process options, class path, AppCDS options, redirections.
 */
final class ChildCommand
{
    /** SLF4J 2's system property for the level of its own reports ({@code SLF4J(W): No SLF4J providers ...}). */
    static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private ChildCommand()
    {
    }

    /**
     * @param options of the child.
     * @param plan    of class data sharing, from {@link #cdsPlan(ChildOptions, String)}.
     * @param classPath absolute class path of the child.
     * @return a process builder ready to start the child, its stdin a pipe.
     */
    static ProcessBuilder processBuilder(final ChildOptions options, final ClassDataSharing.Plan plan, final String classPath)
    {
        final ProcessBuilder builder = new ProcessBuilder(command(options, classPath, plan.options()));
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(stdoutRedirect(options));
        builder.redirectError(ProcessBuilder.Redirect.PIPE); // status lines come this way: see OutputPumps
        builder.environment().putAll(options.environment);
        if (null != options.directory)
        {
            builder.directory(options.directory.toFile());
        }
        return builder;
    }

    /**
     * @param options   of the child.
     * @param classPath absolute class path of the child.
     * @return the AppCDS archive to map or make, chosen by the options or {@value ChildProcess#CDS_PROPERTY}.
     */
    static ClassDataSharing.Plan cdsPlan(final ChildOptions options, final String classPath)
    {
        return ClassDataSharing.plan(cdsArchive(options, classPath), classPath);
    }

    /**
     * @param options   of the child.
     * @param classPath absolute class path of the child.
     * @return the AppCDS archive chosen by the options or {@value ChildProcess#CDS_PROPERTY}, or null.
     */
    static Path cdsArchive(final ChildOptions options, final String classPath)
    {
        return options.cdsArchiveSet ? options.cdsArchive :
            ClassDataSharing.archiveFor(System.getProperty(ChildProcess.CDS_PROPERTY), classPath);
    }

    static List<String> command(final ChildOptions options, final String classPath, final List<String> cdsOptions)
    {
        final List<String> command = new ArrayList<>();
        command.add(null != options.javaExecutable ? options.javaExecutable.toString() :
            Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.addAll(cdsOptions);
        final List<String> inherited = new ArrayList<>(System.getProperties().stringPropertyNames());
        Collections.sort(inherited);
        for (final String key : inherited)
        {
            if (key.startsWith("mproc.") && !options.systemProperties.containsKey(key))
            {
                command.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        if (!options.systemProperties.containsKey(SLF4J_VERBOSITY))
        {
            // What SLF4J reports about its own set-up (no provider, several) this JVM reports too, if it logs:
            // the child has the same class path, so the same providers, and need not repeat it.
            command.add("-D" + SLF4J_VERBOSITY + "=" + System.getProperty(SLF4J_VERBOSITY, "ERROR"));
        }
        final String globalOptions = System.getProperty(ChildProcess.JVM_OPTIONS_PROPERTY, "").trim();
        if (!globalOptions.isEmpty())
        {
            for (final String option : globalOptions.split("\\s+"))
            {
                ChildOptions.checkJvmOption(option);
                command.add(option);
            }
        }
        for (final Map.Entry<String, String> property : options.systemProperties.entrySet())
        {
            command.add("-D" + property.getKey() + "=" + property.getValue());
        }
        command.addAll(options.jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        command.add(options.name); // only so that ps shows which child this is
        return command;
    }

    /**
     * @param options of the child.
     * @param task    it runs.
     * @return its class path: the one given, or the one derived from this JVM ({@link ChildClassPath}).
     */
    static String classPath(final ChildOptions options, final ChildTask task)
    {
        return null != options.classPath ? options.classPath : ChildClassPath.derive(task.classes());
    }

    private static ProcessBuilder.Redirect stdoutRedirect(final ChildOptions options)
    {
        if (null != options.outputFile)
        {
            return ProcessBuilder.Redirect.appendTo(options.outputFile.toFile());
        }
        return OutputMode.INHERIT == options.outputMode ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE;
    }
}
