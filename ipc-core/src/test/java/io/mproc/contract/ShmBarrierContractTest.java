package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link BarrierContract} on the shared-memory backend. */
class ShmBarrierContractTest extends BarrierContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
