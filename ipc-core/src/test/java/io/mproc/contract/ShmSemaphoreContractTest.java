package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SemaphoreContract} on the shared-memory backend. */
class ShmSemaphoreContractTest extends SemaphoreContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
