package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PoolContract} on the shared-memory backend. */
class ShmPoolContractTest extends PoolContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
