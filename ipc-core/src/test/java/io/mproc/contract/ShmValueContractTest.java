package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ValueContract} on the shared-memory backend. */
class ShmValueContractTest extends ValueContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
