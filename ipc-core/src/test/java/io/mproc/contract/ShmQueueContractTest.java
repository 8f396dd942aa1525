package io.mproc.contract;

import io.mproc.Context;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link QueueContract} on the shared-memory backend. */
class ShmQueueContractTest extends QueueContract
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
