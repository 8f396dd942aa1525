/**
 * Contract tests of the front door ({@link io.mproc.Context}): one abstract test per primitive, whose cases every
 * backend must pass, across separate JVMs. A backend's subclass implements two hooks, {@code contextUri()} (what a
 * child JVM opens with {@link io.mproc.Multiprocessing#context(String)}) and {@code context()} (this JVM's context
 * for the current test), typically from a JUnit extension that opens the context before each test and closes it
 * after (extension callbacks run after the base class's {@code @AfterEach}, which kills the test's children first).
 * <p>
 * The cases assume nothing of the backend beyond the interfaces: no file system, no speed (no timing asserts; each
 * wait for another process has a generous guard timeout only against hanging). Object names are unique per test
 * ({@link io.mproc.contract.ContractTestBase#name(String)}), so a backend may share one cluster between tests.
 */
package io.mproc.contract;
