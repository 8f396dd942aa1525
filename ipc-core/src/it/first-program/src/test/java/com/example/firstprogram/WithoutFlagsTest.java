package com.example.firstprogram;

import io.mproc.JvmFlags;
import io.mproc.memory.MissingJvmFlagsException;
import io.mproc.memory.Namespace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs in a JVM started without any flag (the surefire execution "without-flags"): the first use of shared memory
 * fails at once with a message that names the missing flag and where to put it.
 */
class WithoutFlagsTest
{
    private static final String FLAG = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    @Test
    void shouldSayWhichFlagIsMissingAndWhereToPutIt()
    {
        assertTrue(JvmFlags.missing().contains(FLAG), "this JVM runs without the flag: " + JvmFlags.missing());

        final MissingJvmFlagsException thrown = assertThrows(MissingJvmFlagsException.class, Namespace::temporary);

        final String message = thrown.getMessage();
        assertTrue(thrown.missingFlags().contains(FLAG), thrown.missingFlags().toString());
        assertTrue(message.contains(FLAG), message);
        assertTrue(message.contains("<argLine>" + FLAG), "tells a Maven user where: " + message);
        assertTrue(message.contains("jvmArgs"), "tells a Gradle user where: " + message);
        assertTrue(message.contains("Add-Exports: java.base/jdk.internal.misc"), "tells a jar's author where: " + message);
    }
}
