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
     * @param task    it runs.
     * @param header  of its launch, without the status token.
     * @return the running child.
     * @throws IllegalArgumentException when the task is not serialisable, naming the class (before any JVM starts).
     * @throws UncheckedIOException     when the JVM cannot be started, or its error file cannot be opened.
     */
    static RunningChild launch(final ChildOptions options, final ChildTask task, final ChildLaunch.Header header)
    {
        final String token = StatusLine.newToken();
        final ChildLaunch launch = task.launch(new ChildLaunch.Header(header.name(), header.identity(), header.daemon(),
            header.parentPid(), header.parentStartTime(), header.logSetting(), token));
        final String classPath = ChildCommand.classPath(options, task);
        final ClassDataSharing.Plan plan = ChildCommand.cdsPlan(options, classPath);
        final ProcessBuilder builder = ChildCommand.processBuilder(options, plan, classPath);
        final LineSink stderrSink = OutputPumps.stderrSink(options);
        ProcessLogging.debug("starting " + options.name + ": " + String.join(" ", builder.command()));
        final Process process;
        try
        {
            process = builder.start();
        }
        catch (final IOException ex)
        {
            plan.finish(false);
            stderrSink.close();
            throw new UncheckedIOException("cannot start a child JVM: java=" + builder.command().get(0), ex);
        }
        final RunningChild child = new RunningChild(
            options.name, process, OutputPumps.start(process, options, stderrSink, token), plan);
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
