package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link QueueContract} on the shared-memory backend. */
class ShmQueueContractTest extends QueueContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
