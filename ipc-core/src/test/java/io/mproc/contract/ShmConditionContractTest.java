package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConditionContract} on the shared-memory backend. */
class ShmConditionContractTest extends ConditionContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected ContractBackend backend()
    {
        return shm;
    }
}
