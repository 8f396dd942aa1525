package io.mproc.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Starts a child JVM: its command line (see {@link ChildCommand}), the pumps of its output, and the launch frame
 * on its stdin (see {@link ChildLaunch}).
 */
final class ChildLauncher
{
    private ChildLauncher()
    {
    }

    /**
     * @param options of the child.
     * @param launch  frame to send it.
     * @return the running child.
     * @throws UncheckedIOException when the JVM cannot be started.
     */
    static RunningChild launch(final ChildOptions options, final ChildLaunch launch)
    {
        final String classPath = ChildCommand.absoluteClassPath();
        final ClassDataSharing.Plan plan = ChildCommand.cdsPlan(options, classPath);
        final ProcessBuilder builder = ChildCommand.processBuilder(options, plan, classPath);
        ProcessLogging.debug("starting " + options.name + ": " + String.join(" ", builder.command()));
        final Process process;
        try
        {
            process = builder.start();
        }
        catch (final IOException ex)
        {
            plan.finish(false);
            throw new UncheckedIOException("cannot start a child JVM: java=" + builder.command().get(0), ex);
        }
        final RunningChild child = new RunningChild(options.name, process, OutputPumps.start(process, options), plan);
        sendLaunch(options.name, process, launch);
        return child;
    }

    private static void sendLaunch(final String name, final Process process, final ChildLaunch launch)
    {
        try (OutputStream control = process.getOutputStream())
        {
            launch.writeTo(control);
        }
        catch (final IOException ex)
        {
            // The child died before reading it (a bad JVM option, say): its exit code and stderr tell why.
            ProcessLogging.debug("cannot send the task to " + name + ": " + ex);
        }
    }
}
