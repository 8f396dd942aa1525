package io.mproc.process;

import io.mproc.memory.Namespace;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For tests of one child at a time in a temporary namespace: the child is stopped and closed, and the namespace
 * deleted, after each test, even when it fails. {@link #startLiveChild()} starts a child that runs until killed.
 */
abstract class LiveChildFixture
{
    protected Namespace namespace;
    protected ChildProcess child;

    @BeforeEach
    void createNamespace()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void stopChild() throws InterruptedException
    {
        ChildProcesses.stopAndClose(child);
        namespace.close();
    }

    /**
     * Starts {@link #child} with a task that says it runs, then blocks until killed, and waits until it says so.
     */
    protected final void startLiveChild()
    {
        final LongValue ready = LongValue.create(namespace, "ready", 0);
        child = new ChildProcess(LiveChildFixture::markReadyAndWait, ready).output(OutputMode.PIPE).start();
        ChildProcesses.await(() -> 1 == ready.get() || !child.isAlive(), "child never became ready: " + child);
        assertTrue(child.isAlive(), child.toString());
    }

    static void markReadyAndWait(final LongValue ready) throws InterruptedException
    {
        ready.set(1);
        ChildProcesses.blockUntilKilled();
    }
}
