package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EventContract} on the shared-memory backend. */
class ShmEventContractTest extends EventContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
