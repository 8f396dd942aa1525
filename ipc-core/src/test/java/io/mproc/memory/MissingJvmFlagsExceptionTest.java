package io.mproc.memory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The message says exactly which flags are missing and, for each way of starting a JVM, where they go.
 */
class MissingJvmFlagsExceptionTest
{
    private static final String EXPORT = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    private static final String OPEN = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    private static final String NATIVE = "--enable-native-access=ALL-UNNAMED";

    @Test
    void shouldNameEveryMissingFlagAndWhereToPutIt()
    {
        final MissingJvmFlagsException ex = new MissingJvmFlagsException(List.of(EXPORT, NATIVE), "shared memory");

        assertEquals(List.of(EXPORT, NATIVE), ex.missingFlags());
        final String message = ex.getMessage();
        assertTrue(message.contains("shared memory: " + EXPORT + " " + NATIVE), message);
        assertTrue(message.contains("java " + EXPORT + " " + NATIVE + " -cp"), message);
        assertTrue(message.contains("<argLine>" + EXPORT + " " + NATIVE + "</argLine>"), message);
        assertTrue(message.contains("jvmArgs '" + EXPORT + "', '" + NATIVE + "'"), message);
        assertTrue(message.contains(".mvn/jvm.config") && message.contains("MAVEN_OPTS"), message);
        assertTrue(message.contains("Add-Exports: java.base/jdk.internal.misc, Enable-Native-Access: ALL-UNNAMED"),
            message);
        assertFalse(message.contains("Add-Opens"), "lists only what is missing: " + message);
    }

    @Test
    void shouldGiveOpensTheirManifestAttributeAndNamedModulesNone()
    {
        final String opens = new MissingJvmFlagsException(List.of(OPEN), "Chronicle values").getMessage();
        assertTrue(opens.contains("Add-Opens: java.base/java.lang.reflect"), opens);

        final String named = new MissingJvmFlagsException(
            List.of("--add-exports=java.base/jdk.internal.misc=org.agrona.core"), "shared memory").getMessage();
        assertFalse(named.contains("MANIFEST"), "a manifest only speaks for the class path: " + named);
    }
}
