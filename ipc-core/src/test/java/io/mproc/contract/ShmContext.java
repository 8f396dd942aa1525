package io.mproc.contract;

import io.mproc.LocalContext;
import io.mproc.Multiprocessing;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared-memory backend for the contract tests: a fresh temporary context per test (a namespace of its own),
 * closed after it, which deletes its files. As an extension it closes after the base class's {@code @AfterEach}
 * has killed the test's children.
 */
final class ShmContext implements ContractBackend, BeforeEachCallback, AfterEachCallback
{
    private LocalContext context;

    @Override
    public void beforeEach(final ExtensionContext extensionContext)
    {
        context = Multiprocessing.context();
    }

    @Override
    public void afterEach(final ExtensionContext extensionContext)
    {
        context.close();
    }

    @Override
    public LocalContext context()
    {
        return context;
    }

    @Override
    public String contextUri()
    {
        return context.uri();
    }
}
