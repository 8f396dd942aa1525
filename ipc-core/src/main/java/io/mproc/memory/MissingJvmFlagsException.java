package io.mproc.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Thrown when this JVM was started without a JVM flag that mproc cannot work without, before anything is mapped:
 * on JDK 17+ Agrona reaches shared memory through {@code jdk.internal.misc.Unsafe}, which the JDK only lets it use
 * when started with {@code --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED}. The message lists exactly the
 * missing flags and, for each way of starting a JVM, where to put them; {@link #missingFlags()} returns them.
 * {@code io.mproc.JvmFlags} documents which flags each feature needs.
 */
public class MissingJvmFlagsException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final List<String> missingFlags;

    /**
     * @param missingFlags the flags this JVM lacks, as they would be typed on a command line.
     * @param needs        what the flags are needed for, such as "shared memory (Agrona)".
     */
    public MissingJvmFlagsException(final List<String> missingFlags, final String needs)
    {
        super(describe(missingFlags, needs));
        this.missingFlags = List.copyOf(missingFlags);
    }

    /**
     * @return the flags this JVM lacks, as they would be typed on a command line.
     */
    public List<String> missingFlags()
    {
        return missingFlags;
    }

    private static String describe(final List<String> flags, final String needs)
    {
        final String line = String.join(" ", flags);
        final StringBuilder message = new StringBuilder()
            .append("this JVM was started without the JVM flags mproc needs for ").append(needs).append(": ")
            .append(line).append("\nAdd them where the JVM is started:")
            .append("\n  command line:     java ").append(line).append(" -cp ... your.Main")
            .append("\n  Maven Surefire:   <configuration><argLine>").append(line)
            .append("</argLine></configuration>")
            .append("\n  Gradle:           test { jvmArgs ").append(quoted(flags)).append(" }, the same in a JavaExec task,")
            .append(" or application { applicationDefaultJvmArgs = [").append(quoted(flags)).append("] }")
            .append("\n  exec:java:        one flag per line in .mvn/jvm.config, or MAVEN_OPTS=\"").append(line)
            .append("\" (exec:java runs in Maven's own JVM; exec:exec takes them on its command line)");
        final String manifest = manifestAttributes(flags);
        if (!manifest.isEmpty())
        {
            message.append("\n  java -jar:        in the jar's META-INF/MANIFEST.MF: ").append(manifest);
        }
        return message.append("\n  anywhere else:    JDK_JAVA_OPTIONS=\"").append(line).append('"')
            .append("\nio.mproc.JvmFlags lists the flags each mproc feature needs.").toString();
    }

    private static String quoted(final List<String> flags)
    {
        final List<String> quoted = new ArrayList<>();
        flags.forEach((flag) -> quoted.add("'" + flag + "'"));
        return String.join(", ", quoted);
    }

    /**
     * The jar manifest attributes that stand for the flags: {@code Add-Exports} and {@code Add-Opens} take
     * {@code module/package} pairs, {@code Enable-Native-Access} (JDK 22+) only {@code ALL-UNNAMED}. They only apply
     * to the class path, so a flag for a named module has none.
     */
    private static String manifestAttributes(final List<String> flags)
    {
        final List<String> exports = new ArrayList<>();
        final List<String> opens = new ArrayList<>();
        final List<String> attributes = new ArrayList<>();
        for (final String flag : flags)
        {
            if (flag.startsWith("--add-exports=") && flag.endsWith("=ALL-UNNAMED"))
            {
                exports.add(flag.substring("--add-exports=".length(), flag.length() - "=ALL-UNNAMED".length()));
            }
            else if (flag.startsWith("--add-opens=") && flag.endsWith("=ALL-UNNAMED"))
            {
                opens.add(flag.substring("--add-opens=".length(), flag.length() - "=ALL-UNNAMED".length()));
            }
            else if (flag.equals("--enable-native-access=ALL-UNNAMED"))
            {
                attributes.add("Enable-Native-Access: ALL-UNNAMED");
            }
        }
        if (!opens.isEmpty())
        {
            attributes.add(0, "Add-Opens: " + String.join(" ", opens));
        }
        if (!exports.isEmpty())
        {
            attributes.add(0, "Add-Exports: " + String.join(" ", exports));
        }
        return String.join(", ", attributes);
    }
}
