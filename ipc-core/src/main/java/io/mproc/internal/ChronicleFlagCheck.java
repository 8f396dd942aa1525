package io.mproc.internal;

import net.openhft.chronicle.bytes.BytesMarshallable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The check, done once per JVM when Chronicle Bytes marshalling is first used, for the flag it wants. Without
 * {@code --add-opens=java.base/java.lang.reflect=ALL-UNNAMED} Chronicle still marshals, but logs an error that names
 * no flag ("Chronicle products may require command line arguments"); this logs a warning that names it. Kept apart
 * from {@link JvmFlags} so that only a JVM that marshals Chronicle types ever loads Chronicle.
 */
public final class ChronicleFlagCheck
{
    private static final Logger LOGGER = LoggerFactory.getLogger(ChronicleFlagCheck.class);

    static
    {
        final List<String> missing = JvmFlags.missingForChronicle(BytesMarshallable.class);
        if (!missing.isEmpty())
        {
            LOGGER.warn("Chronicle BytesMarshallable values: this JVM was started without {}{}; Chronicle still " +
                "marshals but logs an error. Add it where the JVM is started, next to the other mproc flags " +
                "(see io.mproc.JvmFlags)", String.join(" ", missing), JvmFlags.warnsAboutUnsafeMemoryAccess() ?
                " (and, unless given, --sun-misc-unsafe-memory-access=allow against the JDK's warning)" : "");
        }
    }

    private ChronicleFlagCheck()
    {
    }

    /**
     * Runs the check the first time it is called; a no-op after.
     */
    public static void checkOnce()
    {
        // the static initialiser did the work
    }
}
