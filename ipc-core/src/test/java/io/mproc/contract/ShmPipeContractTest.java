package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PipeContract} on the shared-memory backend. */
class ShmPipeContractTest extends PipeContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
