package io.mproc.contract;

import io.mproc.Context;

import java.util.List;

/**
 * What a backend gives the contract tests: its context in this JVM and the URI by which a child JVM opens the same
 * one. A backend's test subclass registers its backend as a JUnit extension and hands it to
 * {@link ContractTestBase#backend()}.
 */
public interface ContractBackend
{
    /**
     * @return the URI a child JVM opens this test's context with, by {@link io.mproc.Multiprocessing#context(String)}.
     */
    String contextUri();

    /**
     * @return this JVM's context for the current test (the same object on every call within a test).
     */
    Context context();

    /**
     * @return extra JVM options for the children, beyond mproc's own flags (none by default).
     */
    default List<String> childJvmOptions()
    {
        return List.of();
    }
}
