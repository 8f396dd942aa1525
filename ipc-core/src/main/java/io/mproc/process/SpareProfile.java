package io.mproc.process;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a child JVM is before it is given its task: everything about its process that cannot change once it runs.
 * A warm {@link Spare} made for one profile only ever becomes a child of exactly that profile, so that a child from a
 * spare is the JVM a cold start would have made.
 *
 * @param command     the command line up to the entry class: the java executable, every JVM option and system
 *                    property (the flags mproc needs, the inherited {@code mproc.*} properties, the AppCDS archive, the
 *                    child's own), and the class path.
 * @param environment the whole environment of the process.
 * @param directory   its working directory, or null for this JVM's.
 * @param stdout      where its stdout goes (inherited, a pipe, a file): chosen when the process starts.
 */
record SpareProfile(List<String> command, Map<String, String> environment, File directory, ProcessBuilder.Redirect stdout)
{
    /** The arguments of {@link ChildMain} that make it a spare; a cold child gets one: its name. */
    static final List<String> SPARE_ARGS = List.of(ChildMain.SPARE_FLAG, "spare");

    /**
     * @param coldStart the builder of a cold child, as {@link ChildCommand#processBuilder} makes it: its command
     *                  ends with {@link ChildMain} and the child's name.
     * @return the profile of that child.
     */
    static SpareProfile of(final ProcessBuilder coldStart)
    {
        final List<String> command = coldStart.command();
        return new SpareProfile(List.copyOf(command.subList(0, command.size() - 1)), Map.copyOf(coldStart.environment()),
            coldStart.directory(), coldStart.redirectOutput());
    }

    /**
     * @return a builder that starts a spare of this profile: the same process, with {@link ChildMain} told to
     * become a spare instead of being given a name.
     */
    ProcessBuilder spareBuilder()
    {
        final List<String> spareCommand = new ArrayList<>(command);
        spareCommand.addAll(SPARE_ARGS);
        final ProcessBuilder builder = new ProcessBuilder(spareCommand);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.directory(directory);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(stdout);
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        return builder;
    }

    /**
     * @return a short description for logs: the JVM options are in the command.
     */
    public String toString()
    {
        return "SpareProfile" + command;
    }
}
