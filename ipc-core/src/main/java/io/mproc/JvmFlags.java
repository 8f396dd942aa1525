package io.mproc;

import io.mproc.memory.MissingJvmFlagsException;

import java.util.List;

/**
 * The JVM flags mproc needs, and whether this JVM has them.
 * <p>
 * On JDK 17+ a library may only reach into the JDK's internals where the JVM was started with a flag allowing it.
 * Measured feature by feature on OpenJDK 17.0.15 and Temurin 25.0.3, with mproc on the class path (a library on the
 * module path needs its module name in place of {@code ALL-UNNAMED}):
 * <table>
 *   <caption>Flags per feature</caption>
 *   <tr><th>feature</th><th>JDK 17</th><th>JDK 22+ (measured on 25)</th></tr>
 *   <tr><td>shared values and arrays ({@code Namespace}, {@code LongValue}, ...)</td>
 *       <td>{@code --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED}; without it Agrona fails with an
 *           {@code IllegalAccessError}, so mproc refuses to open a namespace with a {@link MissingJvmFlagsException}
 *       </td><td>the same</td></tr>
 *   <tr><td>locks, events, conditions, semaphores, barriers (futex waits through JNA); queues and pipes (which wait
 *           the same way)</td>
 *       <td>the same, nothing more</td>
 *       <td>also {@code --enable-native-access=ALL-UNNAMED}; without it JNA works but the JDK prints a four-line
 *           warning on stderr when it loads; with {@code --illegal-native-access=deny} and without it, waits
 *           poll instead of blocking on a futex</td></tr>
 *   <tr><td>child processes and process pools</td>
 *       <td>in the parent, the same as queues; the child JVMs get {@link #required()} from mproc, so the user
 *           never repeats a flag for them</td><td>the same</td></tr>
 *   <tr><td>Chronicle {@code BytesMarshallable} values in queues and pipes</td>
 *       <td>also {@code --add-opens=java.base/java.lang.reflect=ALL-UNNAMED}; without it it still works but
 *           Chronicle logs an error ("Chronicle products may require command line arguments")</td>
 *       <td>also {@code --sun-misc-unsafe-memory-access=allow} (JDK 23+ accept it); without it (JDK 24+) the JDK
 *           warns on stderr that Chronicle's jffi uses {@code sun.misc.Unsafe}</td></tr>
 * </table>
 * So a JVM that shares values, queues and pools needs only {@link #minimal()}; {@link #required()} adds what
 * Chronicle values need and the system properties that keep Chronicle from phoning home
 * ({@code -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true}). The whole ipc-core test suite
 * passes with {@link #required()} alone. The durable journal (module {@code ipc-journal}, on Chronicle Queue) also
 * needs {@code --add-exports} of {@code java.base/sun.nio.ch} and {@code java.base/jdk.internal.ref} (without them
 * Chronicle opens the queue read-only and fails at the first append); they are in {@link #required()}, so child
 * JVMs have them, and opening a journal without them throws a {@link MissingJvmFlagsException} naming them.
 * <p>
 * mproc checks once, when the first namespace is opened, and throws a {@link MissingJvmFlagsException} listing the
 * missing flag and where to put it (command line, Surefire {@code <argLine>}, Gradle {@code jvmArgs}, a jar
 * manifest's {@code Add-Exports}, {@code .mvn/jvm.config} for {@code exec:java}). Where Chronicle is first loaded it
 * logs a warning naming the missing {@code --add-opens} flag.
 */
public final class JvmFlags
{
    private JvmFlags()
    {
    }

    /**
     * Every flag mproc gives the child JVMs and pool workers it starts, in order: exports, opens, native access,
     * flags only newer JDKs accept, then system properties: {@link #minimal()}, plus what Chronicle values need and
     * the system properties that keep Chronicle quiet. Put these on a JVM to use every mproc feature without an
     * error or a warning.
     *
     * @return an unmodifiable list of flags.
     */
    public static List<String> required()
    {
        return io.mproc.internal.JvmFlags.required();
    }

    /**
     * Every flag a JVM that joins an Apache Ignite cluster (the {@code ipc-cluster} backend, {@code ignite://}
     * contexts) needs on JDK 17+: {@link #required()}, then the {@code --add-opens} of Ignite's own start script
     * (Ignite's documented list for JDK 17) and the system properties that turn Ignite's update check off and its
     * console banner down. mproc gives them to the child JVMs it starts for a cluster context; the examples jar and
     * {@code bin/mproc-node} carry them.
     *
     * @return an unmodifiable list of flags.
     */
    public static List<String> cluster()
    {
        return io.mproc.internal.JvmFlags.cluster();
    }

    /**
     * The fewest flags with which shared values, sync, queues, pipes, child processes and pools work on this JDK
     * without an error or a warning: {@code --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED}, and on JDK 22+
     * {@code --enable-native-access=ALL-UNNAMED}.
     *
     * @return an unmodifiable list of flags.
     */
    public static List<String> minimal()
    {
        return io.mproc.internal.JvmFlags.minimal();
    }

    /**
     * The flags of {@link #minimal()} this JVM was started without.
     *
     * @return an unmodifiable list, empty when nothing is missing.
     */
    public static List<String> missing()
    {
        return io.mproc.internal.JvmFlags.missing();
    }

    /**
     * Checks that this JVM has every flag of {@link #minimal()}: call it first thing in {@code main} to fail at once
     * rather than at first use. Stricter than mproc's own check, which only refuses the flag it cannot work without
     * and leaves the missing native access to the JDK's warning.
     *
     * @throws MissingJvmFlagsException naming the missing flags and where to put them.
     */
    public static void check()
    {
        final List<String> missing = missing();
        if (!missing.isEmpty())
        {
            throw new MissingJvmFlagsException(missing, "shared memory and futex waits");
        }
    }
}
