package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DictListContract} on the shared-memory backend. */
class ShmDictListContractTest extends DictListContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
