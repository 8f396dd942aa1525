package io.mproc.process;

import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.time.Duration;
import java.util.List;

import static io.mproc.process.ChildStartTest.codeSource;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A parent whose {@code java.class.path} is not its application's class path (as under {@code mvn exec:java}):
 * its children get the class path of the class loaders that loaded mproc and the task.
 */
@Timeout(60)
class ClassLoaderLaunchTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private ChildJvm parent;

    @AfterEach
    void tearDown()
    {
        if (null != parent)
        {
            parent.close();
        }
    }

    @Test
    void shouldStartChildFromAParentWhoseClassesComeFromAUrlClassLoader() throws Exception
    {
        final String testClasses = codeSource(ClassLoaderLaunchTest.class);
        final String application = String.join(File.pathSeparator, codeSource(ChildProcess.class), testClasses,
            codeSource(org.agrona.DirectBuffer.class), codeSource(com.sun.jna.Native.class),
            codeSource(org.slf4j.LoggerFactory.class));

        parent = ChildJvm.start(List.of(), testClasses, ClassLoaderParentMain.class, application);

        parent.awaitLine("CHILD ran Process-1", TIMEOUT);
        assertEquals("PARENT exitCode=0", parent.awaitLine("PARENT", TIMEOUT), parent.stderr());
        assertEquals(0, parent.waitFor(TIMEOUT), parent.stderr());
    }
}
