package io.mproc.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a child JVM: its command line (see {@link ChildCommand}), the pumps of its output, and the launch frame
 * on its stdin (see {@link ChildLaunch}). The JVM is a ready warm {@link Spare} of the child's exact
 * {@link SpareProfile} when there is one ({@link WarmSpares}), else a new one.
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
        // A child that makes an AppCDS archive must run with the dump option from its start: no spare has it.
        final SpareProfile profile = WarmSpares.count() > 0 && null == plan.dumpFile() ? SpareProfile.of(builder) : null;
        final Spare spare = null == profile ? null : SpareStore.take(profile);
        final LineSink stderrSink = OutputPumps.stderrSink(options);
        final Process process;
        if (null != spare)
        {
            ProcessLogging.debug("starting " + options.name + " from spare " + spare.pid());
            process = spare.process();
        }
        else
        {
            ProcessLogging.debug("starting " + options.name + ": " + String.join(" ", builder.command()));
            process = startCold(builder, plan, stderrSink);
        }
        final OutputPumps pumps = OutputPumps.start(process, null == spare ? process.getErrorStream() : spare.stderr(),
            options, stderrSink, token);
        final RunningChild child = new RunningChild(options.name, process, pumps, plan, null != spare);
        sendLaunch(options.name, process, launch);
        if (null != profile)
        {
            // Replace the spare, or make the first of this profile, once the child is up: never on the caller's path.
            child.ready().thenRun(new TopUp(profile));
        }
        return child;
    }

    /**
     * @param options of a child, not started.
     * @param task    it runs.
     * @return the profile of spares it can start from; null when spares are off or it cannot use one (it makes an
     * AppCDS archive).
     */
    static SpareProfile spareProfile(final ChildOptions options, final ChildTask task)
    {
        if (WarmSpares.count() <= 0)
        {
            return null;
        }
        final String classPath = ChildCommand.classPath(options, task);
        final Path archive = ChildCommand.cdsArchive(options, classPath);
        if (null != archive && ClassDataSharing.isJarsOnly(classPath) && !Files.isRegularFile(archive))
        {
            return null; // its first child makes the archive, with an option no spare has
        }
        return SpareProfile.of(ChildCommand.processBuilder(options, ClassDataSharing.plan(archive, classPath), classPath));
    }

    private static Process startCold(final ProcessBuilder builder, final ClassDataSharing.Plan plan,
        final LineSink stderrSink)
    {
        try
        {
            return builder.start();
        }
        catch (final IOException ex)
        {
            plan.finish(false);
            stderrSink.close();
            throw new UncheckedIOException("cannot start a child JVM: java=" + builder.command().get(0), ex);
        }
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

    /**
     * Tops up the spares of a profile; a class, not a lambda, as everything a child may load at start-up.
     */
    private static final class TopUp implements Runnable
    {
        private final SpareProfile profile;

        TopUp(final SpareProfile profile)
        {
            this.profile = profile;
        }

        public void run()
        {
            SpareStore.topUpAfterStart(profile);
        }
    }
}
