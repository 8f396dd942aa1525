package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LockContract} on the shared-memory backend. */
class ShmLockContractTest extends LockContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
