package io.mproc.journal;

import io.mproc.internal.ChronicleFlagCheck;
import io.mproc.internal.JvmFlags;
import io.mproc.memory.MissingJvmFlagsException;
import net.openhft.chronicle.queue.ChronicleQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * The check, before a journal opens, for the JVM flags Chronicle Queue needs on JDK 17+. Without the exports of
 * {@code sun.nio.ch} and {@code jdk.internal.ref} Chronicle opens the queue read-only and fails only at the first
 * append ("Can't append to a read-only chronicle"); this fails at once, naming the flags and where to put them.
 * The flags are in the project's one list (the parent pom's {@code mproc.addExports}), so child JVMs that mproc
 * starts have them.
 */
final class JournalFlagCheck
{
    private static final String[] EXPORTS = {"sun.nio.ch", "jdk.internal.ref"};

    private JournalFlagCheck()
    {
    }

    /**
     * @return the flags this JVM lacks for a journal: empty when it has them all.
     */
    static List<String> missing()
    {
        final List<String> missing = new ArrayList<>(JvmFlags.missingForSharedMemory());
        final Module chronicle = ChronicleQueue.class.getModule();
        final String target = chronicle.isNamed() ? chronicle.getName() : "ALL-UNNAMED";
        for (final String pkg : EXPORTS)
        {
            if (!Object.class.getModule().isExported(pkg, chronicle))
            {
                missing.add("--add-exports=java.base/" + pkg + "=" + target);
            }
        }
        return missing;
    }

    /**
     * @throws MissingJvmFlagsException naming the missing flags.
     */
    static void check()
    {
        final List<String> missing = missing();
        if (!missing.isEmpty())
        {
            throw new MissingJvmFlagsException(missing, "the durable journal (Chronicle Queue)");
        }
        ChronicleFlagCheck.checkOnce(); // warns once when java.lang.reflect is not open
    }
}
