package io.mproc.manager;

import io.mproc.memory.Namespace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Every test of {@link ManagerTest} against a server of three threads: each operation keeps its meaning whichever
 * server thread runs it, and with the object locks ({@link ObjectLocks}) in the way.
 */
@Timeout(60)
class ManagerThreadedServerTest extends ManagerTest
{
    /** Hides {@link ManagerTest#startManager()}: JUnit runs this one instead. */
    @BeforeAll
    static void startManager()
    {
        namespace = Namespace.temporary();
        manager = Manager.builder(namespace, "m").serverThreads(3).start();
    }
}
