package io.mproc.test;

import io.mproc.memory.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixture of a test that runs a child JVM: a fresh temporary namespace per test, and, whether the test passes or
 * fails, the child killed and the namespace's files deleted afterwards.
 */
public abstract class MultiProcessTest
{
    /** The test's own namespace, deleted after it. */
    protected Namespace namespace;
    /** The test's child JVM, if it started one: killed after the test if still running. */
    protected ChildJvm child;
    /** The test's further child JVMs, for a test that runs several: each killed after the test if still running. */
    protected final List<ChildJvm> children = new ArrayList<>();

    @BeforeEach
    void createNamespace()
    {
        namespace = Namespace.temporary();
    }

    @AfterEach
    void killChildAndDeleteNamespace()
    {
        if (null != child)
        {
            child.close();
        }
        children.forEach(ChildJvm::close);
        namespace.close();
    }
}
