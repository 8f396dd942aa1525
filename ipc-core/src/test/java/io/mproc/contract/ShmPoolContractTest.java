package io.mproc.contract;

import io.mproc.Context;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PoolContract} on the shared-memory backend. */
class ShmPoolContractTest extends PoolContract
{
    @RegisterExtension
    final ShmContext shm = new ShmContext();

    @Override
    protected String contextUri()
    {
        return shm.uri();
    }

    @Override
    protected Context context()
    {
        return shm.context();
    }
}
